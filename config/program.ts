import { BaselineLayerConfig, validateBaselineLayer } from "./layers";
import { RawConfig } from "./raw";
import { HardenedConfig } from "./types";
import { validateStackConfig } from "./validate";

/**
 * What a stack's program runs on: the config of a stack that builds a cluster (layer all or cluster), or
 * of a baseline-layer stack. The `layer` key decides which schema applies.
 */
export type ProgramConfig = HardenedConfig | BaselineLayerConfig;

/** Validates a stack's config for its layer; a ConfigError lists every bad key. Pure. */
export function validateProgramConfig(raw: RawConfig): ProgramConfig {
    return raw["layer"] === "baseline" ? validateBaselineLayer(raw) : validateStackConfig(raw);
}
