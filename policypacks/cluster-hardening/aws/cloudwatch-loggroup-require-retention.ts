import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const DEFAULT_MINIMUM_RETENTION_DAYS = 365;

/**
 * HC-AUD-02 (CIS EKS 2.1.1). Log groups keep events at least `minimumDays` (pack config per environment:
 * 30 dev, 90 staging, 365 prod) and are encrypted with a customer-managed key. An unset or 0 retention
 * (never expire) is refused too: retention is a decision to write down, and "forever" has no lifecycle.
 */
export const awsCloudwatchLoggroupRequireRetention = controlResourcePolicy({
    name: "aws-cloudwatch-loggroup-require-retention",
    controlId: "HC-AUD-02",
    description: "CloudWatch log groups keep events at least the environment's minimum and are KMS-encrypted.",
    remediationSteps: "Set retentionInDays to at least minimumDays (a CloudWatch retention value) and kmsKeyId to a customer-managed key.",
    configProperties: {
        minimumDays: {
            type: "integer",
            minimum: 1,
            default: DEFAULT_MINIMUM_RETENTION_DAYS,
            description: "The shortest retention accepted, in days.",
        },
    },
    validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (group, args, report) => {
        const { minimumDays } = args.getConfig<{ minimumDays: number }>();
        const days = group.retentionInDays;
        if (days === undefined || days === 0) {
            report(
                `retentionInDays is ${days === undefined ? "unset" : "0"} (never expire); set retentionInDays to at least ${minimumDays}`,
            );
        } else if (days < minimumDays) {
            report(`retentionInDays is ${days}; set it to at least ${minimumDays} for this environment`);
        }
        if (!group.kmsKeyId) {
            report(
                "kmsKeyId is not set, so the log group is encrypted only with a CloudWatch-owned key; set kmsKeyId to a customer-managed KMS key ARN",
            );
        }
    }),
});
