import { GcpConfig } from "../../config/types";
import { cidrsOverlap, subnetAt } from "../../core/cidr";

/** Where the planned control-plane /28 is looked for when the stack does not set one. */
export const MASTER_CIDR_POOL = "172.16.0.0/16";

export interface SecondaryRange {
    readonly rangeName: string;
    readonly ipCidrRange: string;
}

/** One firewall rule, in the provider's terms, with the reason it exists. */
export interface FirewallRulePlan {
    /** Stable key: part of the resource name. */
    readonly key: string;
    readonly description: string;
    readonly direction: "INGRESS" | "EGRESS";
    readonly priority: number;
    readonly action: "allow" | "deny";
    readonly protocol: string;
    readonly ports?: readonly string[];
    readonly sourceRanges: readonly string[];
    /** True: the rule targets only the nodes' service account; false: every instance in the network. */
    readonly targetsNodes: boolean;
}

export interface NetworkPlan {
    /** The node subnet's primary range. */
    readonly nodeCidr: string;
    readonly pods: SecondaryRange;
    readonly services: SecondaryRange;
    /** The control plane's peering range. */
    readonly masterCidr: string;
    readonly firewallRules: readonly FirewallRulePlan[];
}

/**
 * The first /28 of MASTER_CIDR_POOL that overlaps none of the given ranges. The control plane is
 * peered into the VPC, so its range must be unique in the network.
 */
export function planMasterCidr(taken: readonly string[]): string {
    const count = 2 ** (28 - 16);
    for (let i = 0; i < count; i++) {
        const candidate = subnetAt(MASTER_CIDR_POOL, 28, i);
        if (!taken.some((range) => cidrsOverlap(candidate, range))) return candidate;
    }
    throw new Error(`no free /28 in ${MASTER_CIDR_POOL}; set gke.masterIpv4CidrBlock`);
}

/**
 * Firewall rules on top of GKE's own. GKE creates its rules (control plane to nodes, node to node,
 * pods to nodes) at priority 1000, and the load balancer health-check rules per Service it exposes, so
 * no broad health-check rule is added here. The control-plane path is made explicit and reviewable,
 * and a logged deny-all refuses and records anything else that reaches the network.
 */
export function planFirewallRules(masterCidr: string): FirewallRulePlan[] {
    return [
        {
            key: "master-to-nodes",
            description:
                "GKE control plane to kubelets (10250) and to admission webhooks / aggregated APIs served on 443; private clusters need it explicitly.",
            direction: "INGRESS",
            priority: 1000,
            action: "allow",
            protocol: "tcp",
            ports: ["443", "10250"],
            sourceRanges: [masterCidr],
            targetsNodes: true,
        },
        {
            key: "deny-all-ingress",
            description:
                "Deny and log every other inbound connection (HC-NET-01). Lowest user priority, so GKE's own rules at 1000 and the rules above still apply.",
            direction: "INGRESS",
            priority: 65534,
            action: "deny",
            protocol: "all",
            sourceRanges: ["0.0.0.0/0"],
            targetsNodes: false,
        },
    ];
}

/** Subnet ranges, secondary range names and the control-plane range for the cluster's network. */
export function planNetwork(config: Pick<GcpConfig, "clusterName" | "network" | "gke">): NetworkPlan {
    const { cidr, podCidr, serviceCidr } = config.network;
    const masterCidr = config.gke.masterIpv4CidrBlock ?? planMasterCidr([cidr, podCidr, serviceCidr]);
    return {
        nodeCidr: cidr,
        pods: { rangeName: `${config.clusterName}-pods`, ipCidrRange: podCidr },
        services: { rangeName: `${config.clusterName}-services`, ipCidrRange: serviceCidr },
        masterCidr,
        firewallRules: planFirewallRules(masterCidr),
    };
}
