import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "./errors";
import { isProviderKey } from "./providers";
import { PROJECT, RawConfig } from "./raw";
import { ProgramConfig, validateProgramConfig } from "./program";

/** Keys whose values are plain strings; every other key holds JSON (objects, lists, numbers, booleans). */
const STRING_KEYS = new Set(["cloud", "environment", "clusterName", "region", "kubernetesVersion", "layer", "clusterStack"]);

/**
 * The only place that reads Pulumi config. The CLI hands object-valued keys over as JSON text; they
 * are parsed back here, then the whole config is validated at once. The provider namespaces (`aws:`,
 * `azure-native:`, `gcp:`) are kept in full and as text: the explicit providers carry them, and
 * config/providers/ parses and validates the chosen cloud's namespace against the provider's keys.
 */
export function rawConfigFrom(flat: Readonly<Record<string, string>>): RawConfig {
    const raw: Record<string, unknown> = {};
    for (const [fullKey, text] of Object.entries(flat)) {
        if (isProviderKey(fullKey)) {
            raw[fullKey] = text;
            continue;
        }
        const [namespace, key] = fullKey.split(":", 2);
        if (namespace !== PROJECT || key === undefined) continue;
        raw[key] = STRING_KEYS.has(key) ? text : parseJsonOrText(text);
    }
    return raw;
}

function parseJsonOrText(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}

/**
 * Reads and validates the stack's config. A bad config becomes a RunError: the CLI prints its message
 * (every bad key, value and what is allowed) without a stack trace, and no resource is registered.
 */
export function loadStackConfig(): ProgramConfig {
    try {
        return validateProgramConfig(rawConfigFrom(pulumi.runtime.allConfig()));
    } catch (e) {
        if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
        throw e;
    }
}
