import * as gcp from "@pulumi/gcp";
import { ReportViolation, ResourceValidation, ResourceValidationArgs, validateResourceOfType } from "@pulumi/policy";

/**
 * Where GKE node settings live, and which of them the pool-level policies (gcp-gke-pool-*) check.
 *
 * - `gcp:container/nodePool:NodePool`: its `nodeConfig` and `management`, always.
 * - `gcp:container/cluster:Cluster`, inline `nodePools[]`: always; they are real pools.
 * - `gcp:container/cluster:Cluster`, its own `nodeConfig`: the default node pool's settings. With
 *   `removeDefaultNodePool: true` that pool lives only for the minutes of cluster creation, so the
 *   metadata-server, image and shielded-node policies skip it then (a later change to it never reaches a
 *   node). The service-account policy checks it in every case: those minutes run with the account's
 *   credentials on the node, and the default is the Compute Engine account with Editor on the project.
 * - `gcp:container/cluster:Cluster` with node auto-provisioning on (`clusterAutoscaling.enabled`): the
 *   pools GKE creates take `clusterAutoscaling.autoProvisioningDefaults` (service account, image, shielded
 *   instance, boot-disk key, management), so those are checked like a pool: nodes an autoscaler creates keep
 *   the node controls. Their metadata server follows the cluster's Workload Identity
 *   (gcp-gke-cluster-require-workload-identity) and their read-only port `nodePoolAutoConfig`, which the
 *   kubelet policy judges on the cluster.
 * - Autopilot clusters manage nodes themselves; pool policies do not apply to them.
 */
export interface NodeConfigLike {
    readonly serviceAccount?: string;
    readonly imageType?: string;
    readonly workloadMetadataConfig?: { readonly mode?: string };
    readonly shieldedInstanceConfig?: { readonly enableSecureBoot?: boolean; readonly enableIntegrityMonitoring?: boolean };
    readonly kubeletConfig?: { readonly insecureKubeletReadonlyPortEnabled?: string };
    readonly metadata?: Readonly<Record<string, string>>;
    readonly bootDiskKmsKey?: string;
}

export interface ManagementLike {
    readonly autoRepair?: boolean;
    readonly autoUpgrade?: boolean;
}

/** One place node settings are declared, with the property paths a message names. */
export interface NodeSettings {
    /** Path of the node config: "nodeConfig" or "nodePools[0].nodeConfig". */
    readonly nodeConfigPath: string;
    readonly nodeConfig: NodeConfigLike | undefined;
    /** Path of the pool's management block; undefined for a cluster's default pool (it has none to set). */
    readonly managementPath: string | undefined;
    readonly management: ManagementLike | undefined;
    /**
     * The defaults of auto-provisioned pools: their metadata server follows the cluster's Workload Identity and
     * their kubelet read-only port `nodePoolAutoConfig` (judged on the cluster), so those checks skip them.
     */
    readonly autoProvisioned?: boolean;
}

interface AutoProvisioningDefaults extends Omit<NodeConfigLike, "kubeletConfig" | "workloadMetadataConfig" | "metadata"> {
    readonly management?: ManagementLike;
}

interface ClusterNodeProps {
    readonly enableAutopilot?: boolean;
    readonly removeDefaultNodePool?: boolean;
    readonly nodeConfig?: NodeConfigLike;
    readonly nodePools?: readonly { readonly name?: string; readonly nodeConfig?: NodeConfigLike; readonly management?: ManagementLike }[];
    readonly clusterAutoscaling?: { readonly enabled?: boolean; readonly autoProvisioningDefaults?: AutoProvisioningDefaults };
}

/** The node settings of a cluster's pools; `includeRemovedDefaultPool` for the service-account policy. */
export function clusterNodeSettings(cluster: ClusterNodeProps, includeRemovedDefaultPool: boolean): NodeSettings[] {
    const settings: NodeSettings[] = [];
    if (includeRemovedDefaultPool || cluster.removeDefaultNodePool !== true) {
        settings.push({ nodeConfigPath: "nodeConfig", nodeConfig: cluster.nodeConfig, managementPath: undefined, management: undefined });
    }
    (cluster.nodePools ?? []).forEach((pool, i) => {
        settings.push({
            nodeConfigPath: `nodePools[${i}].nodeConfig`,
            nodeConfig: pool.nodeConfig,
            managementPath: `nodePools[${i}].management`,
            management: pool.management,
        });
    });
    if (cluster.clusterAutoscaling?.enabled === true) {
        const { management, ...defaults } = cluster.clusterAutoscaling.autoProvisioningDefaults ?? {};
        settings.push({
            nodeConfigPath: "clusterAutoscaling.autoProvisioningDefaults",
            nodeConfig: defaults,
            managementPath: "clusterAutoscaling.autoProvisioningDefaults.management",
            management,
            autoProvisioned: true,
        });
    }
    return settings;
}

export type NodeSettingsCheck = (settings: NodeSettings, report: (message: string) => void) => void;

/**
 * A resource validation over both NodePools and Clusters: `check` runs on a NodePool's settings and on
 * each of a cluster's pool settings (see the rules above). Other types are not applicable.
 */
export function onNodeSettings(check: NodeSettingsCheck, options: { includeRemovedDefaultPool: boolean }): ResourceValidation {
    const onPool = validateResourceOfType(gcp.container.NodePool, (pool, _args, report: ReportViolation) => {
        const settings: NodeSettings = {
            nodeConfigPath: "nodeConfig",
            nodeConfig: pool.nodeConfig as NodeConfigLike | undefined,
            managementPath: "management",
            management: pool.management,
        };
        check(settings, (m) => report(m));
    });
    const onCluster = validateResourceOfType(gcp.container.Cluster, (cluster, args, report: ReportViolation) => {
        const props = cluster as unknown as ClusterNodeProps;
        if (props.enableAutopilot === true) {
            args.notApplicable("Autopilot manages the nodes");
            return;
        }
        for (const settings of clusterNodeSettings(props, options.includeRemovedDefaultPool)) check(settings, (m) => report(m));
    });
    return (args: ResourceValidationArgs, report: ReportViolation) =>
        args.isType(gcp.container.Cluster) ? onCluster(args, report) : onPool(args, report);
}
