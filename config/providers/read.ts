import { z } from "zod";
import { Cloud } from "../../core/vocabulary";
import { ConfigProblem } from "../errors";
import { RawConfig } from "../raw";
import { closestWord } from "../suggest";
import { AWS_CREDENTIAL_KEYS, awsProviderSchema } from "./aws";
import { AZURE_CREDENTIAL_KEYS, azureProviderSchema } from "./azure";
import { GCP_CREDENTIAL_KEYS, GCP_CUSTOM_ENDPOINT_KEY, gcpCustomEndpoint, gcpProviderSchema } from "./gcp";
import { PROVIDER_NAMESPACES, providerKeyName } from "./namespaces";

/** Shown instead of a value that may be credential material: a config error never prints it. */
export const HIDDEN_VALUE = "(hidden: credential material)";

interface NamespaceTable {
    readonly schema: z.ZodObject;
    /** Paths ("accessKey", "assumeRoleWithWebIdentity.webIdentityToken") whose values are never printed. */
    readonly credentialPaths: readonly string[];
    /** Keys outside the table that the namespace still knows, with their schema (GCP's custom endpoints). */
    readonly patternKeys?: { readonly pattern: RegExp; readonly schema: z.ZodType; readonly describe: string };
}

const TABLES: Readonly<Record<Cloud, NamespaceTable>> = {
    aws: { schema: awsProviderSchema, credentialPaths: AWS_CREDENTIAL_KEYS },
    azure: { schema: azureProviderSchema, credentialPaths: AZURE_CREDENTIAL_KEYS },
    gcp: {
        schema: gcpProviderSchema,
        credentialPaths: GCP_CREDENTIAL_KEYS,
        patternKeys: { pattern: GCP_CUSTOM_ENDPOINT_KEY, schema: gcpCustomEndpoint, describe: "<service>CustomEndpoint" },
    },
};

/** The documented keys of a cloud's provider namespace (without the `<service>CustomEndpoint` family). */
export function knownProviderKeys(cloud: Cloud): string[] {
    return Object.keys(TABLES[cloud].schema.shape);
}

function unwrap(schema: z.ZodType): z.ZodType {
    let current = schema;
    while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
    return current;
}

/**
 * Pulumi hands every config value over as text; objects, lists, numbers and booleans as JSON. Text
 * keys keep their text; every other key is parsed (what does not parse is left for the schema to refuse).
 */
function parseValue(schema: z.ZodType | undefined, value: unknown): unknown {
    if (typeof value !== "string") return value;
    const inner = schema ? unwrap(schema) : undefined;
    if (inner instanceof z.ZodString || inner instanceof z.ZodEnum) return value;
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

/** The chosen cloud's provider keys from the raw config, prefix stripped and parsed. */
export function providerValues(cloud: Cloud, raw: RawConfig): Record<string, unknown> {
    const namespace = PROVIDER_NAMESPACES[cloud];
    const table = TABLES[cloud];
    const shape = table.schema.shape as Record<string, z.ZodType>;
    const values: Record<string, unknown> = {};
    for (const [fullKey, value] of Object.entries(raw)) {
        if (!fullKey.startsWith(`${namespace}:`)) continue;
        const key = fullKey.slice(namespace.length + 1);
        const patternSchema = table.patternKeys?.pattern.test(key) ? table.patternKeys.schema : undefined;
        values[key] = parseValue(shape[key] ?? patternSchema, value);
    }
    return values;
}

export function isCredentialPath(cloud: Cloud, path: readonly (string | number)[]): boolean {
    const dotted = path.filter((p) => typeof p === "string").join(".");
    return TABLES[cloud].credentialPaths.some((c) => dotted === c || dotted.startsWith(`${c}.`));
}

/** True when a key's value is, or holds, credential material (a whole `assumeRoleWithWebIdentity` block, say). */
export function mayHoldCredential(cloud: Cloud, key: string): boolean {
    return TABLES[cloud].credentialPaths.some((c) => c === key || c.startsWith(`${key}.`) || key.startsWith(`${c}.`));
}

export function valueAtPath(values: unknown, path: readonly (string | number)[]): unknown {
    let current = values;
    for (const part of path) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<string | number, unknown>)[part];
    }
    return current;
}

export interface ProviderCheck {
    /** Parsed values of the cloud's namespace (validated only when `problems` is empty). */
    readonly values: Readonly<Record<string, unknown>>;
    readonly problems: readonly ConfigProblem[];
}

/** Checks the shape of each key of the chosen cloud's provider namespace: known key, right type. */
export function checkProviderShapes(cloud: Cloud, raw: RawConfig): ProviderCheck {
    const namespace = PROVIDER_NAMESPACES[cloud];
    const table = TABLES[cloud];
    const values = providerValues(cloud, raw);
    const problem = (path: readonly (string | number)[], allowed: string): ConfigProblem => ({
        key: providerKeyName(namespace, path),
        value: isCredentialPath(cloud, path) ? HIDDEN_VALUE : valueAtPath(values, path),
        allowed,
    });
    const problems: ConfigProblem[] = [];
    const tableValues: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(values)) {
        const pattern = table.patternKeys;
        if (pattern && !(key in table.schema.shape) && pattern.pattern.test(key)) {
            const parsed = pattern.schema.safeParse(value);
            if (!parsed.success) problems.push(problem([key], parsed.error.issues[0]?.message ?? "a valid value"));
        } else {
            tableValues[key] = value;
        }
    }
    const parsed = table.schema.safeParse(tableValues);
    if (!parsed.success) {
        for (const issue of parsed.error.issues) {
            const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
            if (issue.code === "unrecognized_keys") {
                const known = knownKeysAt(table.schema, path);
                for (const key of issue.keys) {
                    const guess = closestWord(key, known);
                    const suggestion = path.length === 0 ? `${namespace}:${guess}` : guess;
                    const hint = guess ? `did you mean "${suggestion}"? ` : "";
                    const family = path.length === 0 && pattern(table) ? ` (or ${pattern(table)})` : "";
                    problems.push(
                        problem([...path, key], `${hint}not a key of the ${namespace} provider; known keys: ${known.join(", ")}${family}`),
                    );
                }
            } else {
                problems.push(problem(path, issue.message));
            }
        }
    }
    return { values, problems };
}

function pattern(table: NamespaceTable): string | undefined {
    return table.patternKeys?.describe;
}

function knownKeysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
    let current: z.ZodType | undefined = schema;
    for (const part of path) {
        if (!current) return [];
        current = unwrap(current);
        if (current instanceof z.ZodObject) current = (current.shape as Record<string, z.ZodType>)[String(part)];
        else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    }
    if (!current) return [];
    current = unwrap(current);
    if (current instanceof z.ZodArray) current = unwrap(current.element as z.ZodType);
    return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}
