import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** HC-IAM-02 (CIS GKE 5.2.2). Pods get their own Google identities through the project's workload pool. */
export const gkeClusterRequireWorkloadIdentity = controlResourcePolicy({
    name: "gcp-gke-cluster-require-workload-identity",
    controlId: "HC-IAM-02",
    description: "GKE Workload Identity is on (workloadIdentityConfig.workloadPool <project>.svc.id.goog).",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        const pool = cluster.workloadIdentityConfig?.workloadPool;
        if (!pool) {
            report(
                'workloadIdentityConfig.workloadPool is not set, so pods can only use the node\'s identity; set it to "<project id>.svc.id.goog"',
            );
            return;
        }
        if (!pool.endsWith(".svc.id.goog")) {
            report(`workloadIdentityConfig.workloadPool is "${pool}"; set it to "<project id>.svc.id.goog"`);
        }
    }),
});
