import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { ingressFinding, IngressPermission, stringsOf } from "./ingress-exposure";
import { validateResourcesOfTypes } from "./lib";

interface InlineIngress {
    readonly protocol?: string;
    readonly fromPort?: number;
    readonly toPort?: number;
    readonly cidrBlocks?: readonly string[];
    readonly ipv6CidrBlocks?: readonly string[];
}

function inlineFindings(ingress: readonly InlineIngress[] | undefined, report: (message: string) => void): void {
    (ingress ?? []).forEach((rule, i) => {
        const permission: IngressPermission = {
            label: `ingress[${i}]`,
            protocol: rule.protocol,
            fromPort: rule.fromPort,
            toPort: rule.toPort,
            cidrs: [...stringsOf(rule.cidrBlocks), ...stringsOf(rule.ipv6CidrBlocks)],
        };
        const finding = ingressFinding(permission);
        if (finding) report(finding);
    });
}

/**
 * HC-NET-06 (NSA/CISA: firewall the control-plane and kubelet ports). No security group admits the
 * internet (0.0.0.0/0, ::/0, or any block wider than /8 IPv4 or /16 IPv6 that holds public addresses)
 * to SSH 22, RDP 3389, etcd 2379-2380, the kubelet 10250/10255, or to every port or protocol, in any of
 * the four ways AWS expresses ingress: a SecurityGroup's or DefaultSecurityGroup's inline ingress, an
 * ec2.SecurityGroupRule of type ingress, and a vpc.SecurityGroupIngressRule (cidrIpv4/cidrIpv6). Port
 * ranges are matched by overlap, so 0-65535 or 10000-11000 count. Whoever created the rule, and whichever
 * group it lands on, the risk is the same.
 *
 * Network ACLs are out of scope: they are stateless, ordered lists that must admit return traffic on
 * ephemeral ports from anywhere; the VPC's default NACL (which the blueprint keeps) admits all traffic
 * by AWS's design, and a NACL allow opens nothing a security group does not also allow. The security
 * group on every node and control-plane interface is the allow-list this control is about.
 */
export const awsEc2SecuritygroupDenyInternetAdminPorts = controlResourcePolicy({
    name: "aws-ec2-securitygroup-deny-internet-admin-ports",
    controlId: "HC-NET-06",
    description:
        "No security group rule admits the internet to SSH, RDP, etcd, kubelet ports or to every port (inline ingress, SecurityGroupRule, SecurityGroupIngressRule).",
    remediationSteps:
        "Replace 0.0.0.0/0 or ::/0 with the security group (referencedSecurityGroupId / sourceSecurityGroupId) or private CIDR that needs the port; reach nodes through SSM Session Manager.",
    validateResource: validateResourcesOfTypes([
        validateResourceOfType(aws.ec2.SecurityGroup, (group, _args, report) => inlineFindings(group.ingress, report)),
        validateResourceOfType(aws.ec2.DefaultSecurityGroup, (group, _args, report) => inlineFindings(group.ingress, report)),
        validateResourceOfType(aws.ec2.SecurityGroupRule, (rule, args, report) => {
            if (rule.type !== "ingress") return args.notApplicable(`a ${rule.type} rule admits nothing`);
            const finding = ingressFinding({
                label: "ingress rule",
                protocol: rule.protocol,
                fromPort: rule.fromPort,
                toPort: rule.toPort,
                cidrs: [...stringsOf(rule.cidrBlocks), ...stringsOf(rule.ipv6CidrBlocks)],
            });
            if (finding) report(finding);
        }),
        validateResourceOfType(aws.vpc.SecurityGroupIngressRule, (rule, _args, report) => {
            const finding = ingressFinding({
                label: "ingress rule",
                protocol: rule.ipProtocol,
                fromPort: rule.fromPort,
                toPort: rule.toPort,
                cidrs: [...stringsOf(rule.cidrIpv4), ...stringsOf(rule.cidrIpv6)],
            });
            if (finding) report(finding);
        }),
    ]),
});
