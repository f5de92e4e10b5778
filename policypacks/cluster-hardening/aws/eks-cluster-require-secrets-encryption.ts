import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** HC-SEC-01 (CIS EKS 5.3.1): Secrets are envelope-encrypted with a customer-managed KMS key. */
export const awsEksClusterRequireSecretsEncryption = controlResourcePolicy({
    name: "aws-eks-cluster-require-secrets-encryption",
    controlId: "HC-SEC-01",
    description: "EKS clusters envelope-encrypt Secrets with a customer-managed KMS key.",
    remediationSteps: 'Set encryptionConfig { provider: { keyArn: key.arn }, resources: ["secrets"] }.',
    validateResource: validateResourceOfType(aws.eks.Cluster, (cluster, _args, report) => {
        const config = cluster.encryptionConfig;
        const fix = 'set encryptionConfig { provider: { keyArn: <customer-managed key ARN> }, resources: ["secrets"] }';
        if (!config) {
            report(`encryptionConfig is not set, so Secrets are encrypted only with an AWS-owned key; ${fix}`);
            return;
        }
        if (!(config.resources ?? []).includes("secrets")) {
            report(`encryptionConfig.resources is [${(config.resources ?? []).join(", ")}] without "secrets"; ${fix}`);
        }
        if (!config.provider?.keyArn) {
            report(`encryptionConfig.provider.keyArn is not set; ${fix}`);
        }
    }),
});
