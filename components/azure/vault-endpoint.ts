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

export interface VaultRoute {
    /** What a user of the vault must wait for: the endpoint, the zone's VNet link and the endpoint's DNS record. */
    readonly ready: pulumi.Resource[];
    /** The `privatelink.vaultcore.azure.net` zone, linked to the cluster VNet: every other vault's endpoint registers in it. */
    readonly zoneId: pulumi.Output<string>;
}

export interface PrivateVaultEndpointArgs extends AzurePlacement {
    readonly endpointName: string;
    readonly vaultId: pulumi.Input<string>;
    readonly subnetId: pulumi.Input<string>;
    readonly zoneId: pulumi.Input<string>;
}

/**
 * One vault's private endpoint (group "vault") and its zone group, which writes the vault's A record into the
 * linked `privatelink.vaultcore.azure.net` zone. `name` is the resource-name stem (`<name>-endpoint`, `<name>-dns`).
 */
export function createPrivateVaultEndpoint(
    name: string,
    args: PrivateVaultEndpointArgs,
    opts: pulumi.CustomResourceOptions,
): pulumi.Resource[] {
    const endpoint = new network.PrivateEndpoint(
        `${name}-endpoint`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: { ...args.tags },
            privateEndpointName: args.endpointName,
            subnet: { id: args.subnetId },
            privateLinkServiceConnections: [{ name: "vault", privateLinkServiceId: args.vaultId, groupIds: ["vault"] }],
        },
        opts,
    );
    const zoneGroup = new network.PrivateDnsZoneGroup(
        `${name}-dns`,
        {
            resourceGroupName: args.resourceGroupName,
            privateEndpointName: endpoint.name,
            privateDnsZoneGroupName: "vault",
            privateDnsZoneConfigs: [{ name: "vault", privateDnsZoneId: args.zoneId }],
        },
        opts,
    );
    return [endpoint, zoneGroup];
}

/**
 * The KMS vault's private endpoint in the cluster VNet, and the DNS that makes `<vault>.vault.azure.net`
 * resolve to it there: the `privatelink.vaultcore.azure.net` zone linked to the VNet, filled by the
 * endpoint's zone group. `ready` is what the cluster must wait for: its KMS plugin checks the vault at creation.
 */
export function createVaultEndpoint(name: string, args: VaultEndpointArgs, opts: pulumi.CustomResourceOptions): VaultRoute {
    const tags = { ...args.tags };
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
    const [endpoint, zoneGroup] = createPrivateVaultEndpoint(
        `${name}-kv`,
        { ...args, endpointName: `pe-kv-${args.clusterName}`, zoneId: zone.id },
        opts,
    );
    return { ready: [endpoint, link, zoneGroup], zoneId: zone.id };
}
