import { controlResourcePolicy } from "../../lib/define";
import { onNodeSettings } from "./node-configs";

/**
 * HC-NODE-02 (CIS GKE 5.4.1, 5.4.2). The GKE metadata server hides the node's credentials and
 * instance attributes (kube-env) from pods and serves them their Workload Identity instead.
 * Checked on every NodePool's nodeConfig and a Cluster's inline nodePools[]; a Cluster's own
 * nodeConfig only while it keeps its default pool (removeDefaultNodePool not true), since a removed
 * default pool lives only during creation (node-configs.ts).
 */
export const gkePoolRequireMetadataServer = controlResourcePolicy({
    name: "gcp-gke-pool-require-metadata-server",
    controlId: "HC-NODE-02",
    description: "GKE node pools run the GKE metadata server (workloadMetadataConfig.mode GKE_METADATA).",
    validateResource: onNodeSettings(
        (settings, report) => {
            const mode = settings.nodeConfig?.workloadMetadataConfig?.mode;
            if (mode !== "GKE_METADATA") {
                report(
                    `${settings.nodeConfigPath}.workloadMetadataConfig.mode is ${mode ?? "unset"}, so pods can reach the node's metadata and credentials; set workloadMetadataConfig { mode: "GKE_METADATA" }`,
                );
            }
        },
        { includeRemovedDefaultPool: false },
    ),
});
