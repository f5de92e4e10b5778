import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** HC-IAM-01 (CIS GKE 5.8.3). Legacy ABAC grants broad static permissions beside RBAC. Unset is GKE's default (off). */
export const gkeClusterDenyLegacyAbac = controlResourcePolicy({
    name: "gcp-gke-cluster-deny-legacy-abac",
    controlId: "HC-IAM-01",
    description: "GKE legacy ABAC authorization is off.",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        if (cluster.enableLegacyAbac === true) {
            report("enableLegacyAbac is true, which grants permissions outside RBAC; set enableLegacyAbac false");
        }
    }),
});
