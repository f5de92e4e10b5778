import { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { isAdminPrincipal } from "./admin-principals";
import { GRANT_TYPES, grantsOf } from "./iam-grants";

/**
 * Project, folder or organization roles that reach into every cluster below them, on top of (never
 * instead of) Kubernetes RBAC, which GKE adds to IAM:
 * - container.admin: full control of the clusters and of every Kubernetes object in them (cluster-admin);
 * - container.clusterAdmin: the clusters themselves (endpoints, authorized networks, Binary
 *   Authorization, node pools, credentials rotation, deletion);
 * - container.developer: read and write of Kubernetes objects in every namespace of every cluster,
 *   Secrets included, so one tenant's holder can read every tenant's Secrets and service-account
 *   tokens. The blueprint gives people container.clusterViewer only and lets RBAC grant the rest per
 *   namespace (components/gcp/access-plan.ts).
 */
const CLUSTER_ROLES: Readonly<Record<string, string>> = {
    "roles/container.admin": "cluster-admin on every cluster of the project",
    "roles/container.clusterAdmin": "control of every cluster's settings (endpoint, authorized networks, Binary Authorization, deletion)",
    "roles/container.developer":
        "write access to every namespace of every cluster, Secrets included, over and above the namespaced RBAC the blueprint grants",
};

const SCOPES_ABOVE_CLUSTERS = ["project", "folder", "organization"];

interface ClusterAdminConfig {
    readonly adminPrincipals?: readonly string[];
}

function validate(args: ResourceValidationArgs, report: ReportViolation): void {
    const kind = GRANT_TYPES[args.type];
    if (!kind || !SCOPES_ABOVE_CLUSTERS.includes(kind.scope)) return args.notApplicable("not project, folder or organization IAM");
    const admins = args.getConfig<ClusterAdminConfig>().adminPrincipals ?? [];
    for (const grant of grantsOf(args.type, args.props as Record<string, unknown>)) {
        if (grant.unreadable) {
            report(grant.unreadable);
            continue;
        }
        const power = CLUSTER_ROLES[grant.role];
        if (!power) continue;
        // Who is granted decides, so the members must be known: unknown stops the verdict (not evaluated).
        const outsiders = grant.members().filter((m) => !isAdminPrincipal(m, admins));
        if (outsiders.length === 0) continue;
        const allowed =
            admins.length > 0
                ? `only the platform admins (${admins.join(", ")}) may hold it`
                : "no adminPrincipals are configured, so nobody may hold it: list the platform admins in the cluster-hardening pack config";
        report(
            `${grant.where} grants ${grant.role} on the ${kind.scope} to ${outsiders.join(", ")}: ${power}; ${allowed}. Give teams roles/container.clusterViewer and namespaced RBAC instead`,
        );
    }
}

/**
 * HC-IAM-05 (CIS GKE 4.1.1). Cluster-admin through Google Cloud IAM only for the platform admins
 * named in pack config (`adminPrincipals`). The rule judges who is granted, never where the grant was
 * registered: a grant from the blueprint's access component and a hand-written IAMMember are judged alike.
 */
export const gkeAccessRestrictClusterAdmin = controlResourcePolicy({
    name: "gcp-gke-access-restrict-cluster-admin",
    controlId: "HC-IAM-05",
    description:
        "roles/container.admin, container.clusterAdmin and container.developer on a project, folder or organization go only to the pack config's adminPrincipals.",
    remediationSteps:
        "Grant teams roles/container.clusterViewer and bind them in Kubernetes RBAC per namespace; add a principal to adminPrincipals only after review.",
    configProperties: {
        adminPrincipals: {
            type: "array",
            items: { type: "string" },
            default: [],
            description:
                'IAM members allowed cluster-admin through IAM ("group:platform-admins@example.com", "serviceAccount:deployer@<project>.iam.gserviceaccount.com"); a bare e-mail matches any member type.',
        },
    },
    validateResource: validate,
});
