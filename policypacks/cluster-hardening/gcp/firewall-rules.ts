import { exposedAdminPorts } from "./admin-ports";
import { isInternetRange, nonEmptyStrings } from "./internet-sources";

/**
 * Ingress rules in every shape GCP takes them, reduced to what HC-NET-06 judges: which internet sources
 * a rule admits, and which admin ports (or every port) it opens to them. Pure: the policy passes the
 * props it reads (through the SDK's unknown-checking proxy, so an unknown source stops the verdict).
 */
export interface Layer4Like {
    readonly protocol?: string;
    readonly ports?: readonly string[];
}

/** gcp.compute.Firewall (VPC firewall rule). */
export interface FirewallLike {
    readonly direction?: string;
    readonly disabled?: boolean;
    readonly allows?: readonly Layer4Like[];
    readonly sourceRanges?: readonly string[];
    readonly sourceTags?: readonly string[];
    readonly sourceServiceAccounts?: readonly string[];
}

/** A firewall policy rule: hierarchical, global network or regional network; standalone or inline. */
export interface PolicyRuleLike {
    readonly action?: string;
    readonly direction?: string;
    readonly disabled?: boolean;
    readonly priority?: number;
    readonly match?: {
        readonly srcIpRanges?: readonly string[];
        readonly srcNetworkScope?: string;
        readonly srcNetworkContext?: string;
        readonly srcRegionCodes?: readonly string[];
        readonly srcThreatIntelligences?: readonly string[];
        readonly srcFqdns?: readonly string[];
        readonly srcAddressGroups?: readonly string[];
        readonly srcSecureTags?: readonly unknown[];
        readonly srcNetworks?: readonly string[];
        readonly layer4Configs?: readonly { readonly ipProtocol?: string; readonly ports?: readonly string[] }[];
    };
}

/** How a finding names the rule and says what to change. */
interface Finding {
    readonly label: string;
    readonly sources: readonly string[];
    readonly layer4: readonly Layer4Like[];
    readonly disabled: boolean;
    readonly fix: string;
}

const INGRESS = "INGRESS";
/** Actions that let matching traffic in ("apply_security_profile_group" allows it after inspection). */
const ADMITTING_ACTIONS = ["allow", "apply_security_profile_group"];

/**
 * Internet sources of a VPC firewall rule. With neither sourceRanges, sourceTags nor
 * sourceServiceAccounts, the Compute API applies the rule to every IPv4 source (0.0.0.0/0); an empty
 * string in sourceRanges is no source either (terraform-provider-google issue 6789 shows both).
 */
export function firewallInternetSources(rule: FirewallLike): string[] {
    const ranges = nonEmptyStrings(rule.sourceRanges);
    if (ranges.length > 0) return ranges.filter(isInternetRange);
    if (nonEmptyStrings(rule.sourceTags).length > 0 || nonEmptyStrings(rule.sourceServiceAccounts).length > 0) return [];
    return ["0.0.0.0/0 (no sourceRanges, sourceTags or sourceServiceAccounts: the API's default source)"];
}

/**
 * Internet sources of a firewall policy rule's match: /0-like srcIpRanges, the INTERNET network scope,
 * whole countries (srcRegionCodes) and threat-intelligence lists (known bad addresses). A match with no
 * source at all is read as matching every source. Address groups, FQDNs, secure tags and VPC networks
 * are named sources and are not judged here.
 */
export function policyRuleInternetSources(match: NonNullable<PolicyRuleLike["match"]>): string[] {
    const ranges = nonEmptyStrings(match.srcIpRanges);
    const found = ranges.filter(isInternetRange);
    for (const [field, value] of [
        ["srcNetworkScope", match.srcNetworkScope],
        ["srcNetworkContext", match.srcNetworkContext],
    ] as const) {
        if (value === "INTERNET") found.push(`${field} INTERNET`);
    }
    const regions = nonEmptyStrings(match.srcRegionCodes);
    if (regions.length > 0) found.push(`srcRegionCodes [${regions.join(", ")}] (every address of those countries)`);
    const threats = nonEmptyStrings(match.srcThreatIntelligences);
    if (threats.length > 0) found.push(`srcThreatIntelligences [${threats.join(", ")}] (known malicious addresses)`);
    if (found.length > 0 || ranges.length > 0) return found;
    const named =
        nonEmptyStrings(match.srcFqdns).length +
        nonEmptyStrings(match.srcAddressGroups).length +
        nonEmptyStrings(match.srcNetworks).length +
        (match.srcSecureTags ?? []).length;
    if (named > 0 || match.srcNetworkScope !== undefined || match.srcNetworkContext !== undefined) return [];
    return ["every source (the match names no source)"];
}

function findingText(f: Finding): string | undefined {
    if (f.sources.length === 0) return undefined;
    const opened = f.layer4.map((l) => exposedAdminPorts(l.protocol, l.ports)).filter((p): p is string => p !== undefined);
    if (opened.length === 0) return undefined;
    const disabled = f.disabled ? " (disabled today, enabled by one switch outside the pipeline)" : "";
    return `${f.label} admits ${f.sources.join(", ")} to ${opened.join("; ")}${disabled}; ${f.fix}`;
}

const FIREWALL_FIX =
    "list in sourceRanges only the private ranges that need these ports (IAP TCP forwarding, 35.235.240.0/20, for SSH), or remove the rule";
const POLICY_RULE_FIX =
    "match only the private ranges that need these ports in match.srcIpRanges (IAP TCP forwarding, 35.235.240.0/20, for SSH), or make the rule deny";

/** HC-NET-06 findings of a VPC firewall rule (egress rules and deny rules have none). */
export function firewallFindings(rule: FirewallLike): string[] {
    if ((rule.direction ?? INGRESS).toUpperCase() !== INGRESS) return [];
    const allows = rule.allows ?? [];
    if (allows.length === 0) return [];
    const sources = firewallInternetSources(rule);
    if (sources.length === 0) return [];
    const findings = allows.map((allow, i) =>
        findingText({ label: `allows[${i}]`, sources, layer4: [allow], disabled: rule.disabled === true, fix: FIREWALL_FIX }),
    );
    return findings.filter((f): f is string => f !== undefined);
}

/** HC-NET-06 findings of one firewall policy rule; `label` says where it sits ("rules[2]", "the rule"). */
export function policyRuleFindings(rule: PolicyRuleLike, label: string): string[] {
    if ((rule.direction ?? INGRESS).toUpperCase() !== INGRESS) return [];
    if (!ADMITTING_ACTIONS.includes((rule.action ?? "").toLowerCase())) return [];
    const match = rule.match ?? {};
    const sources = policyRuleInternetSources(match);
    const layer4 = (match.layer4Configs ?? []).map((l) => ({ protocol: l.ipProtocol, ports: l.ports }));
    const where = rule.priority === undefined ? label : `${label} (priority ${rule.priority})`;
    const text = findingText({ label: where, sources, layer4, disabled: rule.disabled === true, fix: POLICY_RULE_FIX });
    return text === undefined ? [] : [text];
}
