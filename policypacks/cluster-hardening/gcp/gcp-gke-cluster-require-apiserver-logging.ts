import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** Components whose logs must reach Cloud Logging: the API server and GKE's system components. */
export const REQUIRED_LOG_COMPONENTS = ["SYSTEM_COMPONENTS", "APISERVER"] as const;

/**
 * HC-AUD-01 (CIS GKE 5.7.1). Cloud Logging must receive the API server's logs and the system
 * components'; GKE's default (SYSTEM_COMPONENTS, WORKLOADS) leaves the API server out. The Kubernetes
 * audit log itself goes to Cloud Audit Logs (Data Access logs enabled by the component's
 * IAMAuditConfig); a cluster with loggingService "none" sends nothing at all.
 */
export const gkeClusterRequireApiserverLogging = controlResourcePolicy({
    name: "gcp-gke-cluster-require-apiserver-logging",
    controlId: "HC-AUD-01",
    description: "GKE sends API server and system component logs to Cloud Logging.",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        if (cluster.loggingService === "none") {
            report(
                'loggingService is "none", so no cluster log leaves the cluster; remove it (or set "logging.googleapis.com/kubernetes")',
            );
            return;
        }
        const enabled = cluster.loggingConfig?.enableComponents ?? [];
        const missing = REQUIRED_LOG_COMPONENTS.filter((c) => !enabled.includes(c));
        if (missing.length > 0) {
            report(
                `loggingConfig.enableComponents is [${enabled.join(", ")}], missing ${missing.join(", ")}; add them so the API server's logs reach Cloud Logging`,
            );
        }
    }),
});
