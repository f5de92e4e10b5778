import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { parseDocument, validateResourcesOfTypes, wildcardFindings } from "./lib";

function check(where: string, document: unknown, report: (message: string) => void): void {
    if (document === undefined) return;
    const parsed = parseDocument(document);
    if (!parsed.ok) {
        report(`${where} is not valid JSON (${parsed.error}); give a JSON policy document`);
        return;
    }
    for (const finding of wildcardFindings(parsed.value)) {
        report(`${where}: ${finding}; list the specific actions the identity needs`);
    }
}

/**
 * HC-IAM-03 (CIS EKS 5.1.3). Policy documents the stack writes (managed policies, role, user and group
 * inline policies, a role's inlinePolicies) never Allow "*", "<service>:*" or "*:<action>", nor Allow
 * with NotAction. Narrower prefixes ("ec2:Describe*") are allowed: they stay within one read-only family.
 * AWS managed policies attached by ARN are judged by aws-iam-identity-deny-admin-policies (HC-IAM-04).
 */
export const awsIamPolicyDenyWildcardActions = controlResourcePolicy({
    name: "aws-iam-policy-deny-wildcard-actions",
    controlId: "HC-IAM-03",
    description: 'IAM policy documents do not allow "*" or "service:*" actions.',
    remediationSteps: "Replace wildcard actions with the specific actions needed.",
    validateResource: validateResourcesOfTypes([
        validateResourceOfType(aws.iam.Policy, (policy, _args, report) => check("policy", policy.policy, report)),
        validateResourceOfType(aws.iam.RolePolicy, (policy, _args, report) => check("policy", policy.policy, report)),
        validateResourceOfType(aws.iam.UserPolicy, (policy, _args, report) => check("policy", policy.policy, report)),
        validateResourceOfType(aws.iam.GroupPolicy, (policy, _args, report) => check("policy", policy.policy, report)),
        validateResourceOfType(aws.iam.Role, (role, _args, report) => {
            (role.inlinePolicies ?? []).forEach((inline, i) => check(`inlinePolicies[${inline.name ?? i}].policy`, inline.policy, report));
        }),
    ]),
});
