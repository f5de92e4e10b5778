import * as containerservice from "@pulumi/azure-native/containerservice";
import * as network from "@pulumi/azure-native/network";
import { PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { UnknownValueError } from "../../lib/sdk-internals";
import { known, unknownIn } from "./unknowns";

/**
 * The subnets AKS pools place nodes or pod IPs in, found through the stack, for the node-subnet policies:
 * the pool's property dependencies name the Subnet or VirtualNetwork even while ids are unknown; a literal
 * subnet id is matched against the stack's Subnet resources and VirtualNetwork inline subnets by name.
 * Pools without a subnet (an AKS-managed VNet) and subnets outside the stack are not judged.
 */

/** Pool properties that place nodes (vnetSubnetID) or pod IPs (podSubnetID, dynamic Azure CNI) in a subnet. */
const SUBNET_PROPERTIES = ["vnetSubnetID", "podSubnetID"] as const;

export type Props = Record<string, unknown>;

/** A node subnet: a Subnet resource, or one inline entry of a VirtualNetwork's `subnets`. */
export interface NodeSubnet {
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

/** The props of a node subnet (the Subnet's, or its VNet's inline entry) and its name when known. */
export function subnetProps(subnet: NodeSubnet): { props: Props | undefined; name: string | undefined } {
    if (subnet.inlineName !== undefined) {
        const props = inlineSubnets(subnet.resource).find((s) => known(() => s["name"], undefined) === subnet.inlineName);
        return { props, name: subnet.inlineName };
    }
    const props = subnet.resource.props;
    return { props, name: known(() => (props["subnetName"] ?? props["name"] ?? subnet.resource.name) as string, undefined) };
}

/**
 * Runs `problem` on every subnet an AKS pool of the stack uses and reports what it returns. Not applicable
 * without AKS; when something needed could not be read (preview) and nothing failed for sure, throws the
 * unknown-value error, so the policy ends "not evaluated", never passed.
 */
export function judgeNodeSubnets(
    args: StackValidationArgs,
    report: ReportViolation,
    problem: (subnet: NodeSubnet) => string | undefined,
): void {
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
}
