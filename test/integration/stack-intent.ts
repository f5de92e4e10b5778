import { rawConfigFrom } from "../../config/load";
import { HardenedConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { listStacks, readStackConfig } from "../../tools/mock/stack-files";

/**
 * What a stack file asks of its cluster, read the way the program reads it: the environment (Deny in
 * prod, Warn in dev), tenants and what each may expose, trusted registries, whether digests are required.
 * The tier checks that the real API server enforces exactly this intent with the objects the program made.
 * The only place the tier reads stack config.
 */
export interface StackIntent {
    readonly stack: string;
    readonly config: HardenedConfig;
}

const LAYER_KEY = "hardened-cluster:layer";

/**
 * Stacks whose run yields the Kubernetes baseline: every shipped stack, except a baseline-layer stack,
 * which is covered by the run of the cluster stack it is paired with (runStack returns both layers).
 */
export function tierStacks(): string[] {
    return listStacks().filter((stack) => readStackConfig(stack)[LAYER_KEY] !== "baseline");
}

export function stackIntent(stack: string): StackIntent {
    return { stack, config: validateStackConfig(rawConfigFrom(readStackConfig(stack))) };
}
