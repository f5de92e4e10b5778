import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";

/** The shipped stack files, Pulumi.<stack>.yaml under stacks/ (Pulumi.yaml sets stackConfigDir). */
export const STACKS_DIR = path.resolve(__dirname, "..", "..", "stacks");
const STACK_FILE = /^Pulumi\.(.+)\.yaml$/;

/**
 * What an encrypted (`secure:`) config value reads as offline. The offline plan and the tests have no
 * key to decrypt it, so every such value becomes this text and its key is marked secret, as the CLI
 * would mark it; programs must never parse it. A real `pulumi up` decrypts the value instead.
 */
export const OFFLINE_SECRET_PLACEHOLDER = "[secret: encrypted in the stack file, not decrypted offline]";

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

/** A stack file's config in the flat form the CLI hands to a program, and which of its keys are secret. */
export interface StackFileConfig {
    /** "project:key" -> text, with objects and lists as JSON. */
    readonly config: Record<string, string>;
    /** Keys holding an encrypted value (anywhere inside them), read as OFFLINE_SECRET_PLACEHOLDER. */
    readonly secretKeys: readonly string[];
}

export function readStackFile(stack: string, dir: string = STACKS_DIR): StackFileConfig {
    const file = path.join(dir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) throw new UnknownStackError(stack, listStacks(dir));
    const doc = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    return flattenStackConfig(doc.config ?? {});
}

/** A stack file's flat config (see readStackFile); encrypted values read as the offline placeholder. */
export function readStackConfig(stack: string, dir: string = STACKS_DIR): Record<string, string> {
    return readStackFile(stack, dir).config;
}

function isSecure(value: unknown): boolean {
    return value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in (value as object);
}

/** Replaces every `{ secure: ... }` inside `value` with the placeholder; reports whether there was one. */
function withoutSecrets(value: unknown): { value: unknown; secret: boolean } {
    if (isSecure(value)) return { value: OFFLINE_SECRET_PLACEHOLDER, secret: true };
    if (Array.isArray(value)) {
        const items = value.map(withoutSecrets);
        return { value: items.map((i) => i.value), secret: items.some((i) => i.secret) };
    }
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withoutSecrets(v)] as const);
        return { value: Object.fromEntries(entries.map(([k, v]) => [k, v.value])), secret: entries.some(([, v]) => v.secret) };
    }
    return { value, secret: false };
}

export function flattenStackConfig(config: Record<string, unknown>): StackFileConfig {
    const flat: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, raw] of Object.entries(config)) {
        const { value, secret } = withoutSecrets(raw);
        if (secret) secretKeys.push(key);
        flat[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { config: flat, secretKeys };
}
