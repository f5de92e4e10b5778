import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

const SWITCHES = [
    ["enableInsecureBindingSystemAuthenticated", "system:authenticated (on GKE, anyone with a Google account)"],
    ["enableInsecureBindingSystemUnauthenticated", "system:unauthenticated and system:anonymous (anyone who reaches the endpoint)"],
] as const;

/**
 * HC-RBAC-03 (CIS GKE 4.1.9, 4.1.10). GKE refuses new RoleBindings and ClusterRoleBindings to the
 * everyone-groups when rbacBindingConfig switches them off, whoever applies them (kubectl, a Helm chart,
 * another tool), outside the reach of this pack's Kubernetes checks. Unset leaves them allowed, so both
 * switches must be an explicit false. The default bindings Kubernetes itself ships are kept by GKE.
 */
export const gkeClusterDenyInsecureRbacBindings = controlResourcePolicy({
    name: "gcp-gke-cluster-deny-insecure-rbac-bindings",
    controlId: "HC-RBAC-03",
    description:
        "GKE refuses RBAC bindings to system:authenticated, system:unauthenticated and system:anonymous (rbacBindingConfig switches false).",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        const config = cluster.rbacBindingConfig as Record<string, boolean | undefined> | undefined;
        for (const [key, who] of SWITCHES) {
            const value = config?.[key];
            if (value !== false) {
                report(
                    `rbacBindingConfig.${key} is ${value === undefined ? "unset (GKE then accepts such bindings)" : String(value)}, so a RoleBinding can grant ${who} any role; set rbacBindingConfig { ${key}: false }`,
                );
            }
        }
    }),
});
