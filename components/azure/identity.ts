import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { AzurePlacement } from "./context";
import { stableGuid } from "./names";
import { roleDefinitionId } from "./roles";

export interface ControlPlaneGrantArgs {
    readonly subscriptionId: pulumi.Input<string>;
    /** Seeds the role assignment GUIDs: unique per subscription, resource group and cluster. */
    readonly guidNamespace: pulumi.Input<string>;
    /**
     * The cluster's VNet. Network Contributor at VNet scope (not only the node subnet): AKS joins the
     * node subnet and its NAT gateway, and, for a private cluster with the "system" DNS zone, links
     * the private DNS zone to the VNet, which needs virtualNetworks/join on the VNet itself. The VNet
     * holds this cluster alone, so the wider scope grants nothing outside it.
     */
    readonly vnetId: pulumi.Input<string>;
    /** The etcd key-encryption key (its resource id): the KMS plugin wraps and unwraps with it. */
    readonly etcdKeyId: pulumi.Input<string>;
}

export interface ControlPlaneGrants {
    readonly networkAccess: authorization.RoleAssignment;
    readonly keyAccess: authorization.RoleAssignment;
    /** The grants the cluster must wait for: AKS checks them when it is created. */
    readonly grants: readonly authorization.RoleAssignment[];
}

function grant(
    name: string,
    args: ControlPlaneGrantArgs,
    identity: managedidentity.UserAssignedIdentity,
    role: "networkContributor" | "keyVaultCryptoUser",
    scope: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions,
): authorization.RoleAssignment {
    return new authorization.RoleAssignment(
        name,
        {
            roleAssignmentName: pulumi.output(args.guidNamespace).apply((ns) => stableGuid(ns, `control-plane/${role}`)),
            principalId: identity.principalId,
            // A new identity may not have replicated yet; the type lets ARM skip the directory lookup.
            principalType: "ServicePrincipal",
            roleDefinitionId: pulumi.output(args.subscriptionId).apply((id) => roleDefinitionId(id, role)),
            scope,
            description: `AKS control plane: ${role}`,
        },
        opts,
    );
}

/**
 * The control plane's user-assigned identity. A user-assigned identity (not the system-assigned one) exists
 * before the cluster, so its grants can be in place when AKS first checks them: KMS etcd encryption cannot
 * be set up on a system-assigned identity for that reason. Its principal id, new with every identity,
 * also seeds the Key Vault name (names.ts).
 */
export function createControlPlaneIdentity(
    name: string,
    placement: AzurePlacement,
    opts: pulumi.CustomResourceOptions,
): managedidentity.UserAssignedIdentity {
    return new managedidentity.UserAssignedIdentity(
        `${name}-control-plane`,
        { resourceGroupName: placement.resourceGroupName, location: placement.location, tags: { ...placement.tags } },
        opts,
    );
}

/**
 * The identity's two grants, each the narrowest built-in role on one resource (HC-IAM-04: no
 * administrator role on a subscription or resource group).
 */
export function grantControlPlaneAccess(
    name: string,
    args: ControlPlaneGrantArgs,
    identity: managedidentity.UserAssignedIdentity,
    opts: pulumi.CustomResourceOptions,
): ControlPlaneGrants {
    const networkAccess = grant(`${name}-control-plane-network`, args, identity, "networkContributor", args.vnetId, opts);
    const keyAccess = grant(`${name}-control-plane-kms`, args, identity, "keyVaultCryptoUser", args.etcdKeyId, opts);
    return { networkAccess, keyAccess, grants: [networkAccess, keyAccess] };
}
