import { CLUSTER_CONTROLS } from "./cluster";
import { GOVERNANCE_CONTROLS } from "./governance";
import { KUBERNETES_CONTROLS } from "./kubernetes";
import { Control } from "./types";

export * from "./types";

/** Every control of the blueprint, by id. The README's control matrix is generated from this list. */
export const CONTROLS: readonly Control[] = [...CLUSTER_CONTROLS, ...KUBERNETES_CONTROLS, ...GOVERNANCE_CONTROLS];

const BY_ID = new Map(CONTROLS.map((c) => [c.id, c]));

export function controlById(id: string): Control | undefined {
    return BY_ID.get(id);
}

/** The control a policy enforces, from the catalogue's own lists. */
const BY_POLICY = new Map(CONTROLS.flatMap((c) => c.policies.map((p) => [p, c] as const)));

export function controlForPolicy(policyName: string): Control | undefined {
    return BY_POLICY.get(policyName);
}
