import { AzureConfig } from "../../config/types";
import { BuiltInRole } from "./roles";

/**
 * Who gets which Azure RBAC role on the cluster. With `enableAzureRBAC`, Kubernetes authorisation
 * goes through Azure role assignments on the cluster (or on `<clusterId>/namespaces/<ns>`), so the
 * access lists of the stack config become role assignments here. Pure: config in, grants out.
 */
export type GrantScope = { readonly kind: "cluster" } | { readonly kind: "namespace"; readonly namespace: string };

export interface RoleGrant {
    /** Stable identity of the grant (role, scope, principal): names the resource and seeds its GUID. */
    readonly key: string;
    readonly role: BuiltInRole;
    readonly scope: GrantScope;
    /** Entra ID group object id. */
    readonly principalId: string;
}

function scopeKey(scope: GrantScope): string {
    return scope.kind === "cluster" ? "cluster" : `ns-${scope.namespace}`;
}

export function planRoleGrants(config: Pick<AzureConfig, "access" | "tenants">): RoleGrant[] {
    const grants = new Map<string, RoleGrant>();
    const add = (role: BuiltInRole, scope: GrantScope, principalId: string) => {
        const key = `${role}-${scopeKey(scope)}-${principalId.toLowerCase()}`;
        if (!grants.has(key)) grants.set(key, { key, role, scope, principalId: principalId.toLowerCase() });
    };
    const cluster: GrantScope = { kind: "cluster" };
    // HC-IAM-05: cluster-admin only for the admins (the pack config's adminPrincipals must name them).
    for (const admin of config.access.admins) add("aksRbacClusterAdmin", cluster, admin);
    for (const viewer of config.access.viewers) add("aksRbacReader", cluster, viewer);
    for (const tenant of config.tenants) {
        const namespace: GrantScope = { kind: "namespace", namespace: tenant.name };
        // Developers edit every tenant namespace; nothing cluster-wide (RBAC Writer cannot touch Roles).
        for (const developer of config.access.developers) add("aksRbacWriter", namespace, developer);
        for (const editor of tenant.editors) add("aksRbacWriter", namespace, editor);
        for (const viewer of tenant.viewers) add("aksRbacReader", namespace, viewer);
    }
    // Everyone with a Kubernetes role may fetch the kubeconfig (it holds no credential; kubelogin does).
    const everyone = [
        ...config.access.admins,
        ...config.access.viewers,
        ...config.access.developers,
        ...config.tenants.flatMap((t) => [...t.editors, ...t.viewers]),
    ];
    for (const principal of everyone) add("aksClusterUser", cluster, principal);
    return [...grants.values()];
}
