import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { UnknownValueError } from "../../lib/sdk-internals";
import { adminPolicyReason } from "./admin-managed-policies";
import { stringsOf } from "./ingress-exposure";
import { validateResourcesOfTypes } from "./lib";

interface Config {
    readonly additionalDeniedPolicies: string[];
}

/**
 * Names who receives the policy, for the message only: the decision is already made, so an identity
 * that is not known yet (a role created in the same preview) is described rather than left unjudged.
 */
function whom(read: () => unknown, kind: string): string {
    try {
        const names = stringsOf(read());
        return names.length > 0 ? `${kind} ${names.join(", ")}` : `the ${kind}`;
    } catch (e) {
        if (e instanceof UnknownValueError) return `the ${kind} (not known until apply)`;
        throw e;
    }
}

function check(policyArns: unknown, target: string, config: Config, report: (message: string) => void): void {
    for (const arn of stringsOf(policyArns)) {
        const reason = adminPolicyReason(arn, config.additionalDeniedPolicies);
        if (reason) {
            report(
                `attaches ${arn} to ${target}; it ${reason}. Attach a customer-managed policy listing only the actions and resources the identity needs`,
            );
        }
    }
}

/**
 * HC-IAM-04 (CIS EKS 5.1.3, 5.2.1). No identity the stack touches, whether the node role, a workload's
 * Pod Identity role, a team's role, a user or a group, receives an administrator-level AWS managed policy
 * (the list and the reason for each entry: admin-managed-policies.ts), by any of the ways the provider
 * attaches one: RolePolicyAttachment, PolicyAttachment, User/GroupPolicyAttachment, the *Exclusive
 * attachment resources, or Role.managedPolicyArns. The policy ARN decides; who receives it is named in
 * the message. Pack config `additionalDeniedPolicies` adds names or ARNs per environment.
 */
export const awsIamIdentityDenyAdminPolicies = controlResourcePolicy({
    name: "aws-iam-identity-deny-admin-policies",
    controlId: "HC-IAM-04",
    description:
        "No role, user or group is attached an administrator-level AWS managed policy (AdministratorAccess, PowerUserAccess, IAMFullAccess, ...).",
    remediationSteps:
        "Detach the administrator-level policy and attach a customer-managed policy with the specific actions and resources the identity needs.",
    configProperties: {
        additionalDeniedPolicies: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "More managed policies to refuse, by AWS managed policy name or full policy ARN.",
        },
    },
    validateResource: validateResourcesOfTypes([
        validateResourceOfType(aws.iam.RolePolicyAttachment, (a, args, report) =>
            check(
                a.policyArn,
                whom(() => a.role, "role"),
                args.getConfig<Config>(),
                report,
            ),
        ),
        validateResourceOfType(aws.iam.UserPolicyAttachment, (a, args, report) =>
            check(
                a.policyArn,
                whom(() => a.user, "user"),
                args.getConfig<Config>(),
                report,
            ),
        ),
        validateResourceOfType(aws.iam.GroupPolicyAttachment, (a, args, report) =>
            check(
                a.policyArn,
                whom(() => a.group, "group"),
                args.getConfig<Config>(),
                report,
            ),
        ),
        validateResourceOfType(aws.iam.PolicyAttachment, (a, args, report) => {
            const targets = [whom(() => a.roles, "roles"), whom(() => a.users, "users"), whom(() => a.groups, "groups")];
            const named = targets.filter((t) => !t.startsWith("the "));
            check(a.policyArn, named.length > 0 ? named.join("; ") : "its roles, users and groups", args.getConfig<Config>(), report);
        }),
        validateResourceOfType(aws.iam.RolePolicyAttachmentsExclusive, (a, args, report) =>
            check(
                a.policyArns,
                whom(() => a.roleName, "role"),
                args.getConfig<Config>(),
                report,
            ),
        ),
        validateResourceOfType(aws.iam.UserPolicyAttachmentsExclusive, (a, args, report) =>
            check(
                a.policyArns,
                whom(() => a.userName, "user"),
                args.getConfig<Config>(),
                report,
            ),
        ),
        validateResourceOfType(aws.iam.GroupPolicyAttachmentsExclusive, (a, args, report) =>
            check(
                a.policyArns,
                whom(() => a.groupName, "group"),
                args.getConfig<Config>(),
                report,
            ),
        ),
        validateResourceOfType(aws.iam.Role, (role, args, report) =>
            check(role.managedPolicyArns, `role ${args.name} (managedPolicyArns)`, args.getConfig<Config>(), report),
        ),
    ]),
});
