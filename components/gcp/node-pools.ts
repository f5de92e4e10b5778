import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import { NODE_OAUTH_SCOPES } from "./node-identity-plan";
import { PoolPlan } from "./pool-plan";

export interface GkeNodePoolsArgs {
    readonly pools: readonly PoolPlan[];
    /** The cluster's id (projects/<p>/locations/<l>/clusters/<name>). */
    readonly clusterId: pulumi.Input<string>;
    readonly location: pulumi.Input<string>;
    readonly serviceAccountEmail: pulumi.Input<string>;
    /** CMEK for the boot disks; Compute Engine's service agent must already hold it. */
    readonly bootDiskKmsKey: pulumi.Input<string>;
    readonly resourceLabels: Readonly<Record<string, string>>;
}

/**
 * The system, general and isolated pools. Every pool: own service account (HC-IAM-03), GKE metadata
 * server (HC-NODE-02), shielded COS nodes (HC-NODE-04), auto-repair and auto-upgrade (HC-NODE-05), no
 * kubelet read-only port (HC-NODE-06).
 */
export class GkeNodePools extends pulumi.ComponentResource {
    readonly pools: readonly gcp.container.NodePool[];

    constructor(name: string, args: GkeNodePoolsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:NodePools", name, {}, opts);
        const child = childOptions(this, opts);
        this.pools = args.pools.map(
            (pool) =>
                new gcp.container.NodePool(
                    `${name}-${pool.role}`,
                    {
                        cluster: args.clusterId,
                        location: args.location,
                        // A prefix, not a name: a replaced pool is created beside the old one before it is deleted.
                        namePrefix: `${pool.role}-`,
                        initialNodeCount: pool.initialNodesPerZone,
                        // Total counts, so the config's sizes mean the same on a zonal and a regional cluster.
                        autoscaling: {
                            totalMinNodeCount: pool.totalMinNodes,
                            totalMaxNodeCount: pool.totalMaxNodes,
                            locationPolicy: "BALANCED",
                        },
                        management: { autoRepair: true, autoUpgrade: true },
                        // HC-NODE-07: surge upgrades from the config's `upgrades` (prod never removes a node first).
                        upgradeSettings: { ...pool.upgradeSettings },
                        nodeConfig: {
                            machineType: pool.machineType,
                            serviceAccount: args.serviceAccountEmail,
                            oauthScopes: [...NODE_OAUTH_SCOPES],
                            imageType: "COS_CONTAINERD",
                            diskType: "pd-balanced",
                            diskSizeGb: pool.diskSizeGb,
                            bootDiskKmsKey: args.bootDiskKmsKey,
                            shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
                            workloadMetadataConfig: { mode: "GKE_METADATA" },
                            metadata: { "disable-legacy-endpoints": "true" },
                            // HC-NODE-06 (CIS GKE 3.2.4): the kubelet serves no unauthenticated read-only port (10255).
                            kubeletConfig: { insecureKubeletReadonlyPortEnabled: "FALSE" },
                            labels: { ...pool.labels },
                            taints: pool.taints.map((t) => ({ ...t })),
                            resourceLabels: { ...args.resourceLabels, pool: pool.role },
                        },
                    },
                    child,
                ),
        );
        this.registerOutputs({});
    }
}
