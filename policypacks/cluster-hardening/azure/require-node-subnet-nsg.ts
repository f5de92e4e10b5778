import * as network from "@pulumi/azure-native/network";
import { controlStackPolicy } from "../../lib/define";
import { judgeNodeSubnets, NodeSubnet, Props, subnetProps } from "./node-subnets";

/**
 * Subnets Azure reserves for its own appliances (VPN/ExpressRoute gateway, Azure Firewall, Route Server,
 * Bastion). Several of them must not carry an NSG at all, so "add an NSG" is the wrong advice there: nodes
 * placed in one of them are reported as misplaced instead. Subnets that no AKS pool uses, these included,
 * are not judged by this policy.
 */
export const RESERVED_SUBNETS = [
    "GatewaySubnet",
    "AzureFirewallSubnet",
    "AzureFirewallManagementSubnet",
    "RouteServerSubnet",
    "AzureBastionSubnet",
];

/** Why a node subnet fails, or undefined when it carries an NSG. Reads that may be unknown throw. */
function problem(subnet: NodeSubnet): string | undefined {
    const { props, name } = subnetProps(subnet);
    if (!props) return undefined;
    if (name !== undefined && RESERVED_SUBNETS.some((r) => r.toLowerCase() === name.toLowerCase())) {
        return `is ${name}, which Azure reserves for its own gateways and firewalls (several must not carry an NSG); give the nodes a subnet of their own with an NSG`;
    }
    const missing =
        "has no network security group, so nothing filters traffic to the nodes beyond Azure's platform defaults and a rule added later has nowhere to live; set networkSecurityGroup: { id: <nsg id> } on the subnet";
    if (!("networkSecurityGroup" in props)) return missing;
    // The property names an NSG of the stack: associated, even while its id is unknown.
    const dependencyKey = subnet.inlineName !== undefined ? "subnets" : "networkSecurityGroup";
    if ((subnet.resource.propertyDependencies[dependencyKey] ?? []).some((d) => d.isType(network.NetworkSecurityGroup))) return undefined;
    const nsg = props["networkSecurityGroup"] as Props | undefined | null;
    if (nsg === undefined || nsg === null) return missing;
    const id = nsg["id"];
    if (typeof id === "string" && id.trim() !== "") return undefined;
    return "has a networkSecurityGroup without an id, so no NSG is associated; set networkSecurityGroup: { id: <nsg id> }";
}

/**
 * HC-NET-06: every subnet an AKS pool places nodes or pod IPs in (vnetSubnetID, podSubnetID; separate
 * AgentPools and the cluster's inline pools) carries a network security group. Judged through the stack:
 * the pool's property dependencies name the Subnet or VirtualNetwork even while ids are unknown; a literal
 * subnet id is matched against the stack's Subnet resources and VirtualNetwork inline subnets by name.
 * Pools without a subnet (an AKS-managed VNet, which AKS gives an NSG of its own) and subnets outside the
 * stack are not judged. Nodes in a reserved subnet (GatewaySubnet, AzureFirewallSubnet...) are reported
 * as misplaced, since Azure forbids or constrains NSGs there.
 */
export const azureAksStackRequireNodeSubnetNsg = controlStackPolicy({
    name: "azure-aks-stack-require-node-subnet-nsg",
    controlId: "HC-NET-06",
    description: "Every subnet that holds AKS nodes or pod IPs has a network security group; nodes never sit in Azure's reserved subnets.",
    remediationSteps:
        "Create a network.NetworkSecurityGroup (no custom rules: the defaults deny inbound from the internet) and set networkSecurityGroup: { id: nsg.id } on the node subnet.",
    validateStack: (args, report) => {
        judgeNodeSubnets(args, report, problem);
    },
});
