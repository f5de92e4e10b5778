import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

const MODES = ["BASIC", "ENTERPRISE"];

/**
 * HC-RUN-01 (CIS GKE 5.1.1). GKE security posture audits workload configuration from outside the
 * cluster. The vulnerability mode is not required: GKE's basic workload vulnerability scanning is
 * deprecated, and image scanning runs in Artifact Analysis instead.
 */
export const gkeClusterRequireSecurityPosture = controlResourcePolicy({
    name: "gcp-gke-cluster-require-security-posture",
    controlId: "HC-RUN-01",
    description: "GKE security posture is on (securityPostureConfig.mode BASIC or ENTERPRISE).",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        const mode = cluster.securityPostureConfig?.mode;
        if (!mode || !MODES.includes(mode)) {
            report(`securityPostureConfig.mode is ${mode ?? "unset"}; set securityPostureConfig { mode: "BASIC" } (or ENTERPRISE)`);
        }
    }),
});
