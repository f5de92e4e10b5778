import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { parseDocument, validateResourcesOfTypes } from "./lib";
import { openDocumentFindings } from "./open-principals";

function check(document: unknown, report: (message: string) => void): void {
    // No policy: KMS applies its default key policy (the account root, delegating to IAM), which names who.
    if (document === undefined) return;
    const parsed = parseDocument(document);
    if (!parsed.ok) {
        report(`policy is not valid JSON (${parsed.error}); give a JSON key policy that names its principals`);
        return;
    }
    for (const finding of openDocumentFindings(parsed.value)) {
        report(`key policy ${finding}; a key policy grant needs no IAM permission, so this lets any AWS account use or manage the key`);
    }
}

/**
 * HC-SEC-03 (CIS EKS 5.3.1). A key policy grants use and management only to named principals: no Allow
 * statement to Principal "*" (or {"AWS": "*"}) unless a condition pins the caller (aws:PrincipalArn,
 * kms:CallerAccount / aws:PrincipalAccount, aws:PrincipalOrgID, or aws:SourceAccount / aws:SourceArn
 * for a service, with concrete values), and no Allow with NotPrincipal. Whatever the actions: kms:* to
 * anyone is the worst case, but kms:Decrypt to anyone already exposes every Secret and volume the key
 * protects. The blueprint's own Auto Scaling statements use {"AWS": "*"} narrowed by kms:CallerAccount
 * and aws:PrincipalArn, and pass. Checked on aws.kms.Key's policy and on aws.kms.KeyPolicy.
 */
export const awsKmsKeyDenyOpenPolicy = controlResourcePolicy({
    name: "aws-kms-key-deny-open-policy",
    controlId: "HC-SEC-03",
    description: 'KMS key policies grant nothing to Principal "*" without a condition naming the caller, and never use NotPrincipal.',
    remediationSteps:
        'Name the principals (role ARNs, the account root) in Principal; keep {"AWS": "*"} only with a condition on aws:PrincipalArn, kms:CallerAccount or aws:PrincipalOrgID.',
    validateResource: validateResourcesOfTypes([
        validateResourceOfType(aws.kms.Key, (key, _args, report) => check(key.policy, report)),
        validateResourceOfType(aws.kms.KeyPolicy, (policy, _args, report) => check(policy.policy, report)),
    ]),
});
