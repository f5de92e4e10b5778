import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const PUBLIC_ELB_TAG = "kubernetes.io/role/elb";
export const INTERNAL_ELB_TAG = "kubernetes.io/role/internal-elb";

/**
 * HC-NET-01 (CIS EKS 5.4.3). The rule: no subnet may set mapPublicIpOnLaunch true, except a subnet that
 * is explicitly public, i.e. tagged kubernetes.io/role/elb and not kubernetes.io/role/internal-elb
 * (internet-facing load balancer subnets, where nodes never run). A subnet's use by nodes cannot be
 * seen from the subnet itself, so an untagged subnet is treated as a possible node subnet.
 */
export const awsEc2SubnetDenyPublicIpOnLaunch = controlResourcePolicy({
    name: "aws-ec2-subnet-deny-public-ip-on-launch",
    controlId: "HC-NET-01",
    description: "Subnets do not assign public IPs on launch, unless tagged as public load-balancer subnets only.",
    remediationSteps: "Set mapPublicIpOnLaunch false; NAT gateways use Elastic IPs and nodes need no public address.",
    validateResource: validateResourceOfType(aws.ec2.Subnet, (subnet, _args, report) => {
        if (subnet.mapPublicIpOnLaunch !== true) return;
        const tags = subnet.tags ?? {};
        const publicOnly = tags[PUBLIC_ELB_TAG] === "1" && tags[INTERNAL_ELB_TAG] === undefined;
        if (publicOnly) return;
        const why =
            tags[INTERNAL_ELB_TAG] !== undefined
                ? `it is tagged ${INTERNAL_ELB_TAG} (a private, node subnet)`
                : `it is not tagged ${PUBLIC_ELB_TAG} alone, so nodes may run in it`;
        report(`mapPublicIpOnLaunch is true and ${why}; set mapPublicIpOnLaunch false`);
    }),
});
