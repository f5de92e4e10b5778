import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";
import { AzurePlacement } from "./context";

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
    const tags = { ...args.tags };
    const endpoint = new network.PrivateEndpoint(
        `${name}-kv-endpoint`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags,
            privateEndpointName: `pe-kv-${args.clusterName}`,
            subnet: { id: args.subnetId },
            privateLinkServiceConnections: [{ name: "vault", privateLinkServiceId: args.vaultId, groupIds: ["vault"] }],
        },
        opts,
    );
    const zone = new privatedns.PrivateZone(
        `${name}-kv-zone`,
        { resourceGroupName: args.resourceGroupName, location: "Global", privateZoneName: KEY_VAULT_PRIVATE_ZONE, tags },
        opts,
    );
    const link = new privatedns.VirtualNetworkLink(
        `${name}-kv-zone-link`,
        {
            resourceGroupName: args.resourceGroupName,
            privateZoneName: zone.name,
            virtualNetworkLinkName: `${args.clusterName}-vnet`,
            location: "Global",
            virtualNetwork: { id: args.vnetId },
            registrationEnabled: false,
            tags,
        },
        opts,
    );
    const zoneGroup = new network.PrivateDnsZoneGroup(
        `${name}-kv-dns`,
        {
            resourceGroupName: args.resourceGroupName,
            privateEndpointName: endpoint.name,
            privateDnsZoneGroupName: "vault",
            privateDnsZoneConfigs: [{ name: "vault", privateDnsZoneId: zone.id }],
        },
        opts,
    );
    return [endpoint, link, zoneGroup];
}
