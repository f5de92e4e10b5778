/**
 * Azure built-in roles the IAM policies judge, by their role definition GUID (the same in every
 * public-cloud tenant; "Azure built-in roles", learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 * Self-contained on purpose: the pack runs from its own directory, without the program's role table.
 */
export interface BuiltInRole {
    readonly name: string;
    readonly guid: string;
}

/** An administrator role; `grantsRoles` when it can assign any role at its scope, its holder included. */
export interface AdminRole extends BuiltInRole {
    readonly grantsRoles: boolean;
}

/** Roles that manage every resource, or every grant, at their scope. */
export const ADMIN_ROLES: readonly AdminRole[] = [
    { name: "Owner", guid: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", grantsRoles: true },
    { name: "Contributor", guid: "b24988ac-6180-42a0-ab88-20f7382dd24c", grantsRoles: false },
    { name: "User Access Administrator", guid: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", grantsRoles: true },
    { name: "Role Based Access Control Administrator", guid: "f58310d9-a9f6-439a-9e8d-f62e7b41a168", grantsRoles: true },
];

/**
 * Roles that make their holder a cluster admin: full Kubernetes access through Azure RBAC (RBAC Cluster
 * Admin; RBAC Admin, which includes Roles and RoleBindings, so it escalates within its namespace), the
 * local admin credential (Cluster Admin Role), or write access to the managed cluster itself, which can
 * add any group to aadProfile.adminGroupObjectIDs or turn local accounts back on (AKS Contributor Role).
 */
export const CLUSTER_ADMIN_ROLES: readonly BuiltInRole[] = [
    { name: "Azure Kubernetes Service RBAC Cluster Admin", guid: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b" },
    { name: "Azure Kubernetes Service RBAC Admin", guid: "3498e952-d568-435e-9b2c-8d77e338d7f7" },
    { name: "Azure Kubernetes Service Cluster Admin Role", guid: "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8" },
    { name: "Azure Kubernetes Service Contributor Role", guid: "ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8" },
];

/**
 * Read/write on most objects, Secrets included, and pods under any service account of the namespaces it
 * covers: granted above a namespace (the cluster, its resource group or subscription), that reaches
 * kube-system's service accounts, so it is cluster-admin in practice.
 */
export const AKS_RBAC_WRITER: BuiltInRole = { name: "Azure Kubernetes Service RBAC Writer", guid: "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb" };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The role GUID of a role definition id in any of its forms: `/subscriptions/<s>/providers/
 * Microsoft.Authorization/roleDefinitions/<guid>`, `/providers/Microsoft.Authorization/roleDefinitions/<guid>`
 * or the bare GUID. Lowercase; undefined when the id names no GUID.
 */
export function roleGuidOf(roleDefinitionId: string): string | undefined {
    const last = roleDefinitionId.trim().replace(/\/+$/, "").split("/").pop()?.toLowerCase() ?? "";
    return GUID.test(last) ? last : undefined;
}

export function roleNamed<R extends BuiltInRole>(roles: readonly R[], roleDefinitionId: string): R | undefined {
    const guid = roleGuidOf(roleDefinitionId);
    return guid === undefined ? undefined : roles.find((r) => r.guid === guid);
}

export type ScopeLevel = "tenant root" | "management group" | "subscription" | "resource group" | "resource";

/** How wide an ARM scope is: `/`, a management group, a subscription, a resource group, or one resource. */
export function scopeLevel(scope: string): ScopeLevel {
    const parts = scope.trim().toLowerCase().split("/").filter(Boolean);
    if (parts.length === 0) return "tenant root";
    if (parts[0] === "providers" && parts[1] === "microsoft.management" && parts[2] === "managementgroups" && parts.length <= 4) {
        return "management group";
    }
    if (parts[0] === "subscriptions" && parts.length <= 2) return "subscription";
    if (parts[0] === "subscriptions" && parts[2] === "resourcegroups" && parts.length <= 4) return "resource group";
    return "resource";
}

/** Scopes that span more than one resource: what HC-IAM-04 keeps administrator roles off. */
export const BROAD_SCOPES: readonly ScopeLevel[] = ["tenant root", "management group", "subscription", "resource group"];

/** True when the scope is an AKS cluster or something inside it (`<clusterId>/namespaces/<ns>`). */
export function isInsideCluster(scope: string): boolean {
    return /\/providers\/microsoft\.containerservice\/managedclusters\/[^/]+(\/|$)/i.test(scope);
}

/** True when the scope is one namespace of an AKS cluster (`<clusterId>/namespaces/<ns>`). */
export function isNamespaceScope(scope: string): boolean {
    return /\/providers\/microsoft\.containerservice\/managedclusters\/[^/]+\/namespaces\/[^/]+\/?$/i.test(scope.trim());
}

/** Object ids compare case-insensitively (Entra ID returns them lowercase; people paste them in any case). */
export function samePrincipal(a: string, b: string): boolean {
    return a.trim().toLowerCase() === b.trim().toLowerCase();
}
