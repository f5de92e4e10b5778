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

/** What a private endpoint's consumer waits for, and the zone further endpoints of the same service register in. */
export interface PrivateRoute {
    /** The endpoint, the zone's VNet link(s) and the zone group that writes the endpoint's A record. */
    readonly ready: pulumi.Resource[];
    readonly zoneId: pulumi.Output<string>;
}

export interface EndpointInZoneArgs extends AzurePlacement {
    /** The endpoint's Azure name. */
    readonly endpointName: string;
    readonly groupId: string;
    readonly resourceId: pulumi.Input<string>;
    readonly subnetId: pulumi.Input<string>;
    /** A private DNS zone already linked to the VNet. */
    readonly zoneId: pulumi.Input<string>;
}

/**
 * One service instance's private endpoint and its zone group, which writes the instance's A record into an
 * existing, linked zone. `name` is the resource-name stem (`<name>-endpoint`, `<name>-dns`).
 */
export function createEndpointInZone(name: string, args: EndpointInZoneArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
    const endpoint = new network.PrivateEndpoint(
        `${name}-endpoint`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: { ...args.tags },
            privateEndpointName: args.endpointName,
            subnet: { id: args.subnetId },
            privateLinkServiceConnections: [{ name: args.groupId, privateLinkServiceId: args.resourceId, groupIds: [args.groupId] }],
        },
        opts,
    );
    const zoneGroup = new network.PrivateDnsZoneGroup(
        `${name}-dns`,
        {
            resourceGroupName: args.resourceGroupName,
            privateEndpointName: endpoint.name,
            privateDnsZoneGroupName: args.groupId,
            privateDnsZoneConfigs: [{ name: args.groupId, privateDnsZoneId: args.zoneId }],
        },
        opts,
    );
    return [endpoint, zoneGroup];
}

/**
 * The endpoint, the zone linked to the VNet(s), and the endpoint's zone group that fills the zone's A records.
 * Returns what a consumer must wait for before it calls the service by name from inside the VNet, and the zone.
 */
export function createPrivateEndpoint(name: string, args: PrivateEndpointArgs, opts: pulumi.CustomResourceOptions): PrivateRoute {
    const tags = { ...args.tags };
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
    const [endpoint, zoneGroup] = createEndpointInZone(
        `${name}-${args.key}`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags,
            endpointName: `pe-${args.key}-${args.clusterName}`,
            groupId: args.groupId,
            resourceId: args.resourceId,
            subnetId: args.subnetId,
            zoneId: zone.id,
        },
        opts,
    );
    return { ready: [endpoint, ...links, zoneGroup], zoneId: zone.id };
}
