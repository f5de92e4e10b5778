import * as network from "@pulumi/azure-native/network";
import { ReportViolation, validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { validateResourcesOfTypes } from "../aws/lib";
import { openAdminRule, SecurityRuleView } from "./nsg-rules";

function check(rule: SecurityRuleView, where: string, report: ReportViolation): void {
    const open = openAdminRule(rule);
    if (!open) return;
    report(
        `${where} allows inbound ${rule.protocol ?? "*"} from ${open.sources.join(", ")} to ${open.portRanges.join(", ")}, ` +
            `which opens ${open.ports.join(", ")} to the internet; limit the source to specific CIDRs (a bastion or VPN range), ` +
            `name only the ports the service needs, or set access "Deny"`,
    );
}

/**
 * HC-NET-06: no NSG rule admits the internet to SSH, RDP, the kubelet, etcd or all ports. NSG rules live
 * in two places, the NSG's inline `securityRules` and separate SecurityRule resources (a teammate's rule
 * added to the blueprint's NSG); both are checked, whoever created them. Outbound, Deny and portless
 * (ICMP, ESP, AH) rules are out of scope; a rule with no source or no destination port fails closed.
 */
export const azureNetworkNsgDenyInternetAdminPorts = controlResourcePolicy({
    name: "azure-network-nsg-deny-internet-admin-ports",
    controlId: "HC-NET-06",
    description:
        "NSG rules never allow inbound traffic from the internet (*, Internet, Any, AzureCloud, 0.0.0.0/0, ::/0) to SSH, RDP, the kubelet (10250/10255), etcd (2379-2380) or all ports.",
    remediationSteps:
        'Give the rule a specific sourceAddressPrefix(es) (a bastion or VPN CIDR), or access "Deny"; reach nodes with `kubectl debug node/...` instead of SSH.',
    validateResource: validateResourcesOfTypes([
        validateResourceOfType(network.NetworkSecurityGroup, (nsg, _args, report) => {
            const rules: readonly SecurityRuleView[] = nsg.securityRules ?? [];
            rules.forEach((rule, i) => check(rule, `securityRules[${rule.name ?? i}]`, report));
        }),
        validateResourceOfType(network.SecurityRule, (rule, args, report) => {
            check(rule, `security rule ${rule.securityRuleName ?? rule.name ?? args.name}`, report);
        }),
    ]),
});
