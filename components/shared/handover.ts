import { AdmissionMode, Cloud, Environment, KubernetesVersion, PsaLevel } from "../../core/vocabulary";
import { BaselineSettings, Taint, TenantSpec } from "../../config/types";

/**
 * The hand-over from the cloud layer to the Kubernetes baseline: everything the baseline needs, as plain
 * data. In-process (`layer: all`) some leaves are still being computed (a key ARN, a role ARN), so the
 * type is generic over the leaf `V`; a cluster-layer stack exports it resolved as the stack output
 * `baselineHandover`, and a baseline-layer stack reads it back and validates it (handover-schema.ts).
 *
 * Versioned: a change that an older baseline program could misread bumps HANDOVER_SCHEMA_VERSION.
 */
export const HANDOVER_SCHEMA_VERSION = 1;

/** Stack output names of a cluster-layer stack, read by a baseline-layer stack's StackReference. */
export const HANDOVER_OUTPUT = "baselineHandover";
export const KUBECONFIG_OUTPUT = "kubeconfig";

/**
 * Kubernetes group names as the API server sees them after the cloud's identity mapping: EKS access
 * entries' kubernetesGroups, Entra ID group object ids on AKS, Google Group e-mails on GKE, or plain
 * group names on a cluster the blueprint did not build.
 */
export interface KubernetesSubjects {
    /** Bound to cluster-admin. */
    readonly admins: readonly string[];
    /** Bound to the built-in view role cluster-wide. */
    readonly viewers: readonly string[];
    /** Bound to edit in every tenant namespace. */
    readonly developers: readonly string[];
    /** Per tenant namespace: groups bound to edit and to view there. */
    readonly tenants: Readonly<Record<string, { readonly editors: readonly string[]; readonly viewers: readonly string[] }>>;
}

/** The cloud's encrypted block-storage class, made the cluster default by the baseline (HC-DATA-01). */
export interface StorageClassPlan<V = string> {
    readonly provisioner: string;
    readonly parameters: Readonly<Record<string, V>>;
}

/** The cloud identity of a service account: annotations on the account, labels its pods must carry. */
export interface WorkloadIdentity<V = string> {
    /** e.g. eks.amazonaws.com/role-arn, azure.workload.identity/client-id, iam.gke.io/gcp-service-account. */
    readonly annotations: Readonly<Record<string, V>>;
    /** e.g. azure.workload.identity/use: "true" (AKS mutates only labelled pods). */
    readonly podLabels: Readonly<Record<string, string>>;
    /**
     * Environment variables the workload's registry or cloud login needs beside the identity webhook's own, e.g.
     * ACR_NAME for policy-controller's Azure registry login. Only for platform identities whose chart has an env path.
     */
    readonly env?: Readonly<Record<string, V>>;
}

/** A tenant's own cloud identity: a service account the baseline creates in the tenant namespace. */
export interface TenantIdentity<V = string> extends WorkloadIdentity<V> {
    readonly serviceAccount: string;
    /** A Secrets Store CSI SecretProviderClass reading only this tenant's secrets (HC-IAM-06). */
    readonly secretProviderClass?: { readonly provider: string; readonly parameters: Readonly<Record<string, V>> };
}

/** Where a Helm chart puts a service account's annotations and its pods' labels, as value paths. */
export interface ChartIdentityPaths {
    readonly annotations: readonly string[];
    readonly podLabels: readonly string[];
    /** Where the chart takes extra container environment variables as a name → value map, if it does. */
    readonly env?: readonly string[];
}

/** A pinned Helm v3 release the cloud layer needs in the cluster (Karpenter, Secrets Store CSI, a mesh). */
export interface HelmAddonSpec {
    readonly kind: "helm";
    /** Stable resource-name key, unique among the add-ons. */
    readonly key: string;
    readonly namespace: string;
    /** Create the namespace as a platform namespace with this Pod Security level; unset: it exists already. */
    readonly createNamespace?: { readonly enforce: Exclude<PsaLevel, "privileged"> };
    readonly chart: { readonly name: string; readonly version: string; readonly repo: string };
    readonly values: Readonly<Record<string, unknown>>;
    /** Service accounts of this chart that platformIdentities may name ("<namespace>/<name>"), with their value paths. */
    readonly serviceAccounts?: Readonly<Record<string, ChartIdentityPaths>>;
}

/** Kubernetes objects (apiVersion, kind, metadata, ...) applied as they are. */
export interface ManifestAddonSpec {
    readonly kind: "manifest";
    readonly key: string;
    readonly objects: readonly Readonly<Record<string, unknown>>[];
}

/** Applied by the baseline in order, each after the previous one, before anything else of the baseline. */
export type AddonSpec = HelmAddonSpec | ManifestAddonSpec;

/**
 * The service account falcosidekick runs as (the falco chart's subchart, release "falco": <release>-falcosidekick),
 * for a cloud layer that binds runtime-alert permissions to it by name (EKS Pod Identity).
 */
export const RUNTIME_ALERTS_SERVICE_ACCOUNT = { namespace: "falco", name: "falco-falcosidekick" } as const;

export const TRAFFIC_ENCRYPTION_KINDS = ["none", "dataplane", "istio-ambient", "managed-istio"] as const;
export type TrafficEncryptionKind = (typeof TRAFFIC_ENCRYPTION_KINDS)[number];

export interface BaselineHandover<V = string> {
    readonly schemaVersion: typeof HANDOVER_SCHEMA_VERSION;
    /** "other": a cluster the blueprint did not build and whose cloud the stack does not name. */
    readonly cloud: Cloud | "other";
    readonly environment: Environment;
    readonly clusterName: string;
    readonly kubernetesVersion: KubernetesVersion;
    /** Tenant namespaces are protected from deletion (always in prod). */
    readonly deletionProtection: boolean;
    readonly subjects: KubernetesSubjects;
    readonly storageClass: StorageClassPlan<V>;
    /**
     * Where signed images are enforced: "in-cluster" (Sigstore policy-controller, installed by the baseline)
     * or "cloud" (the platform's own, e.g. GKE Binary Authorization, set up by the cloud layer).
     */
    readonly imageVerification: "in-cluster" | "cloud";
    /** Taints of the cluster's node pools; node agents (Falco, collectors) tolerate every one. */
    readonly nodeTaints: readonly Taint[];
    readonly tenants: readonly TenantSpec[];
    readonly trustedRegistries: readonly string[];
    readonly admission: { readonly mode: AdmissionMode; readonly requireImageDigest: boolean };
    readonly baseline: BaselineSettings;
    // Filled by later branches; neutral defaults below.
    /** Cloud identities of platform service accounts, keyed "<namespace>/<serviceAccount>". */
    readonly platformIdentities: Readonly<Record<string, WorkloadIdentity<V>>>;
    /** Per tenant (by name): the tenant's service account and its cloud identity. */
    readonly tenantIdentities: Readonly<Record<string, TenantIdentity<V>>>;
    readonly clusterAddons: readonly AddonSpec[];
    /**
     * Where Falco's alerts go besides stdout: falcosidekick's `config` values (empty: stdout only, collected by the
     * cloud's log agent) and a human-readable destination.
     */
    readonly runtimeAlerts: { readonly falcosidekickConfig: Readonly<Record<string, unknown>>; readonly location: string };
    /**
     * Where the baseline's own images are pulled from instead of their upstream registry, by upstream host:
     * { "ghcr.io": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ghcr" } pulls ghcr.io/sigstore/policy-controller
     * as 123456789012.dkr.ecr.eu-west-1.amazonaws.com/ghcr/sigstore/policy-controller. Unset, or a host not
     * listed: the chart's own registry.
     */
    readonly imageMirror?: Readonly<Record<string, string>>;
    readonly trafficEncryption: { readonly kind: TrafficEncryptionKind; readonly settings: Readonly<Record<string, unknown>> };
    readonly secretStore: { readonly enabled: boolean; readonly settings: Readonly<Record<string, unknown>> };
}

/** The later-filled fields with their neutral values: nothing is added to the baseline. */
export const NEUTRAL_HANDOVER_EXTRAS = {
    platformIdentities: {},
    tenantIdentities: {},
    clusterAddons: [],
    runtimeAlerts: { falcosidekickConfig: {}, location: "stdout (the cloud's container log collector)" },
    trafficEncryption: { kind: "none", settings: {} },
    secretStore: { enabled: false, settings: {} },
} as const satisfies Pick<
    BaselineHandover,
    "platformIdentities" | "tenantIdentities" | "clusterAddons" | "runtimeAlerts" | "trafficEncryption" | "secretStore"
>;
