/**
 * Lenient readers over the raw (unvalidated) stack config, for rules that relate several keys.
 * Each returns undefined when the value is missing or of the wrong type: the schema reports that
 * problem itself, and the rule simply has nothing to check.
 */
export type RawConfig = Readonly<Record<string, unknown>>;
export type Path = readonly (string | number)[];

export const PROJECT = "hardened-cluster";

export function keyName(path: Path): string {
    let key = `${PROJECT}:`;
    path.forEach((part, i) => {
        key += typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`;
    });
    return key;
}

export function valueAt(raw: unknown, path: Path): unknown {
    let current: unknown = raw;
    for (const part of path) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<string | number, unknown>)[part];
    }
    return current;
}

export function stringAt(raw: unknown, path: Path): string | undefined {
    const v = valueAt(raw, path);
    return typeof v === "string" ? v : undefined;
}

export function numberAt(raw: unknown, path: Path): number | undefined {
    const v = valueAt(raw, path);
    return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

export function arrayAt(raw: unknown, path: Path): readonly unknown[] {
    const v = valueAt(raw, path);
    return Array.isArray(v) ? v : [];
}
