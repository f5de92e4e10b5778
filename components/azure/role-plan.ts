import { AzureConfig } from "../../config/types";
import type { AzureDeployer, AzurePrincipalType } from "./connection";
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
    /** Entra ID object id: a group's, or the deployer's. */
    readonly principalId: string;
    /** ARM checks it against the directory; groups unless the grant is the deployer's own. */
    readonly principalType: AzurePrincipalType;
    /** The grant that gives the deployer cluster-admin: the Kubernetes provider waits for it. */
    readonly isDeployer: boolean;
}

/** Earlier versions named the deployer's assignment (and seeded its GUID) with this key; it stays. */
export const DEPLOYER_GRANT_KEY = "deployer";

function scopeKey(scope: GrantScope): string {
    return scope.kind === "cluster" ? "cluster" : `ns-${scope.namespace}`;
}

/**
 * `deployer`: who runs the update (access.deployer, or the signed-in client outside prod). It gets RBAC
 * Cluster Admin, unless it already holds it through the plan (an admin group the runner belongs to):
 * ARM refuses a second assignment of one role to one principal at one scope.
 */
export function planRoleGrants(config: Pick<AzureConfig, "access" | "tenants">, deployer?: AzureDeployer): RoleGrant[] {
    const grants = new Map<string, RoleGrant>();
    const add = (role: BuiltInRole, scope: GrantScope, principalId: string) => {
        const key = `${role}-${scopeKey(scope)}-${principalId.toLowerCase()}`;
        if (!grants.has(key))
            grants.set(key, { key, role, scope, principalId: principalId.toLowerCase(), principalType: "Group", isDeployer: false });
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
    if (deployer) {
        const principalId = deployer.principalId.toLowerCase();
        const existing = grants.get(`aksRbacClusterAdmin-cluster-${principalId}`);
        if (existing) {
            grants.set(existing.key, { ...existing, isDeployer: true });
        } else {
            grants.set(DEPLOYER_GRANT_KEY, {
                key: DEPLOYER_GRANT_KEY,
                role: "aksRbacClusterAdmin",
                scope: cluster,
                principalId,
                principalType: deployer.principalType,
                isDeployer: true,
            });
        }
    }
    return [...grants.values()];
}
