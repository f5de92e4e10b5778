import * as pulumi from "@pulumi/pulumi";
import { AzurePlacement } from "./context";
import { createPrivateEndpoint } from "./private-endpoint";

/** The private DNS zone Key Vault's private endpoints resolve in (Azure private endpoint DNS zone values). */
export const KEY_VAULT_PRIVATE_ZONE = "privatelink.vaultcore.azure.net";

export interface VaultEndpointArgs extends AzurePlacement {
    readonly clusterName: string;
    readonly vaultId: pulumi.Input<string>;
    readonly subnetId: pulumi.Input<string>;
    readonly vnetId: pulumi.Input<string>;
}

/**
 * The KMS vault's private endpoint in the cluster VNet, and the DNS that makes `<vault>.vault.azure.net`
 * resolve to it there: the `privatelink.vaultcore.azure.net` zone linked to the VNet, filled by the
 * endpoint's zone group. Returns what the cluster must wait for: its KMS plugin checks the vault at creation.
 */
export function createVaultEndpoint(name: string, args: VaultEndpointArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
    const { vaultId, ...rest } = args;
    return createPrivateEndpoint(
        name,
        { ...rest, key: "kv", zoneName: KEY_VAULT_PRIVATE_ZONE, groupId: "vault", resourceId: vaultId },
        opts,
    );
}
