import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-NODE-05 (CIS GKE 5.10.2). An alpha cluster runs unvetted Kubernetes features, cannot be upgraded,
 * has no auto-upgrade or auto-repair and is deleted after 30 days. Unset is GKE's default (not alpha).
 */
export const gkeClusterDenyAlphaFeatures = controlResourcePolicy({
    name: "gcp-gke-cluster-deny-alpha-features",
    controlId: "HC-NODE-05",
    description: "GKE clusters are not alpha clusters (enableKubernetesAlpha is not true).",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        if (cluster.enableKubernetesAlpha === true) {
            report(
                "enableKubernetesAlpha is true: an alpha cluster is never upgraded or repaired and is deleted after 30 days; set enableKubernetesAlpha false (it can only be chosen at creation, so the cluster is replaced)",
            );
        }
    }),
});
