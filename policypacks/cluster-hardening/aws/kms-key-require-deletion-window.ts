import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** KMS's longest window, which is also its default. */
export const MIN_DELETION_WINDOW_DAYS = 30;

/**
 * HC-SEC-02. A scheduled key deletion can be cancelled for 30 days; a shorter window leaves less time to
 * notice that etcd, volumes and audit logs are about to become unreadable. Unset means KMS's default of
 * 30 days, which complies.
 */
export const awsKmsKeyRequireDeletionWindow = controlResourcePolicy({
    name: "aws-kms-key-require-deletion-window",
    controlId: "HC-SEC-02",
    description: `KMS keys have a deletion window of ${MIN_DELETION_WINDOW_DAYS} days.`,
    remediationSteps: `Set deletionWindowInDays ${MIN_DELETION_WINDOW_DAYS}.`,
    validateResource: validateResourceOfType(aws.kms.Key, (key, _args, report) => {
        const days = key.deletionWindowInDays;
        if (days !== undefined && days < MIN_DELETION_WINDOW_DAYS) {
            report(
                `deletionWindowInDays is ${days}; set it to ${MIN_DELETION_WINDOW_DAYS} so a scheduled deletion can be noticed and cancelled`,
            );
        }
    }),
});
