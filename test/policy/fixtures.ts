import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy, controlStackPolicy } from "../../policypacks/lib/define";

/**
 * Small policies of the framework's own tests, built like the packs' policies, so the framework is
 * tested independently of any cloud's rules.
 */
export const keyRotationPolicy = controlResourcePolicy({
    name: "test-kms-key-require-rotation",
    controlId: "HC-SEC-02",
    description: "KMS keys rotate.",
    validateResource: validateResourceOfType(aws.kms.Key, (key, _args, report) => {
        if (key.enableKeyRotation !== true) report("enableKeyRotation is not true; set it to true");
    }),
});

/** Reads a value that is unknown during a preview (the log group's KMS key ARN). */
export const logGroupKeyPolicy = controlResourcePolicy({
    name: "test-cloudwatch-loggroup-require-key",
    controlId: "HC-AUD-02",
    description: "Log groups are encrypted.",
    validateResource: validateResourceOfType(aws.cloudwatch.LogGroup, (group, _args, report) => {
        if (!group.kmsKeyId || !group.kmsKeyId.startsWith("arn:")) report("kmsKeyId is not a key ARN");
    }),
});

export const everyKeyHasAliasPolicy = controlStackPolicy({
    name: "test-kms-stack-require-alias",
    controlId: "HC-SEC-02",
    description: "Every KMS key has an alias.",
    validateStack: (args, report) => {
        const keys = args.resources.filter((r) => r.isType(aws.kms.Key));
        if (keys.length === 0) args.notApplicable("no KMS keys");
        const aliased = new Set<string>();
        for (const r of args.resources) {
            if (r.type === "aws:kms/alias:Alias") for (const dep of r.propertyDependencies["targetKeyId"] ?? []) aliased.add(dep.urn);
        }
        for (const key of keys) {
            if (!aliased.has(key.urn)) report("the key has no alias", key.urn);
        }
    },
});
