import * as network from "@pulumi/azure-native/network";
import * as privatedns from "@pulumi/azure-native/privatedns";
import * as pulumi from "@pulumi/pulumi";
import { VNET_ID } from "../../config/clouds/aks";
import { nodeResourceGroupName } from "./names";

/**
 * A runner VNet's way into the private cluster (aks.runnerVnet): the AKS-documented route from another
 * VNet, VNet peering in both directions plus a virtual network link from the cluster's private DNS zone
 * to the runner VNet, so the private FQDN in the kubeconfig resolves there. Chosen over API server VNet
 * integration because that moves the API server into a delegated subnet of the cluster VNet but still
 * leaves a runner outside that VNet needing the same peering and DNS; it also changes the cluster itself,
 * while these resources only sit beside it and can be added to or removed from a running cluster.
 */
export interface RunnerAccessArgs {
    readonly clusterName: string;
    readonly resourceGroupName: pulumi.Input<string>;
    readonly clusterVnetName: pulumi.Input<string>;
    readonly clusterVnetId: pulumi.Input<string>;
    readonly runnerVnetId: string;
    /** Create the runner side's peering too; false when the runner VNet's owner creates it. */
    readonly peerFromRunner: boolean;
    /** The cluster's private FQDN (`<host>.<zone>`), from the ManagedCluster. */
    readonly privateFqdn: pulumi.Input<string>;
    readonly tags: Readonly<Record<string, string>>;
}

/** Resource group and name of a VNet resource id (validated by config against VNET_ID). */
export function parseVnetId(id: string): { resourceGroupName: string; name: string } {
    const match = VNET_ID.exec(id);
    if (!match) throw new Error(`not a virtual network resource id: ${id}`);
    return { resourceGroupName: match[2], name: match[3] };
}

/**
 * The private DNS zone AKS creates for a private cluster with privateDNSZone "system": the private FQDN
 * without its host label (`<id>.privatelink.<region>.azmk8s.io`).
 */
export function privateDnsZoneOf(privateFqdn: string): string {
    const dot = privateFqdn.indexOf(".");
    if (dot < 0) throw new Error(`not a private FQDN: ${privateFqdn}`);
    return privateFqdn.slice(dot + 1);
}

/** Peerings (never forwarding or gateway transit: only the two VNets talk) and the DNS link, to depend on. */
export function createRunnerAccess(name: string, args: RunnerAccessArgs, opts: pulumi.CustomResourceOptions): pulumi.Resource[] {
    const runner = parseVnetId(args.runnerVnetId);
    const peering = { allowVirtualNetworkAccess: true, allowForwardedTraffic: false, allowGatewayTransit: false, useRemoteGateways: false };
    const resources: pulumi.Resource[] = [
        new network.VirtualNetworkPeering(
            `${name}-to-runner`,
            {
                ...peering,
                resourceGroupName: args.resourceGroupName,
                virtualNetworkName: args.clusterVnetName,
                virtualNetworkPeeringName: `to-${runner.name}`,
                remoteVirtualNetwork: { id: args.runnerVnetId },
            },
            opts,
        ),
    ];
    if (args.peerFromRunner) {
        resources.push(
            new network.VirtualNetworkPeering(
                `${name}-from-runner`,
                {
                    ...peering,
                    resourceGroupName: runner.resourceGroupName,
                    virtualNetworkName: runner.name,
                    virtualNetworkPeeringName: `to-${args.clusterName}`,
                    remoteVirtualNetwork: { id: args.clusterVnetId },
                },
                opts,
            ),
        );
    }
    resources.push(
        new privatedns.VirtualNetworkLink(
            `${name}-runner-dns`,
            {
                // AKS keeps the zone in the node resource group; private DNS zones and their links are global ("Global", as the provider documents it).
                resourceGroupName: nodeResourceGroupName(args.clusterName),
                privateZoneName: pulumi.output(args.privateFqdn).apply(privateDnsZoneOf),
                virtualNetworkLinkName: `runner-${runner.name}`,
                location: "Global",
                virtualNetwork: { id: args.runnerVnetId },
                // The runner only resolves the cluster's name; its VMs are not registered in the zone.
                registrationEnabled: false,
                tags: { ...args.tags },
            },
            opts,
        ),
    );
    return resources;
}
