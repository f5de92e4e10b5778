/**
 * The control catalogue's vocabulary. A control is one security guarantee of the blueprint; it is
 * implemented by a component and enforced by one or more policies (one per cloud where it applies).
 */
export const THEMES = ["supply-chain", "isolation", "identity", "network", "secrets", "audit", "runtime", "resilience"] as const;
export type Theme = (typeof THEMES)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PACKS = ["cluster-hardening", "kubernetes-hardening"] as const;
export type PackName = (typeof PACKS)[number];

export interface BenchmarkRefs {
    /** CIS Amazon EKS Benchmark recommendation ids. */
    readonly cisEks?: readonly string[];
    /** CIS Azure Kubernetes Service Benchmark recommendation ids. */
    readonly cisAks?: readonly string[];
    /** CIS Google Kubernetes Engine Benchmark recommendation ids. */
    readonly cisGke?: readonly string[];
    /** CIS Kubernetes Benchmark ids (in-cluster controls). */
    readonly cisKubernetes?: readonly string[];
    /** NSA/CISA Kubernetes Hardening Guide (v1.2) section. */
    readonly nsaCisa: string;
    /** The source documents in shared/seeds this control answers, by file name. */
    readonly seeds: readonly string[];
}

export interface Control {
    /** Stable id, HC-<AREA>-<NN>. Never renumber a released id. */
    readonly id: string;
    readonly title: string;
    /** Why the control matters, in one or two sentences. */
    readonly rationale: string;
    readonly themes: readonly Theme[];
    readonly severity: Severity;
    readonly references: BenchmarkRefs;
    /** Names of the policies that enforce it (checked against the packs by a test). */
    readonly policies: readonly string[];
    /** The component files that implement it. */
    readonly implementedBy: readonly string[];
}
