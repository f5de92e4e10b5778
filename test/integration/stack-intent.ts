import { validateBaselineLayer } from "../../config/layers";
import { rawConfigFrom } from "../../config/load";
import { HardenedConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { readStackConfig } from "../../tools/mock/stack-files";
import { planUnits } from "../../tools/mock/stack-runs";

/**
 * What a stack file asks of its cluster, read the way the program reads it: the environment (Deny in
 * prod, Warn in dev), tenants and what each may expose, trusted registries, whether digests are required.
 * The tier checks that the real API server enforces exactly this intent with the objects the program made.
 * The only place the tier reads stack config.
 */
export type BaselineIntent = Pick<HardenedConfig, "environment" | "kubernetesVersion" | "tenants" | "trustedRegistries" | "admission">;

export interface StackIntent {
    readonly stack: string;
    readonly config: BaselineIntent;
}

/**
 * Stacks whose run yields a Kubernetes baseline: the stacks the offline plan runs. A paired baseline-layer
 * stack is covered by the run of its cluster stack (runStack returns both layers); a baseline on an
 * existing cluster is its own run.
 */
export function tierStacks(): string[] {
    return planUnits();
}

export function stackIntent(stack: string): StackIntent {
    const raw = rawConfigFrom(readStackConfig(stack));
    if (raw["layer"] === "baseline") {
        const { source } = validateBaselineLayer(raw);
        if (source.kind !== "existing-cluster") throw new Error(`${stack}: a paired baseline stack is planned with its cluster stack`);
        return { stack, config: source.cluster };
    }
    return { stack, config: validateStackConfig(raw) };
}
