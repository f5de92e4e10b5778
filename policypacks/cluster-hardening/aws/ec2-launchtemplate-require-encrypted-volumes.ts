import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-NODE-01. Every EBS volume a launch template maps is encrypted with a customer-managed key. A
 * template that maps no volume leaves them to the AMI's snapshot settings (unencrypted unless the
 * account turned on EBS encryption by default), so it fails too.
 */
export const awsEc2LaunchtemplateRequireEncryptedVolumes = controlResourcePolicy({
    name: "aws-ec2-launchtemplate-require-encrypted-volumes",
    controlId: "HC-NODE-01",
    description: "Launch templates map every EBS volume encrypted with a customer-managed KMS key.",
    remediationSteps: 'Add blockDeviceMappings for every device with ebs { encrypted: "true", kmsKeyId: key.arn }.',
    validateResource: validateResourceOfType(aws.ec2.LaunchTemplate, (template, _args, report) => {
        const mappings = template.blockDeviceMappings ?? [];
        const ebs = mappings.filter((m) => m.noDevice === undefined && m.virtualName === undefined);
        if (ebs.length === 0) {
            report(
                'blockDeviceMappings maps no EBS volume, so volumes follow the AMI\'s unencrypted snapshot; map each device with ebs { encrypted: "true", kmsKeyId }',
            );
            return;
        }
        for (const m of ebs) {
            const device = m.deviceName ?? "(no deviceName)";
            const encrypted = m.ebs?.encrypted;
            if (String(encrypted) !== "true") {
                report(
                    `blockDeviceMappings ${device}: ebs.encrypted is ${encrypted ?? "unset"}; set encrypted "true" with the cluster key`,
                );
            } else if (!m.ebs?.kmsKeyId) {
                report(
                    `blockDeviceMappings ${device}: ebs.kmsKeyId is not set, so the AWS-managed aws/ebs key is used; set kmsKeyId to the cluster key`,
                );
            }
        }
    }),
});
