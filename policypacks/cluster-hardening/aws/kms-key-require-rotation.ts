import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** The longest rotation period accepted: yearly, as CIS and most frameworks ask. */
export const MAX_ROTATION_PERIOD_DAYS = 365;

/**
 * HC-SEC-02. Symmetric keys rotate at least yearly. Asymmetric and HMAC keys cannot rotate automatically
 * in KMS, so the policy does not apply to them.
 */
export const awsKmsKeyRequireRotation = controlResourcePolicy({
    name: "aws-kms-key-require-rotation",
    controlId: "HC-SEC-02",
    description: "Symmetric KMS keys have automatic rotation enabled, at least yearly.",
    remediationSteps: "Set enableKeyRotation true (rotationPeriodInDays 365 or less).",
    validateResource: validateResourceOfType(aws.kms.Key, (key, args, report) => {
        const spec = key.customerMasterKeySpec ?? "SYMMETRIC_DEFAULT";
        if (spec !== "SYMMETRIC_DEFAULT") return args.notApplicable(`${spec} keys cannot rotate automatically`);
        if (key.enableKeyRotation !== true) {
            report(`enableKeyRotation is ${String(key.enableKeyRotation ?? "unset (AWS default false)")}; set enableKeyRotation true`);
            return;
        }
        if (key.rotationPeriodInDays !== undefined && key.rotationPeriodInDays > MAX_ROTATION_PERIOD_DAYS) {
            report(`rotationPeriodInDays is ${key.rotationPeriodInDays}; set it to ${MAX_ROTATION_PERIOD_DAYS} or less`);
        }
    }),
});
