import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** GKE only accepts a group with exactly this local part as the Google Groups for RBAC root. */
const SECURITY_GROUP = /^gke-security-groups@[a-z0-9.-]+\.[a-z]{2,}$/i;

/**
 * HC-IAM-01 (CIS GKE 5.8.1). RBAC bindings name Google Groups, so access is granted and revoked in the
 * identity provider, one group membership at a time.
 */
export const gkeClusterRequireGoogleGroupsRbac = controlResourcePolicy({
    name: "gcp-gke-cluster-require-google-groups-rbac",
    controlId: "HC-IAM-01",
    description: "GKE uses Google Groups for RBAC (authenticatorGroupsConfig with gke-security-groups@<domain>).",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        const group = cluster.authenticatorGroupsConfig?.securityGroup;
        if (!group) {
            report(
                "authenticatorGroupsConfig is not set, so RBAC cannot name Google Groups; set authenticatorGroupsConfig.securityGroup to gke-security-groups@<your domain>",
            );
            return;
        }
        if (!SECURITY_GROUP.test(group)) {
            report(`authenticatorGroupsConfig.securityGroup is "${group}"; GKE requires a group named gke-security-groups@<your domain>`);
        }
    }),
});
