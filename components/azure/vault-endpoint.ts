import * as pulumi from "@pulumi/pulumi";
import { AzurePlacement } from "./context";
import { createEndpointInZone, createPrivateEndpoint, PrivateRoute } from "./private-endpoint";

/** The private DNS zone Key Vault's private endpoints resolve in (Azure private endpoint DNS zone values). */
export const KEY_VAULT_PRIVATE_ZONE = "privatelink.vaultcore.azure.net";

export interface VaultEndpointArgs extends AzurePlacement {
    readonly clusterName: string;
    readonly vaultId: pulumi.Input<string>;
    readonly subnetId: pulumi.Input<string>;
    readonly vnetId: pulumi.Input<string>;
}

export interface PrivateVaultEndpointArgs extends AzurePlacement {
    readonly endpointName: string;
    readonly vaultId: pulumi.Input<string>;
    readonly subnetId: pulumi.Input<string>;
    /** The `privatelink.vaultcore.azure.net` zone the KMS vault's route created (VaultRoute.zoneId). */
    readonly zoneId: pulumi.Input<string>;
}

/**
 * The KMS vault's private endpoint in the cluster VNet, and the DNS that makes `<vault>.vault.azure.net` resolve to
 * it there: the `privatelink.vaultcore.azure.net` zone linked to the VNet, filled by the endpoint's zone group.
 * `ready` is what the cluster must wait for (its KMS plugin checks the vault at creation); every other vault's
 * endpoint (the tenants') registers in `zoneId`.
 */
export function createVaultEndpoint(name: string, args: VaultEndpointArgs, opts: pulumi.CustomResourceOptions): PrivateRoute {
    const { vaultId, ...rest } = args;
    return createPrivateEndpoint(
        name,
        { ...rest, key: "kv", zoneName: KEY_VAULT_PRIVATE_ZONE, groupId: "vault", resourceId: vaultId },
        opts,
    );
}

/** Another vault's private endpoint (group "vault"), registered in the zone the KMS vault's route created. */
export function createPrivateVaultEndpoint(
    name: string,
    args: PrivateVaultEndpointArgs,
    opts: pulumi.CustomResourceOptions,
): pulumi.Resource[] {
    const { vaultId, ...rest } = args;
    return createEndpointInZone(name, { ...rest, groupId: "vault", resourceId: vaultId }, opts);
}
