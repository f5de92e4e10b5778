import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** The shipped stack files, Pulumi.<stack>.yaml under stacks/ (Pulumi.yaml sets stackConfigDir). */
export const STACKS_DIR = path.resolve(__dirname, "..", "..", "stacks");
const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;

export function listStacks(dir: string = STACKS_DIR): string[] {
    return fs
        .readdirSync(dir)
        .map((f) => STACK_FILE.exec(f)?.[1])
        .filter((s): s is string => s !== undefined)
        .sort();
}

export class UnknownStackError extends Error {
    constructor(
        readonly stack: string,
        readonly known: readonly string[],
    ) {
        super(`unknown stack "${stack}"; known stacks: ${known.join(", ") || "(none)"}`);
        this.name = "UnknownStackError";
    }
}

/**
 * A stack file's config in the flat form the CLI hands to a program: "project:key" -> text, with
 * objects and lists as JSON. Encrypted (secure:) values cannot be read offline and are refused.
 */
export function readStackConfig(stack: string, dir: string = STACKS_DIR): Record<string, string> {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) throw new UnknownStackError(stack, listStacks(dir));
    const doc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    return flattenConfig(doc.config ?? {}, file);
}

export function flattenConfig(config: Record<string, unknown>, origin = "config"): Record<string, string> {
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        if (value && typeof value === "object" && "secure" in (value as object)) {
            throw new Error(`${origin}: ${key} is encrypted (secure:); the offline plan cannot decrypt it`);
        }
        flat[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return flat;
}
