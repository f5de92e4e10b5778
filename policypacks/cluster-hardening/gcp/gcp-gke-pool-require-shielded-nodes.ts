import * as gcp from "@pulumi/gcp";
import { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { onNodeSettings } from "./node-configs";

const onNodes = onNodeSettings(
    (settings, report) => {
        const shielded = settings.nodeConfig?.shieldedInstanceConfig;
        if (shielded?.enableSecureBoot !== true) {
            report(
                `${settings.nodeConfigPath}.shieldedInstanceConfig.enableSecureBoot is ${String(shielded?.enableSecureBoot)}, so unsigned boot components can load; set enableSecureBoot true`,
            );
        }
        if (shielded?.enableIntegrityMonitoring === false) {
            report(`${settings.nodeConfigPath}.shieldedInstanceConfig.enableIntegrityMonitoring is false; set it true`);
        }
    },
    { includeRemovedDefaultPool: false },
);

/**
 * HC-NODE-04 (CIS GKE 5.5.5-5.5.7). Shielded nodes prove their identity to the control plane
 * (cluster enableShieldedNodes, GKE's default: only an explicit false fails), and each pool boots with
 * secure boot (off by default, so it must be set) and integrity monitoring (on by default).
 * Checked on every NodePool's nodeConfig and a Cluster's inline nodePools[]; a Cluster's own
 * nodeConfig only while it keeps its default pool (removeDefaultNodePool not true), since a removed
 * default pool lives only during creation (node-configs.ts).
 */
export const gkePoolRequireShieldedNodes = controlResourcePolicy({
    name: "gcp-gke-pool-require-shielded-nodes",
    controlId: "HC-NODE-04",
    description: "GKE nodes are shielded: secure boot and integrity monitoring on every pool, shielded nodes on the cluster.",
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) => {
        if (args.isType(gcp.container.Cluster) && args.props["enableShieldedNodes"] === false) {
            report("enableShieldedNodes is false, so a node's identity is not verified by the control plane; set enableShieldedNodes true");
        }
        return onNodes(args, report);
    },
});
