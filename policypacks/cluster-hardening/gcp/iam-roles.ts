/**
 * Which predefined roles are administrator-level (HC-IAM-04), with the reason a message gives. The list
 * follows Google's own guidance: basic roles are not for production ("Using IAM securely"); Security
 * Command Center reports service accounts holding Owner, Editor or any *Admin role (ADMIN_SERVICE_ACCOUNT)
 * and Service Account User / Token Creator granted on a whole project (OVER_PRIVILEGED_SERVICE_ACCOUNT_USER);
 * CIS Google Cloud Foundations 1.5 and 1.6 say the same. Pure, no Pulumi.
 *
 * Cluster roles (container.admin, container.clusterAdmin, container.developer) are left to
 * HC-IAM-05, which judges who holds them against the pack config's admins.
 */
export const BASIC_ROLES = ["roles/owner", "roles/editor"] as const;

/** Roles that change who may do what: their holder can grant itself anything. */
export const IAM_ADMIN_ROLES = [
    "roles/iam.securityAdmin",
    "roles/resourcemanager.projectIamAdmin",
    "roles/resourcemanager.folderAdmin",
    "roles/resourcemanager.folderIamAdmin",
    "roles/resourcemanager.organizationAdmin",
    "roles/iam.roleAdmin",
    "roles/iam.organizationRoleAdmin",
    "roles/iam.denyAdmin",
    "roles/orgpolicy.policyAdmin",
] as const;

/**
 * Roles that act as (or mint credentials for) service accounts. On a project, folder or organization they
 * reach every service account below it, the nodes' included; on one service account they are the normal,
 * narrow way to let a workload use it.
 */
export const IMPERSONATION_ROLES = [
    "roles/iam.serviceAccountTokenCreator",
    "roles/iam.serviceAccountUser",
    "roles/iam.workloadIdentityUser",
    "roles/iam.serviceAccountOpenIdTokenCreator",
    "roles/iam.serviceAccountKeyAdmin",
    "roles/iam.serviceAccountAdmin",
] as const;

/** Root on every VM of the project through OS Login, nodes included. */
export const OS_ADMIN_ROLES = ["roles/compute.osAdminLogin"] as const;

/** Judged by HC-IAM-05 (gcp-gke-access-restrict-cluster-admin), not here. */
export const CLUSTER_ADMIN_ROLES = ["roles/container.admin", "roles/container.clusterAdmin", "roles/container.developer"] as const;

/** A predefined role named like an administrator of its service: roles/compute.admin, roles/compute.instanceAdmin.v1. */
const SERVICE_ADMIN = /^roles\/[A-Za-z0-9]+\.[A-Za-z0-9]*admin(\.v\d+)?$/i;

function listed(list: readonly string[], role: string): boolean {
    return list.includes(role);
}

/**
 * Why `role` is administrator-level at `scope`, or undefined when it is not. Custom roles
 * (projects/.../roles/..., organizations/.../roles/...) are not judged: their permissions live elsewhere.
 */
export function adminRoleReason(role: string, scope: "resource hierarchy" | "service account"): string | undefined {
    if ((CLUSTER_ADMIN_ROLES as readonly string[]).includes(role)) return undefined;
    if (listed(BASIC_ROLES, role)) return "a basic role, which holds nearly every permission of every service";
    if (scope === "service account") {
        if (role === "roles/iam.serviceAccountAdmin") return "it can change who may act as this service account";
        if (role === "roles/iam.serviceAccountKeyAdmin") return "it can create long-lived keys for this service account";
        return undefined;
    }
    if (listed(IAM_ADMIN_ROLES, role)) return "it can change IAM policies or constraints, so its holder can grant itself any role";
    if (listed(IMPERSONATION_ROLES, role))
        return "it can act as every service account below this level (the node account included); grant it on the one service account that needs it";
    if (listed(OS_ADMIN_ROLES, role)) return "it gives root through OS Login on every VM below this level, the nodes included";
    if (SERVICE_ADMIN.test(role)) return "an administrator role of a whole service";
    return undefined;
}
