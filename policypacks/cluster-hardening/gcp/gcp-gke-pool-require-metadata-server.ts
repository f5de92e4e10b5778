import { controlResourcePolicy } from "../../lib/define";
import { onNodeSettings } from "./node-configs";

const LEGACY_ENDPOINTS_KEY = "disable-legacy-endpoints";

/**
 * HC-NODE-02 (CIS GKE 5.4.1, 5.4.2). The GKE metadata server hides the node's credentials and
 * instance attributes (kube-env) from pods and serves them their Workload Identity instead. The node's
 * own legacy metadata endpoints (v0.1, v1beta1, which need no Metadata-Flavor header and so answer a
 * forged request) stay off: GKE turns them off unless the node metadata sets "disable-legacy-endpoints"
 * to something else than "true", so only that explicit value fails.
 * Checked on every NodePool's nodeConfig and a Cluster's inline nodePools[]; a Cluster's own
 * nodeConfig only while it keeps its default pool (removeDefaultNodePool not true), since a removed
 * default pool lives only during creation (node-configs.ts).
 */
export const gkePoolRequireMetadataServer = controlResourcePolicy({
    name: "gcp-gke-pool-require-metadata-server",
    controlId: "HC-NODE-02",
    description:
        "GKE node pools run the GKE metadata server (workloadMetadataConfig.mode GKE_METADATA) and keep the legacy metadata endpoints off.",
    validateResource: onNodeSettings(
        (settings, report) => {
            if (settings.autoProvisioned) return;
            const mode = settings.nodeConfig?.workloadMetadataConfig?.mode;
            if (mode !== "GKE_METADATA") {
                report(
                    `${settings.nodeConfigPath}.workloadMetadataConfig.mode is ${mode ?? "unset"}, so pods can reach the node's metadata and credentials; set workloadMetadataConfig { mode: "GKE_METADATA" }`,
                );
            }
            const metadata = settings.nodeConfig?.metadata;
            const legacy = metadata === undefined ? undefined : metadata[LEGACY_ENDPOINTS_KEY];
            if (legacy !== undefined && legacy.trim().toLowerCase() !== "true") {
                report(
                    `${settings.nodeConfigPath}.metadata["${LEGACY_ENDPOINTS_KEY}"] is "${legacy}", which asks for the legacy metadata endpoints (they answer requests without the Metadata-Flavor header, so a forged request too); set it "true" or remove it`,
                );
            }
        },
        { includeRemovedDefaultPool: false },
    ),
});
