import { UnknownValueError } from "../../lib/sdk-internals";

/**
 * Reads a value that only makes a message more precise (a principal id, a name) and may be unknown during
 * preview: returns `fallback` instead of letting the read make the whole policy "not evaluated". Values a
 * decision depends on are read directly, so that an unknown one still stops the policy from passing.
 */
export function known<T>(read: () => T, fallback: T): T {
    try {
        return read();
    } catch (e) {
        if (e instanceof UnknownValueError) return fallback;
        throw e;
    }
}

/** The UnknownValueError a read throws, or undefined when the value is known. */
export function unknownIn(read: () => unknown): InstanceType<typeof UnknownValueError> | undefined {
    try {
        read();
        return undefined;
    } catch (e) {
        if (e instanceof UnknownValueError) return e;
        throw e;
    }
}

export const NOT_KNOWN_YET = "(not known until apply)";
