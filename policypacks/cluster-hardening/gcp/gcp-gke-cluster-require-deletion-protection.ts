import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { isRequired, requiredConfig } from "../../lib/required-config";

/**
 * HC-RES-01. The provider refuses to delete (or replace) a cluster whose deletionProtection is true in the
 * state, so a config change that would recreate the cluster fails instead of dropping it. Unset is true (the
 * provider's default). Required where the pack config says so (`required`, prod).
 */
export const gkeClusterRequireDeletionProtection = controlResourcePolicy({
    name: "gcp-gke-cluster-require-deletion-protection",
    controlId: "HC-RES-01",
    description: "GKE clusters where deletion protection is required keep deletionProtection on, so no update deletes or replaces them.",
    remediationSteps: "Set deletionProtection true or leave it unset (blueprint: deletionProtection, always on in prod).",
    configProperties: requiredConfig("deletion protection", "the environment's clusters may be deleted"),
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, args, report) => {
        if (!isRequired(args)) return;
        if (cluster.deletionProtection === false) {
            report(
                "deletionProtection is false, so a destroy, or a change that replaces the cluster, deletes it and every workload on it; set deletionProtection true (or leave it unset)",
            );
        }
    }),
});
