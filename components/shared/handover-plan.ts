import { HardenedConfig, NodePoolSpec, Taint } from "../../config/types";
import { ExistingClusterConfig } from "../../config/layers";
import { BaselineHandover, HANDOVER_SCHEMA_VERSION, KubernetesSubjects, NEUTRAL_HANDOVER_EXTRAS, StorageClassPlan } from "./handover";

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
