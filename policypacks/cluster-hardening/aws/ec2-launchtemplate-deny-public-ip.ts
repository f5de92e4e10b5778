import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-NET-01 (CIS EKS 5.4.3). A launch template never asks for a public address on its network
 * interfaces: associatePublicIpAddress "true" gives every node a public IP whatever its subnet says
 * (EKS accepts network interfaces in a managed node group's template; only their subnet is refused).
 * Unset follows the subnet's mapPublicIpOnLaunch, which aws-ec2-subnet-deny-public-ip-on-launch judges.
 */
export const awsEc2LaunchtemplateDenyPublicIp = controlResourcePolicy({
    name: "aws-ec2-launchtemplate-deny-public-ip",
    controlId: "HC-NET-01",
    description: "Launch templates do not associate public IP addresses with node network interfaces.",
    remediationSteps: 'Remove associatePublicIpAddress from networkInterfaces (or set it "false"); nodes egress through NAT.',
    validateResource: validateResourceOfType(aws.ec2.LaunchTemplate, (template, _args, report) => {
        (template.networkInterfaces ?? []).forEach((nic, i) => {
            if (String(nic.associatePublicIpAddress).toLowerCase() === "true") {
                report(
                    `networkInterfaces[${i}].associatePublicIpAddress is "true", so every node gets a public IP; remove it (or set "false") and keep nodes in private subnets`,
                );
            }
        });
    }),
});
