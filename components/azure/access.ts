import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";
import { stableGuid } from "./names";
import { GrantScope, RoleGrant } from "./role-plan";
import { BUILT_IN_ROLES, roleDefinitionId } from "./roles";

export interface ClusterAccessArgs {
    readonly clusterId: pulumi.Input<string>;
    readonly subscriptionId: pulumi.Input<string>;
    /** Seeds the role assignment GUIDs: unique per subscription, resource group and cluster. */
    readonly guidNamespace: pulumi.Input<string>;
    /** The role plan, the deployer's grant included (role-plan.ts). */
    readonly grants: readonly RoleGrant[];
}

/** The Azure CLI's own application id: the client id a person signed in with `az login` presents. */
export const AZURE_CLI_APP_ID = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

/**
 * The deployer's principal type. ARM refuses an assignment whose principalType does not match the
 * principal, and azure-native fills in "User" when none is given, which breaks CI service principals.
 */
export function deployerPrincipalType(clientId: string): "User" | "ServicePrincipal" {
    return clientId === AZURE_CLI_APP_ID ? "User" : "ServicePrincipal";
}

export interface ClusterAccess {
    readonly assignments: readonly authorization.RoleAssignment[];
    /**
     * The deployer's RBAC Cluster Admin (its own, or the admin group's it belongs to): it must exist
     * before the baseline talks to the cluster (local accounts are disabled).
     */
    readonly deployerAssignment: authorization.RoleAssignment;
}

/** ARM scope of a grant: the cluster, or one namespace of it (`<clusterId>/namespaces/<ns>`). */
export function grantScope(clusterId: pulumi.Input<string>, scope: GrantScope): pulumi.Output<string> {
    return pulumi.output(clusterId).apply((id) => (scope.kind === "cluster" ? id : `${id}/namespaces/${scope.namespace}`));
}

/** Azure RBAC for Kubernetes (HC-IAM-01): the role plan as role assignments, the deployer's included. */
export function createClusterAccess(name: string, args: ClusterAccessArgs, opts: pulumi.CustomResourceOptions): ClusterAccess {
    const assignment = (
        key: string,
        role: RoleGrant["role"],
        principalId: pulumi.Input<string>,
        scope: pulumi.Input<string>,
        // The type lets ARM skip a directory lookup that may lag; azure-native would send "User" otherwise.
        principalType: pulumi.Input<"Group" | "User" | "ServicePrincipal">,
    ) =>
        new authorization.RoleAssignment(
            `${name}-access-${key}`,
            {
                roleAssignmentName: pulumi.output(args.guidNamespace).apply((ns) => stableGuid(ns, `access/${key}`)),
                principalId,
                principalType,
                roleDefinitionId: pulumi.output(args.subscriptionId).apply((id) => roleDefinitionId(id, role)),
                scope,
                description: `hardened-cluster: ${BUILT_IN_ROLES[role].name}`,
            },
            opts,
        );
    const assignments = args.grants.map((g) =>
        assignment(g.key, g.role, g.principalId, grantScope(args.clusterId, g.scope), g.principalType),
    );
    const deployerAssignment = assignments[args.grants.findIndex((g) => g.isDeployer)];
    if (!deployerAssignment) throw new Error("the role plan has no grant for the deployer (planRoleGrants needs the deployer)");
    return { assignments, deployerAssignment };
}
