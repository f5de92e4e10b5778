import { HardenedConfig, NodePoolSpec, Taint } from "../../config/types";
import { ExistingClusterConfig } from "../../config/layers";
import { Cloud } from "../../core/vocabulary";
import {
    BaselineHandover,
    HANDOVER_SCHEMA_VERSION,
    KubernetesSubjects,
    NEUTRAL_HANDOVER_EXTRAS,
    StorageClassPlan,
    TrafficEncryptionKind,
} from "./handover";

/** The parts of the hand-over only the cloud component knows; the later-filled fields default to neutral. */
export type CloudHandoverParts<V> = Pick<BaselineHandover<V>, "subjects" | "storageClass" | "imageVerification"> &
    Partial<
        Pick<
            BaselineHandover<V>,
            | "platformIdentities"
            | "tenantIdentities"
            | "clusterAddons"
            | "runtimeAlerts"
            | "imageMirror"
            | "trafficEncryption"
            | "secretStore"
        >
    >;

/** Every pool's taints, once each, in pool order: node agents must tolerate all of them. */
export function nodeTaintsOf(pools: Readonly<Record<string, NodePoolSpec>>): Taint[] {
    const seen = new Set<string>();
    const taints: Taint[] = [];
    for (const taint of Object.values(pools).flatMap((p) => p.taints)) {
        const id = `${taint.key}=${taint.value}:${taint.effect}`;
        if (seen.has(id)) continue;
        seen.add(id);
        taints.push(taint);
    }
    return taints;
}

/**
 * HC-NET-07: how each cloud encrypts pod-to-pod traffic when `trafficEncryption.enabled` (one shared key, one
 * decision here). GKE has it in the dataplane (Dataplane V2 transparent encryption, set up by the GCP cluster
 * component); EKS's VPC CNI and AKS's Azure CNI do not encrypt, so the baseline installs Istio in ambient mode.
 */
export const TRAFFIC_ENCRYPTION_BY_CLOUD: Readonly<Record<Cloud, Exclude<TrafficEncryptionKind, "none">>> = {
    aws: "istio-ambient",
    azure: "istio-ambient",
    gcp: "dataplane",
};

export function trafficEncryptionKind(config: Pick<HardenedConfig, "cloud" | "trafficEncryption">): TrafficEncryptionKind {
    return config.trafficEncryption.enabled ? TRAFFIC_ENCRYPTION_BY_CLOUD[config.cloud] : "none";
}

/** A cloud component's hand-over: the stack config's baseline-relevant keys plus what only the cloud knows. */
export function handoverFromConfig<V>(config: HardenedConfig, parts: CloudHandoverParts<V>): BaselineHandover<V> {
    return {
        ...NEUTRAL_HANDOVER_EXTRAS,
        ...parts,
        schemaVersion: HANDOVER_SCHEMA_VERSION,
        cloud: config.cloud,
        environment: config.environment,
        clusterName: config.clusterName,
        kubernetesVersion: config.kubernetesVersion,
        deletionProtection: config.deletionProtection,
        nodeTaints: nodeTaintsOf(config.nodePools),
        tenants: config.tenants,
        trustedRegistries: config.trustedRegistries,
        admission: config.admission,
        baseline: config.baseline,
        // The kind is decided here for every cloud; a cloud component may add settings (the GCP one, its dataplane's).
        trafficEncryption: { kind: trafficEncryptionKind(config), settings: parts.trafficEncryption?.settings ?? {} },
    };
}

/**
 * The hand-over for a cluster the blueprint did not build (`existingCluster`): the stack file names the
 * Kubernetes groups directly, so they are the subjects as they are.
 */
export function handoverFromExistingCluster(cluster: ExistingClusterConfig): BaselineHandover {
    const subjects: KubernetesSubjects = {
        admins: [...cluster.access.admins],
        viewers: [...cluster.access.viewers],
        developers: [...cluster.access.developers],
        tenants: Object.fromEntries(cluster.tenants.map((t) => [t.name, { editors: [...t.editors], viewers: [...t.viewers] }])),
    };
    const storageClass: StorageClassPlan = cluster.storageClass;
    return {
        ...NEUTRAL_HANDOVER_EXTRAS,
        schemaVersion: HANDOVER_SCHEMA_VERSION,
        cloud: cluster.cloud,
        environment: cluster.environment,
        clusterName: cluster.clusterName,
        kubernetesVersion: cluster.kubernetesVersion,
        deletionProtection: cluster.deletionProtection,
        subjects,
        storageClass,
        imageVerification: cluster.imageVerification,
        nodeTaints: cluster.nodeTaints,
        tenants: cluster.tenants,
        trustedRegistries: cluster.trustedRegistries,
        admission: cluster.admission,
        baseline: cluster.baseline,
    };
}
