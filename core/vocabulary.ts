/**
 * Closed vocabularies of the stack config. Each is an `as const` tuple with a derived
 * union type, so a switch over it is checked for exhaustiveness by the compiler.
 */
export const CLOUDS = ["aws", "azure", "gcp"] as const;
export type Cloud = (typeof CLOUDS)[number];

export const ENVIRONMENTS = ["dev", "staging", "prod"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Pod Security Admission levels, strictest last. */
export const PSA_LEVELS = ["privileged", "baseline", "restricted"] as const;
export type PsaLevel = (typeof PSA_LEVELS)[number];

/** How admission policies act on a violation: Deny rejects, Warn answers with a warning and audits. */
export const ADMISSION_MODES = ["Deny", "Warn"] as const;
export type AdmissionMode = (typeof ADMISSION_MODES)[number];

/** NAT layout: one gateway for the whole network (cheaper) or one per zone (no cross-zone single point). */
export const NAT_LAYOUTS = ["single", "perZone"] as const;
export type NatLayout = (typeof NAT_LAYOUTS)[number];

/** Kubernetes minor versions the blueprint accepts. ValidatingAdmissionPolicy (GA in 1.30) sets the floor. */
export const KUBERNETES_VERSIONS = ["1.31", "1.32", "1.33", "1.34", "1.35", "1.36"] as const;
export type KubernetesVersion = (typeof KUBERNETES_VERSIONS)[number];

/** Exhaustiveness guard for switches over the vocabularies above. */
export function assertNever(value: never, what: string): never {
    throw new Error(`unhandled ${what}: ${String(value)}`);
}
