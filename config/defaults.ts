import { AdmissionMode, Cloud, Environment, KubernetesVersion, NatLayout } from "../core/vocabulary";

/**
 * Defaults per environment. Dev is cheaper (two zones, one NAT gateway, shorter log retention) and runs the
 * admission policies in Warn mode without requiring digests; the private API, encryption, audit logs and
 * default-deny networking are the same everywhere. The README's generated per-environment table lists every
 * difference (tools/docs/environment-table.ts).
 */
export interface EnvironmentDefaults {
    readonly zones: number;
    readonly natLayout: NatLayout;
    readonly logRetentionDays: number;
    /** The shortest retention a stack may choose. */
    readonly minLogRetentionDays: number;
    readonly deletionProtection: boolean;
    readonly admissionMode: AdmissionMode;
    readonly requireImageDigest: boolean;
    readonly poolSizes: Readonly<Record<PoolRole, { min: number; max: number }>>;
}

export const POOL_ROLES = ["system", "general", "isolated"] as const;
export type PoolRole = (typeof POOL_ROLES)[number];

export const ENVIRONMENT_DEFAULTS: Readonly<Record<Environment, EnvironmentDefaults>> = {
    dev: {
        zones: 2,
        natLayout: "single",
        logRetentionDays: 30,
        minLogRetentionDays: 30,
        deletionProtection: false,
        admissionMode: "Warn",
        requireImageDigest: false,
        poolSizes: { system: { min: 1, max: 3 }, general: { min: 1, max: 5 }, isolated: { min: 0, max: 2 } },
    },
    staging: {
        zones: 3,
        natLayout: "perZone",
        logRetentionDays: 90,
        minLogRetentionDays: 90,
        deletionProtection: false,
        admissionMode: "Deny",
        requireImageDigest: true,
        poolSizes: { system: { min: 2, max: 4 }, general: { min: 2, max: 10 }, isolated: { min: 0, max: 3 } },
    },
    prod: {
        zones: 3,
        natLayout: "perZone",
        logRetentionDays: 365,
        minLogRetentionDays: 365,
        deletionProtection: true,
        admissionMode: "Deny",
        requireImageDigest: true,
        poolSizes: { system: { min: 3, max: 6 }, general: { min: 3, max: 20 }, isolated: { min: 1, max: 6 } },
    },
};

/**
 * The Kubernetes minor each cloud's component is tested with; each in support as of core/kubernetes-support.ts (a
 * test checks). All three are on 1.35: 1.34 has left standard support on AKS and GKE and leaves it on EKS on 2026-12-02,
 * after which EKS upgrades a STANDARD-policy cluster by itself (the stack's version would then drift from the cluster's,
 * and the next `pulumi up` would ask for a downgrade); a cluster upgrades one minor at a
 * time (AKS skips minors only from an unsupported version to the oldest supported one, 1.35).
 */
export const DEFAULT_KUBERNETES_VERSION: Readonly<Record<Cloud, KubernetesVersion>> = {
    aws: "1.35",
    azure: "1.35",
    gcp: "1.35",
};

/** Machine types per cloud and pool role: general purpose, current generation, no burstable CPUs in prod. */
export const DEFAULT_MACHINE_TYPES: Readonly<Record<Cloud, Readonly<Record<PoolRole, string>>>> = {
    aws: { system: "m7i.large", general: "m7i.xlarge", isolated: "m7i.large" },
    azure: { system: "Standard_D4ds_v5", general: "Standard_D4ds_v5", isolated: "Standard_D4ds_v5" },
    gcp: { system: "e2-standard-4", general: "e2-standard-4", isolated: "e2-standard-4" },
};

export const DEFAULT_DISK_SIZE_GB = 50;

/** Address plan: VPC / node range, pod range (overlay or secondary) and service range must not overlap. */
export const DEFAULT_NETWORK = {
    cidr: "10.0.0.0/16",
    podCidr: "10.64.0.0/14",
    serviceCidr: "172.20.0.0/16",
} as const;
