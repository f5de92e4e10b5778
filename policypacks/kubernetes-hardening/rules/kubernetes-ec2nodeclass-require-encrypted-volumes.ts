import { controlResourcePolicy } from "../../lib/define";
import { KINDS, list, record, validateObjects } from "./objects";

/**
 * HC-NODE-01 for nodes Karpenter launches: every EBS volume an EC2NodeClass maps is encrypted with a
 * customer-managed key (ebs.encrypted true and ebs.kmsKeyID, Karpenter v1 field names). Without mappings the AMI
 * family's defaults apply, encrypted with the account's AWS-managed key at best, not the cluster key, so the
 * mappings must be written out (Karpenter launches instances itself, so the key policy must let it: issue 14).
 */
export const ec2NodeClassRequireEncryptedVolumes = controlResourcePolicy({
    name: "kubernetes-ec2nodeclass-require-encrypted-volumes",
    controlId: "HC-NODE-01",
    description: "Karpenter EC2NodeClasses map every EBS volume encrypted with a customer-managed KMS key.",
    remediationSteps: "Add spec.blockDeviceMappings for every device with ebs { encrypted: true, kmsKeyID: <the cluster key ARN> }.",
    validateResource: validateObjects([KINDS.ec2NodeClass], (nodeClass, _args, report) => {
        const mappings = list(record(nodeClass.body["spec"])?.["blockDeviceMappings"]);
        if (mappings.length === 0) {
            report(
                `${nodeClass.label} maps no block device, so its volumes follow the AMI family's defaults, not the cluster key; add spec.blockDeviceMappings with ebs { encrypted: true, kmsKeyID }`,
            );
            return;
        }
        mappings.forEach((raw, i) => {
            const mapping = record(raw);
            const device = String(mapping?.["deviceName"] ?? `[${i}]`);
            const ebs = record(mapping?.["ebs"]);
            const encrypted = ebs?.["encrypted"];
            if (encrypted !== true) {
                report(
                    `${nodeClass.label}: blockDeviceMappings ${device} has ebs.encrypted ${JSON.stringify(encrypted ?? null)}; set encrypted true with kmsKeyID the cluster key`,
                );
            } else if (typeof ebs?.["kmsKeyID"] !== "string" || ebs["kmsKeyID"] === "") {
                report(
                    `${nodeClass.label}: blockDeviceMappings ${device} is encrypted with the AWS-managed key; set ebs.kmsKeyID to the cluster key`,
                );
            }
        });
    }),
});
