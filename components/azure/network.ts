import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import { AksAddressPlan } from "./address-plan";
import { AzurePlacement } from "./context";

export interface AksNetworkArgs extends AzurePlacement {
    readonly plan: AksAddressPlan;
    /** Also carve the API server subnet (VNet integration) and the private endpoint subnet (Private KMS). */
    readonly privateControlPlane: boolean;
    /** Carve the private endpoint subnet even without a private control plane (the stack's registry). */
    readonly privateEndpoints?: boolean;
}

export interface AksNetwork {
    readonly vnet: network.VirtualNetwork;
    readonly nodeSubnet: network.Subnet;
    readonly nsg: network.NetworkSecurityGroup;
    readonly natGateway: network.NatGateway;
    readonly egressIp: network.PublicIPAddress;
    /** Delegated to Microsoft.ContainerService/managedClusters: the API server's VNet integration. */
    readonly apiServerSubnet?: network.Subnet;
    readonly privateEndpointSubnet?: network.Subnet;
}

/**
 * VNet, node subnet, its NSG and the NAT gateway all egress leaves through (HC-NET-01: nodes have no
 * public addresses; the only public IP is the NAT gateway's).
 *
 * One NAT gateway, regional (no zone): a subnet takes exactly one NAT gateway and the Standard SKU is
 * zonal, so a per-zone NAT layout cannot be expressed for one node subnet on Azure. `natLayout` is
 * therefore not used here; a zone outage can interrupt egress (not ingress, not the control plane).
 */
export function createNetwork(name: string, args: AksNetworkArgs, opts: pulumi.CustomResourceOptions): AksNetwork {
    const placement = { resourceGroupName: args.resourceGroupName, location: args.location, tags: { ...args.tags } };
    const vnet = new network.VirtualNetwork(
        `${name}-vnet`,
        { ...placement, addressSpace: { addressPrefixes: [args.plan.vnetCidr] } },
        // Subnets are separate resources (NSG and NAT association, role scope); the VNet must not own them.
        { ...opts, ignoreChanges: ["subnets"] },
    );
    // HC-NET-06: the node subnet carries this NSG. No custom rules: the default rules already deny inbound
    // from the Internet and allow only VNet and Azure Load Balancer traffic. Public LoadBalancer Services
    // need an explicit rule here, on purpose (never from the internet to SSH, RDP, kubelet or etcd ports).
    const nsg = new network.NetworkSecurityGroup(`${name}-nodes-nsg`, { ...placement }, opts);
    const egressIp = new network.PublicIPAddress(
        `${name}-egress-ip`,
        { ...placement, sku: { name: "Standard", tier: "Regional" }, publicIPAllocationMethod: "Static", publicIPAddressVersion: "IPv4" },
        opts,
    );
    const natGateway = new network.NatGateway(
        `${name}-nat`,
        { ...placement, sku: { name: "Standard" }, idleTimeoutInMinutes: 4, publicIpAddresses: [{ id: egressIp.id }] },
        opts,
    );
    const nodeSubnet = new network.Subnet(
        `${name}-nodes`,
        {
            resourceGroupName: args.resourceGroupName,
            virtualNetworkName: vnet.name,
            subnetName: "nodes",
            addressPrefix: args.plan.nodeSubnetCidr,
            networkSecurityGroup: { id: nsg.id },
            natGateway: { id: natGateway.id },
            // A private subnet: no implicit default outbound IP, egress only through the NAT gateway.
            defaultOutboundAccess: false,
        },
        opts,
    );
    if (!args.privateControlPlane && !args.privateEndpoints) return { vnet, nodeSubnet, nsg, natGateway, egressIp };
    // Subnets of one VNet one after another: Azure refuses concurrent writes to the same VNet
    // ("AnotherOperationInProgress"). Both private: no default outbound access, nothing in them needs egress.
    const apiServerSubnet = args.privateControlPlane
        ? new network.Subnet(
              `${name}-apiserver`,
              {
                  resourceGroupName: args.resourceGroupName,
                  virtualNetworkName: vnet.name,
                  subnetName: "apiserver",
                  addressPrefix: args.plan.apiServerSubnetCidr,
                  delegations: [{ name: "aks-apiserver", serviceName: "Microsoft.ContainerService/managedClusters" }],
                  defaultOutboundAccess: false,
              },
              { ...opts, dependsOn: [nodeSubnet] },
          )
        : undefined;
    const privateEndpointSubnet = new network.Subnet(
        `${name}-endpoints`,
        {
            resourceGroupName: args.resourceGroupName,
            virtualNetworkName: vnet.name,
            subnetName: "private-endpoints",
            addressPrefix: args.plan.privateEndpointSubnetCidr,
            // The node NSG applies to the endpoints too (network policies on for private endpoints).
            networkSecurityGroup: { id: nsg.id },
            privateEndpointNetworkPolicies: "Enabled",
            defaultOutboundAccess: false,
        },
        { ...opts, dependsOn: [apiServerSubnet ?? nodeSubnet] },
    );
    return { vnet, nodeSubnet, nsg, natGateway, egressIp, apiServerSubnet, privateEndpointSubnet };
}
