import { controlResourcePolicy } from "../../lib/define";
import { onNodeSettings } from "./node-configs";

/** Container-Optimized OS with containerd; the Docker-based COS image is gone from supported versions. */
const COS_IMAGES = ["COS_CONTAINERD"];

/**
 * HC-NODE-04 (CIS GKE 5.5.1). Container-Optimized OS: read-only root, minimal packages, verified boot.
 * Explicit, since GKE's default image can change. Checked on every NodePool's nodeConfig and a
 * Cluster's inline nodePools[]; a Cluster's own nodeConfig only while it keeps its default pool
 * (removeDefaultNodePool not true), since a removed default pool lives only during creation
 * (node-configs.ts).
 */
export const gkePoolRequireCosImage = controlResourcePolicy({
    name: "gcp-gke-pool-require-cos-image",
    controlId: "HC-NODE-04",
    description: "GKE node pools run Container-Optimized OS with containerd (imageType COS_CONTAINERD).",
    validateResource: onNodeSettings(
        (settings, report) => {
            const image = settings.nodeConfig?.imageType;
            if (!image || !COS_IMAGES.includes(image.toUpperCase())) {
                report(
                    `${settings.nodeConfigPath}.imageType is ${image ?? "unset"}; set imageType "COS_CONTAINERD" (Container-Optimized OS)`,
                );
            }
        },
        { includeRemovedDefaultPool: false },
    ),
});
