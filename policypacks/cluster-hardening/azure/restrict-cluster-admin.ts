import * as containerservice from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { validateResourcesOfTypes } from "../aws/lib";
import { grantValidations } from "./role-grants";
import {
    ADMIN_ROLES,
    AKS_RBAC_WRITER,
    BuiltInRole,
    CLUSTER_ADMIN_ROLES,
    isInsideCluster,
    isNamespaceScope,
    roleNamed,
    samePrincipal,
} from "./roles";

interface AdminConfig {
    readonly adminPrincipals: readonly string[];
}

function isAdmin(config: AdminConfig, principalId: string): boolean {
    return principalId !== "" && config.adminPrincipals.some((a) => samePrincipal(String(a), principalId));
}

function whoMayHoldIt(config: AdminConfig): string {
    return config.adminPrincipals.length === 0
        ? "the pack config names no adminPrincipals, so nobody may"
        : `only the pack config's adminPrincipals (${config.adminPrincipals.join(", ")}) may`;
}

/**
 * The cluster-admin-level role a grant carries (with where it counts), or undefined. The scope is read
 * only when the role needs it: administrator roles count on the cluster, RBAC Writer above a namespace.
 */
function clusterAdminRole(roleDefinitionId: string, scope: () => string): string | undefined {
    const aks = roleNamed(CLUSTER_ADMIN_ROLES, roleDefinitionId);
    if (aks) return aks.name;
    const admin = roleNamed(ADMIN_ROLES, roleDefinitionId);
    if (admin) return isInsideCluster(scope()) ? `${admin.name} on the cluster` : undefined;
    const writer: BuiltInRole | undefined = roleNamed([AKS_RBAC_WRITER], roleDefinitionId);
    return writer && !isNamespaceScope(scope()) ? `${writer.name} above namespace scope (${scope() || "no scope set"})` : undefined;
}

/**
 * HC-IAM-05 (CIS AKS 4.1.1, 5.5.2): cluster-admin through Azure is held only by the platform admins that
 * the pack config names (`adminPrincipals`: Entra object ids of groups, users, service principals and
 * managed identities, the deployer included). Judged by WHO is granted, wherever the grant is registered
 * and at whatever scope: the AKS RBAC Cluster Admin, RBAC Admin (also at namespace scope: it includes
 * Roles and RoleBindings, so a tenant holding it can grant itself anything there; tenants get RBAC
 * Writer), Cluster Admin Role and AKS Contributor Role; Owner, Contributor, User Access Administrator and
 * RBAC Administrator on the cluster itself; RBAC Writer above a namespace (it runs pods as any service
 * account, kube-system's included, and reads every Secret); and the cluster's
 * aadProfile.adminGroupObjectIDs. The pack config, not the program, says who the admins are: a program
 * cannot vouch for its own grants.
 */
export const azureAksAccessRestrictClusterAdmin = controlResourcePolicy({
    name: "azure-aks-access-restrict-cluster-admin",
    controlId: "HC-IAM-05",
    description:
        "Only the pack config's adminPrincipals hold cluster-admin through Azure: AKS RBAC Cluster Admin / RBAC Admin / Cluster Admin Role / Contributor Role, administrator roles on the cluster, RBAC Writer above a namespace, aadProfile.adminGroupObjectIDs.",
    remediationSteps:
        "Grant tenants and developers Azure Kubernetes Service RBAC Writer or Reader at `<clusterId>/namespaces/<ns>` scope; list the platform admin groups and the deployer in the pack config's adminPrincipals.",
    configProperties: {
        adminPrincipals: {
            type: "array",
            items: { type: "string" },
            default: [],
            description:
                "Entra ID object ids (groups, users, service principals, managed identities) allowed cluster-admin through Azure: the platform admin groups and the identity that runs `pulumi up`.",
        },
    },
    validateResource: validateResourcesOfTypes([
        ...grantValidations((grant, what, args, report) => {
            const role = clusterAdminRole(grant.roleDefinitionId, () => grant.scope);
            if (!role) return;
            const config = args.getConfig<AdminConfig>();
            if (isAdmin(config, grant.principalId)) return;
            report(
                `${what} grants ${role} to principal ${grant.principalId || "(none set)"}, which makes it a cluster admin; ${whoMayHoldIt(config)}. ` +
                    `Grant Azure Kubernetes Service RBAC Writer or Reader at namespace scope instead, or add the principal to adminPrincipals if it is a platform admin`,
            );
        }),
        validateResourceOfType(containerservice.ManagedCluster, (cluster, args, report) => {
            const config = args.getConfig<AdminConfig>();
            const groups = (cluster.aadProfile?.adminGroupObjectIDs ?? []).map(String);
            const others = groups.filter((g) => !isAdmin(config, g));
            if (others.length > 0) {
                report(
                    `aadProfile.adminGroupObjectIDs [${others.join(", ")}] are bound to cluster-admin; ${whoMayHoldIt(config)}. ` +
                        `Remove them (grant namespace-scoped RBAC Writer or Reader instead), or add them to adminPrincipals if they are platform admins`,
                );
            }
        }),
    ]),
});
