import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { byType } from "./dispatch";
import { FirewallLike, firewallFindings, PolicyRuleLike, policyRuleFindings } from "./firewall-rules";

/** Policy rules defined one resource per rule. */
const onRule = (rule: PolicyRuleLike, report: (m: string) => void) => {
    for (const finding of policyRuleFindings(rule, "the rule")) report(finding);
};

/** Policies that carry their rules inline (`rules[]`). */
const onRules = (rules: readonly PolicyRuleLike[] | undefined, report: (m: string) => void) => {
    (rules ?? []).forEach((rule, i) => {
        for (const finding of policyRuleFindings(rule, `rules[${i}]`)) report(finding);
    });
};

/**
 * HC-NET-06 (CIS GKE 5.6.6). No ingress rule lets the internet (0.0.0.0/0, ::/0 or anything wider than
 * a /8, and a VPC rule with no source at all, which GCP reads as 0.0.0.0/0) reach SSH 22, RDP 3389,
 * etcd 2379-2380, the kubelet 10250/10255, or every port/protocol. Judged on VPC firewall rules and, as
 * they filter the same traffic before them, on hierarchical, global and regional network firewall
 * policy rules (standalone or inline). Deny, goto_next and egress rules, and disabled-or-not does not
 * matter: a disabled rule is one console switch away from being enforced.
 */
export const computeFirewallDenyInternetAdminPorts = controlResourcePolicy({
    name: "gcp-compute-firewall-deny-internet-admin-ports",
    controlId: "HC-NET-06",
    description:
        "No firewall rule or firewall policy rule admits the internet to SSH, RDP, etcd, the kubelet or every port (a rule with no source counts as 0.0.0.0/0).",
    remediationSteps:
        "Admit only named private ranges (IAP TCP forwarding, 35.235.240.0/20, for SSH); reach nodes through IAP or the cluster API, never from the internet.",
    validateResource: byType(
        validateResourceOfType(gcp.compute.Firewall, (rule, _args, report) => {
            for (const finding of firewallFindings(rule as FirewallLike)) report(finding);
        }),
        validateResourceOfType(gcp.compute.FirewallPolicyRule, (rule, _args, report) => onRule(rule as PolicyRuleLike, report)),
        validateResourceOfType(gcp.compute.NetworkFirewallPolicyRule, (rule, _args, report) => onRule(rule as PolicyRuleLike, report)),
        validateResourceOfType(gcp.compute.RegionNetworkFirewallPolicyRule, (rule, _args, report) =>
            onRule(rule as PolicyRuleLike, report),
        ),
        validateResourceOfType(gcp.compute.FirewallPolicyWithRules, (policy, _args, report) =>
            onRules(policy.rules as readonly PolicyRuleLike[] | undefined, report),
        ),
        validateResourceOfType(gcp.compute.NetworkFirewallPolicyWithRules, (policy, _args, report) =>
            onRules(policy.rules as readonly PolicyRuleLike[] | undefined, report),
        ),
        validateResourceOfType(gcp.compute.RegionNetworkFirewallPolicyWithRules, (policy, _args, report) =>
            onRules(policy.rules as readonly PolicyRuleLike[] | undefined, report),
        ),
    ),
});
