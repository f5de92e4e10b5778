import * as gcp from "@pulumi/gcp";
import { ResourceValidationArgs, ReportViolation, validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

const onCluster = validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
    if (cluster.privateClusterConfig?.enablePrivateNodes !== true) {
        report(
            `privateClusterConfig.enablePrivateNodes is ${String(cluster.privateClusterConfig?.enablePrivateNodes)}, so nodes get external IP addresses; set privateClusterConfig.enablePrivateNodes true (egress through Cloud NAT)`,
        );
    }
});

const onPool = validateResourceOfType(gcp.container.NodePool, (pool, _args, report) => {
    if (pool.networkConfig?.enablePrivateNodes === false) {
        report(
            "networkConfig.enablePrivateNodes is false, which gives this pool's nodes external IP addresses despite the cluster setting; remove it or set true",
        );
    }
});

/**
 * HC-NET-01 (CIS GKE 5.6.5). On the cluster, private nodes must be on. A NodePool may override the
 * cluster's setting with networkConfig.enablePrivateNodes; an explicit false fails, unset inherits.
 */
export const gkeClusterRequirePrivateNodes = controlResourcePolicy({
    name: "gcp-gke-cluster-require-private-nodes",
    controlId: "HC-NET-01",
    description: "GKE nodes have no external IP addresses (private nodes), and no node pool overrides that.",
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) =>
        args.isType(gcp.container.Cluster) ? onCluster(args, report) : onPool(args, report),
});
