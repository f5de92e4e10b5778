import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";
import { AzurePlacement } from "./context";

/** A private endpoint of one Azure service (Key Vault, ACR) in the cluster VNet, with the DNS that resolves it there. */
export interface PrivateEndpointArgs extends AzurePlacement {
    /** Resource-name key ("kv", "acr"): logical names are `<name>-<key>-endpoint`, `-zone`, `-zone-link`, `-dns`. */
    readonly key: string;
    readonly clusterName: string;
    /** The service's private DNS zone (Azure "private endpoint DNS zone values"). */
    readonly zoneName: string;
    /** The service's sub-resource, e.g. "vault", "registry". */
    readonly groupId: string;
    readonly resourceId: pulumi.Input<string>;
    readonly subnetId: pulumi.Input<string>;
    readonly vnetId: pulumi.Input<string>;
    /** More VNets that must resolve the service privately (a peered runner VNet), by a short link name. */
    readonly extraVnets?: Readonly<Record<string, string>>;
}

/**
 * The endpoint, the zone linked to the VNet(s), and the endpoint's zone group that fills the zone's A records.
 * Returns what a consumer must wait for before it calls the service by name from inside the VNet.
 */
export function createPrivateEndpoint(name: string, args: PrivateEndpointArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
    const tags = { ...args.tags };
    const endpoint = new network.PrivateEndpoint(
        `${name}-${args.key}-endpoint`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags,
            privateEndpointName: `pe-${args.key}-${args.clusterName}`,
            subnet: { id: args.subnetId },
            privateLinkServiceConnections: [{ name: args.groupId, privateLinkServiceId: args.resourceId, groupIds: [args.groupId] }],
        },
        opts,
    );
    const zone = new privatedns.PrivateZone(
        `${name}-${args.key}-zone`,
        { resourceGroupName: args.resourceGroupName, location: "Global", privateZoneName: args.zoneName, tags },
        opts,
    );
    const link = (logical: string, linkName: string, vnetId: pulumi.Input<string>): privatedns.VirtualNetworkLink =>
        new privatedns.VirtualNetworkLink(
            logical,
            {
                resourceGroupName: args.resourceGroupName,
                privateZoneName: zone.name,
                virtualNetworkLinkName: linkName,
                location: "Global",
                virtualNetwork: { id: vnetId },
                registrationEnabled: false,
                tags,
            },
            opts,
        );
    const links = [
        link(`${name}-${args.key}-zone-link`, `${args.clusterName}-vnet`, args.vnetId),
        ...Object.entries(args.extraVnets ?? {}).map(([linkName, id]) => link(`${name}-${args.key}-zone-${linkName}`, linkName, id)),
    ];
    const zoneGroup = new network.PrivateDnsZoneGroup(
        `${name}-${args.key}-dns`,
        {
            resourceGroupName: args.resourceGroupName,
            privateEndpointName: endpoint.name,
            privateDnsZoneGroupName: args.groupId,
            privateDnsZoneConfigs: [{ name: args.groupId, privateDnsZoneId: zone.id }],
        },
        opts,
    );
    return [endpoint, ...links, zoneGroup];
}
