/**
 * Label, taint and tag keys shared by every cloud and the Kubernetes baseline, so a node pool's role
 * is spelled the same on EKS, AKS and GKE.
 */
export const LABEL_PREFIX = "hardened-cluster.io";

/** Node label naming the pool's role: system, general or isolated. */
export const POOL_LABEL = `${LABEL_PREFIX}/pool`;

/**
 * The isolated pool's taint. Workloads that need more privilege (node agents, legacy images) tolerate
 * it and land on a ring-fenced set of nodes (node isolation), away from tenant workloads.
 */
export const ISOLATED_TAINT = { key: `${LABEL_PREFIX}/isolated`, value: "true", effect: "NoSchedule" } as const;

/** Tag / label put on every cloud resource, so a bill or an inventory can be traced back to the stack. */
export function commonTags(clusterName: string, environment: string): Record<string, string> {
    return {
        "managed-by": "pulumi",
        "hardened-cluster": clusterName,
        environment,
    };
}
