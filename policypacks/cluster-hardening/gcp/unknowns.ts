import { UnknownValueError } from "../../lib/sdk-internals";

/** A value read through the policy SDK's unknown-checking proxy: known, or unknown until apply (preview). */
export type Read<T> = { readonly known: true; readonly value: T } | { readonly known: false; readonly error: Error };

/**
 * Reads a value that may be unknown during preview without letting the read decide for the policy. The
 * caller decides: a value the verdict does not need is skipped; a value it does need is re-thrown with
 * `need`, so the evaluator reports the policy as not evaluated instead of passing it.
 */
export function read<T>(get: () => T): Read<T> {
    try {
        return { known: true, value: get() };
    } catch (e) {
        if (e instanceof UnknownValueError) return { known: false, error: e };
        throw e;
    }
}

/** The value, or the UnknownValueError again: the verdict depends on it. */
export function need<T>(value: Read<T>): T {
    if (value.known) return value.value;
    throw value.error;
}
