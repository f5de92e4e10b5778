import * as containerservice from "@pulumi/azure-native/containerservice";
import * as network from "@pulumi/azure-native/network";
import { PolicyResource } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";
import { UnknownValueError } from "../../lib/sdk-internals";
import { known, unknownIn } from "./unknowns";

/** Pool properties that place nodes (vnetSubnetID) or pod IPs (podSubnetID, dynamic Azure CNI) in a subnet. */
const SUBNET_PROPERTIES = ["vnetSubnetID", "podSubnetID"] as const;

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

type Props = Record<string, unknown>;

/** A node subnet: a Subnet resource, or one inline entry of a VirtualNetwork's `subnets`. */
interface NodeSubnet {
    readonly resource: PolicyResource;
    readonly inlineName?: string;
    readonly users: Set<string>;
}

/** The subnet name of an ARM subnet id: `.../virtualNetworks/<vnet>/subnets/<name>`. */
function parseSubnetId(id: string): { vnet: string; subnet: string } | undefined {
    const m = /\/virtualnetworks\/([^/]+)\/subnets\/([^/]+)\/?$/i.exec(id.trim());
    return m ? { vnet: m[1], subnet: m[2] } : undefined;
}

function inlineSubnets(vnet: PolicyResource): readonly Props[] {
    return (vnet.props["subnets"] as Props[] | undefined) ?? [];
}

class NodeSubnets {
    readonly byKey = new Map<string, NodeSubnet>();
    readonly undecided: InstanceType<typeof UnknownValueError>[] = [];

    constructor(private readonly all: readonly PolicyResource[]) {}

    add(resource: PolicyResource, user: string, inlineName?: string): void {
        const key = `${resource.urn}#${inlineName ?? ""}`;
        const entry = this.byKey.get(key) ?? { resource, inlineName, users: new Set<string>() };
        entry.users.add(user);
        this.byKey.set(key, entry);
    }

    /** Runs a read; an unknown value is remembered, so the policy can end "not evaluated" rather than pass. */
    attempt(read: () => void): void {
        const unknown = unknownIn(read);
        if (unknown) this.undecided.push(unknown);
    }

    /**
     * The subnets a pool property points at: through the stack (property dependencies stay known when ids
     * do not), else by matching a literal id against the stack's subnets. A subnet outside the stack
     * cannot be judged here and is skipped.
     */
    resolve(holder: PolicyResource, dependencyKey: string, readIds: () => string[], user: string): void {
        const deps = (holder.propertyDependencies[dependencyKey] ?? []).filter(
            (d) => d.isType(network.Subnet) || d.isType(network.VirtualNetwork),
        );
        deps.filter((d) => d.isType(network.Subnet)).forEach((d) => this.add(d, user));
        const vnets = deps.filter((d) => d.isType(network.VirtualNetwork));
        if (deps.length > 0 && vnets.length === 0) return;
        this.attempt(() => {
            const ids = readIds().map(parseSubnetId);
            for (const parsed of ids) {
                if (!parsed) continue;
                const candidates =
                    vnets.length > 0 ? vnets : this.all.filter((r) => r.isType(network.VirtualNetwork) && this.vnetNamed(r, parsed.vnet));
                for (const vnet of candidates) {
                    if (inlineSubnets(vnet).some((s) => known(() => s["name"], undefined) === parsed.subnet))
                        this.add(vnet, user, parsed.subnet);
                }
                if (deps.length > 0) continue;
                for (const subnet of this.all.filter((r) => r.isType(network.Subnet))) {
                    const name = known(() => subnet.props["subnetName"] ?? subnet.props["name"], undefined);
                    const vnet = known(() => subnet.props["virtualNetworkName"], undefined);
                    if (name === parsed.subnet && (vnet === undefined || vnet === parsed.vnet)) this.add(subnet, user);
                }
            }
        });
    }

    private vnetNamed(vnet: PolicyResource, name: string): boolean {
        return known(() => (vnet.props["virtualNetworkName"] ?? vnet.name) === name, false);
    }
}

/** Why a node subnet fails, or undefined when it carries an NSG. Reads that may be unknown throw. */
function problem(subnet: NodeSubnet): string | undefined {
    const inline = subnet.inlineName !== undefined;
    const props = inline
        ? inlineSubnets(subnet.resource).find((s) => known(() => s["name"], undefined) === subnet.inlineName)
        : subnet.resource.props;
    if (!props) return undefined;
    const name = inline
        ? subnet.inlineName
        : known(() => (props["subnetName"] ?? props["name"] ?? subnet.resource.name) as string, undefined);
    if (name !== undefined && RESERVED_SUBNETS.some((r) => r.toLowerCase() === name.toLowerCase())) {
        return `is ${name}, which Azure reserves for its own gateways and firewalls (several must not carry an NSG); give the nodes a subnet of their own with an NSG`;
    }
    const missing =
        "has no network security group, so nothing filters traffic to the nodes beyond Azure's platform defaults and a rule added later has nowhere to live; set networkSecurityGroup: { id: <nsg id> } on the subnet";
    if (!("networkSecurityGroup" in props)) return missing;
    // The property names an NSG of the stack: associated, even while its id is unknown.
    const dependencyKey = inline ? "subnets" : "networkSecurityGroup";
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
        const clusters = args.resources.filter((r) => r.isType(containerservice.ManagedCluster));
        const pools = args.resources.filter((r) => r.isType(containerservice.AgentPool));
        if (clusters.length === 0 && pools.length === 0) args.notApplicable("no AKS cluster or agent pool in this stack");
        const subnets = new NodeSubnets(args.resources);
        for (const pool of pools) {
            for (const property of SUBNET_PROPERTIES) {
                if (!(property in pool.props)) continue;
                const user = `agent pool ${known(() => pool.props["agentPoolName"] as string, pool.name) ?? pool.name}`;
                subnets.resolve(pool, property, () => [pool.props[property] as string], user);
            }
        }
        for (const cluster of clusters) {
            subnets.attempt(() => {
                const profiles = (cluster.props["agentPoolProfiles"] as Props[] | undefined) ?? [];
                const placed = profiles.filter((p) => SUBNET_PROPERTIES.some((k) => k in p));
                if (placed.length === 0) return;
                const names = placed.map((p, i) => known(() => (p["name"] as string) ?? String(i), String(i)));
                const user = `agentPoolProfiles[${names.join(", ")}] of ${cluster.name}`;
                const readIds = () => placed.flatMap((p) => SUBNET_PROPERTIES.filter((k) => k in p).map((k) => p[k] as string));
                subnets.resolve(cluster, "agentPoolProfiles", readIds, user);
            });
        }
        let reported = 0;
        for (const subnet of subnets.byKey.values()) {
            subnets.attempt(() => {
                const found = problem(subnet);
                if (!found) return;
                const what =
                    subnet.inlineName !== undefined
                        ? `inline subnet ${subnet.inlineName} of ${subnet.resource.name}`
                        : `subnet ${subnet.resource.name}`;
                report(`${what}, used by ${[...subnet.users].sort().join(" and ")}, ${found}`, subnet.resource.urn);
                reported++;
            });
        }
        // Something could not be read in preview and nothing failed for sure: not evaluated, never a pass.
        if (reported === 0 && subnets.undecided.length > 0) throw subnets.undecided[0];
    },
});
