import { adminPortsReached, LAST_PORT, PortProtocol, PortRange, rangeText } from "../../lib/admin-ports";
import { isEffectivelyOpen, WIDEST_ACCEPTED_PREFIX } from "./cidr";

/**
 * Reading Azure NSG rules: which sources count as "the internet" and which destination ports are
 * administrative. Pure: the NSG policy feeds it the inline `securityRules` of a NetworkSecurityGroup and
 * the props of separate SecurityRule resources, which have the same fields (azure-native 3.x,
 * Microsoft.Network 2024-05-01).
 */
export interface SecurityRuleView {
    readonly name?: string;
    readonly access?: string;
    readonly direction?: string;
    readonly protocol?: string;
    readonly sourceAddressPrefix?: string;
    readonly sourceAddressPrefixes?: readonly string[];
    readonly sourceApplicationSecurityGroups?: readonly unknown[];
    readonly destinationPortRange?: string;
    readonly destinationPortRanges?: readonly string[];
}

/**
 * Sources that admit (a large part of) the internet. `*`, `Any` and the `Internet` service tag are
 * everyone; `AzureCloud` (and its regional forms) is every Azure datacenter address, i.e. any Azure
 * customer's VM. CIDRs count as open when wider than /8 (the same limit as authorised API ranges).
 */
const EVERYONE_TAGS = ["*", "any", "internet"];

export function isInternetSource(prefix: string): boolean {
    const p = String(prefix).trim().toLowerCase();
    if (EVERYONE_TAGS.includes(p)) return true;
    if (p === "azurecloud" || p.startsWith("azurecloud.")) return true;
    if (/^[\d.]+(\/\d{1,2})?$/.test(p)) return isEffectivelyOpen(p);
    if (p.includes(":")) {
        // IPv6: "::/0" and anything wider than /8; a bare address is a /128.
        const [, bits] = p.split("/");
        return bits !== undefined && Number(bits) < WIDEST_ACCEPTED_PREFIX;
    }
    // Other service tags (VirtualNetwork, AzureLoadBalancer, GatewayManager...) stay inside Azure's fabric.
    return false;
}

/** Protocols without ports: a rule for them cannot open SSH or the kubelet. */
const PORTLESS_PROTOCOLS = ["icmp", "esp", "ah"];

/** "22", "10000-11000" or "*"; undefined when the text is none of these. */
export function parsePortRange(text: string): PortRange | undefined {
    const t = String(text).trim();
    if (t === "*") return { from: 0, to: LAST_PORT };
    const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(t);
    if (!m) return undefined;
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    return from <= to && to <= LAST_PORT ? { from, to } : undefined;
}

/** The protocols an NSG rule's protocol covers: "*" (and anything unreadable) both; Tcp or Udp itself. */
function protocolsOf(protocol: string | undefined): PortProtocol[] {
    const p = (protocol ?? "*").trim().toLowerCase();
    return p === "tcp" || p === "udp" ? [p] : ["tcp", "udp"];
}

/**
 * The administrative ports a list of destination port ranges admits for a rule's protocol ("*" and unreadable
 * ranges admit all), as "22 (SSH)"; a port open on both TCP and UDP is named once.
 */
export function adminPortsIn(ranges: readonly string[], protocol?: string): string[] {
    const parsed = ranges.map((text) => parsePortRange(text) ?? { from: 0, to: LAST_PORT });
    const named = adminPortsReached(protocolsOf(protocol), parsed).map((a) => `${rangeText(a)} (${a.what})`);
    return [...new Set(named)];
}

export interface OpenAdminRule {
    /** The internet sources the rule admits, as written ("Internet", "0.0.0.0/0"; "(no source set)"). */
    readonly sources: readonly string[];
    /** The administrative ports it opens, "22 (SSH)". */
    readonly ports: readonly string[];
    /** The destination port ranges as written, or "(no destination port set)". */
    readonly portRanges: readonly string[];
}

/**
 * What an inbound Allow rule opens to the internet on administrative ports, or undefined when it opens
 * nothing of the kind. Fails closed: a rule with no source at all counts as any source, and one with no
 * destination port as every port (ARM may refuse such a rule; the policy still does not pass it).
 */
export function openAdminRule(rule: SecurityRuleView): OpenAdminRule | undefined {
    if ((rule.access ?? "Allow").toLowerCase() !== "allow") return undefined;
    if ((rule.direction ?? "Inbound").toLowerCase() !== "inbound") return undefined;
    if (PORTLESS_PROTOCOLS.includes((rule.protocol ?? "*").toLowerCase())) return undefined;
    const written = [...(rule.sourceAddressPrefix ? [rule.sourceAddressPrefix] : []), ...(rule.sourceAddressPrefixes ?? [])];
    const hasGroups = (rule.sourceApplicationSecurityGroups ?? []).length > 0;
    const sources = written.length === 0 && !hasGroups ? ["(no source set)"] : written.filter(isInternetSource);
    if (sources.length === 0) return undefined;
    const ranges = [...(rule.destinationPortRange ? [rule.destinationPortRange] : []), ...(rule.destinationPortRanges ?? [])];
    const portRanges = ranges.length === 0 ? ["(no destination port set)"] : ranges;
    const ports = adminPortsIn(ranges.length === 0 ? ["*"] : ranges, rule.protocol);
    return ports.length === 0 ? undefined : { sources, ports, portRanges };
}
