import * as aws from "@pulumi/aws";
import { awsIamIdentityDenyAdminPolicies } from "../../policypacks/cluster-hardening/aws/iam-identity-deny-admin-policies";
import { awsIamPolicyDenyWildcardActions } from "../../policypacks/cluster-hardening/aws/iam-policy-deny-wildcard-actions";
import { awsIamRoleDenyOpenTrust } from "../../policypacks/cluster-hardening/aws/iam-role-deny-open-trust";
import { narrowingConditions } from "../../policypacks/cluster-hardening/aws/open-principals";
import { CapturedResource, runStack } from "../harness";
import { evaluatePolicy } from "../harness/policies";
import { added, expectPasses, messages, mutated, Props, policyDocument, statuses } from "./policy-fixture";
import { nonEmpty } from "../harness/non-empty";

const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ROLE = "aws:iam/role:Role";
const ADMIN_FIX = "Attach a customer-managed policy listing only the actions and resources the identity needs";
const TRUST_FIX =
    "name the principal, or add a condition on aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn";

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runStack("aws-prod")).resources;
    dev = (await runStack("aws-dev")).resources;
});

function trust(props: Props): Props {
    return JSON.parse(props["assumeRolePolicy"] as string) as Props;
}

function withTrust(role: string, edit: (statement: Props) => void): CapturedResource[] {
    return mutated(
        prod,
        ROLE,
        (p) => {
            const doc = trust(p);
            edit((doc["Statement"] as Props[])[0]);
            p["assumeRolePolicy"] = JSON.stringify(doc);
        },
        role,
    );
}

describe("aws-iam-identity-deny-admin-policies", () => {
    const policy = awsIamIdentityDenyAdminPolicies;

    test("passes on both shipped stacks (EKS, ECR read-only, CNI and EBS CSI policies only)", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test("wrong value: AdministratorAccess attached to the node role", async () => {
        const bad = mutated(
            prod,
            ATTACHMENT,
            (p) => (p["policyArn"] = "arn:aws:iam::aws:policy/AdministratorAccess"),
            "platform-prod-node-role-AmazonEKSWorkerNodePolicy",
        );
        expect(await messages(policy, bad)).toEqual([
            `[HC-IAM-04] attaches arn:aws:iam::aws:policy/AdministratorAccess to role platform-prod-node-role-1234567; it allows "*" on "*". ${ADMIN_FIX}`,
        ]);
    });

    test("added resources: every attachment form, any partition, any identity", async () => {
        const extra = await added(() => {
            new aws.iam.PolicyAttachment("power", {
                policyArn: "arn:aws:iam::aws:policy/PowerUserAccess",
                roles: ["team-payments"],
                users: ["ci-bot"],
            });
            new aws.iam.UserPolicyAttachment("iam-admin", { user: "alice", policyArn: "arn:aws:iam::aws:policy/IAMFullAccess" });
            new aws.iam.GroupPolicyAttachment("org", { group: "ops", policyArn: "arn:aws:iam::aws:policy/AWSOrganizationsFullAccess" });
            new aws.iam.RolePolicyAttachmentsExclusive("lambda", {
                roleName: "workload",
                policyArns: ["arn:aws-us-gov:iam::aws:policy/AWSLambda_FullAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
            });
            new aws.iam.Role("amplify", {
                assumeRolePolicy: policyDocument({
                    Effect: "Allow",
                    Principal: { Service: "amplify.amazonaws.com" },
                    Action: "sts:AssumeRole",
                }),
                managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess-Amplify"],
            });
        });
        const found = (await messages(policy, extra)).sort();
        expect(found).toEqual(
            [
                `[HC-IAM-04] attaches arn:aws-us-gov:iam::aws:policy/AWSLambda_FullAccess to role workload; it allows lambda:* with iam:PassRole on any role to Lambda, so code can run as any role. ${ADMIN_FIX}`,
                `[HC-IAM-04] attaches arn:aws:iam::aws:policy/AWSOrganizationsFullAccess to group ops; it allows organizations:*, which from the management account reaches every member account. ${ADMIN_FIX}`,
                `[HC-IAM-04] attaches arn:aws:iam::aws:policy/AdministratorAccess-Amplify to role amplify (managedPolicyArns); it grants account administrative permissions (AWS's description), including IAM role and policy writes. ${ADMIN_FIX}`,
                `[HC-IAM-04] attaches arn:aws:iam::aws:policy/IAMFullAccess to user alice; it allows iam:*, so it can create an administrator. ${ADMIN_FIX}`,
                `[HC-IAM-04] attaches arn:aws:iam::aws:policy/PowerUserAccess to roles team-payments; users ci-bot; it allows every action outside IAM, Organizations and Account. ${ADMIN_FIX}`,
            ].sort(),
        );
    });

    test("compliant edits pass: a job-function policy with filtered PassRole, a customer policy, read-only access", async () => {
        const extra = await added(() => {
            new aws.iam.RolePolicyAttachment("sysadmin", {
                role: "ops",
                policyArn: "arn:aws:iam::aws:policy/job-function/SystemAdministrator",
            });
            new aws.iam.RolePolicyAttachment("own", { role: "ops", policyArn: "arn:aws:iam::123456789012:policy/AdministratorAccess" });
            new aws.iam.RolePolicyAttachment("readonly", { role: "ops", policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess" });
        });
        await expectPasses(policy, extra);
    });

    test("pack config additionalDeniedPolicies refuses more, by name or ARN", async () => {
        const extra = await added(() => {
            new aws.iam.RolePolicyAttachment("ssm", { role: "ops", policyArn: "arn:aws:iam::aws:policy/AmazonSSMFullAccess" });
            new aws.iam.RolePolicyAttachment("mine", { role: "ops", policyArn: "arn:aws:iam::123456789012:policy/break-glass" });
        });
        expect(await messages(policy, extra)).toEqual([]);
        const config = {
            [policy.name]: { additionalDeniedPolicies: ["AmazonSSMFullAccess", "arn:aws:iam::123456789012:policy/break-glass"] },
        };
        const found = await messages(policy, extra, config);
        expect(found).toHaveLength(2);
        for (const m of nonEmpty(found)) expect(m).toContain("is denied by this environment's additionalDeniedPolicies");
    });

    test("preview: an unknown policy ARN is not evaluated; an admin policy for a role not known yet is still reported", async () => {
        const unknownPolicy = await added(() => {
            const own = new aws.iam.Policy("own", { policy: policyDocument({ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }) });
            new aws.iam.RolePolicyAttachment("own", { role: "ops", policyArn: own.arn });
        }, true);
        expect(statuses(await evaluatePolicy(policy, unknownPolicy), policy)).toEqual(["not-evaluated"]);
        const unknownRole = await added(() => {
            const role = new aws.iam.Role("r", {
                assumeRolePolicy: policyDocument({
                    Effect: "Allow",
                    Principal: { Service: "ec2.amazonaws.com" },
                    Action: "sts:AssumeRole",
                }),
            });
            new aws.iam.RolePolicyAttachment("admin", { role: role.id, policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" });
        }, true);
        expect(await messages(policy, unknownRole)).toEqual([
            `[HC-IAM-04] attaches arn:aws:iam::aws:policy/AdministratorAccess to the role (not known until apply); it allows "*" on "*". ${ADMIN_FIX}`,
        ]);
        const { resources } = await runStack("aws-prod", {}, { preview: true });
        expect(new Set(statuses(await evaluatePolicy(policy, resources), policy))).toEqual(new Set(["pass"]));
    });
});

describe("aws-iam-role-deny-open-trust", () => {
    const policy = awsIamRoleDenyOpenTrust;

    test("passes on both shipped stacks (service principals, flow logs narrowed by source account and ARN)", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test('wrong value: the node role trusting {"AWS": "*"}', async () => {
        const bad = withTrust("platform-prod-node-role", (s) => (s["Principal"] = { AWS: "*" }));
        expect(await messages(policy, bad)).toEqual([
            `[HC-IAM-04] assumeRolePolicy statement 0 allows Principal "*" (any AWS identity in any account) and no condition names who; ${TRUST_FIX}`,
        ]);
    });

    test('unset condition: the flow-logs role opened to "*" passes while aws:SourceAccount/aws:SourceArn narrow it, fails once they are removed', async () => {
        const narrowed = withTrust("platform-prod-flow-logs-role", (s) => (s["Principal"] = "*"));
        expect(await messages(policy, narrowed)).toEqual([]);
        const open = withTrust("platform-prod-flow-logs-role", (s) => {
            s["Principal"] = "*";
            delete s["Condition"];
        });
        expect(await messages(policy, open)).toEqual([
            `[HC-IAM-04] assumeRolePolicy statement 0 allows Principal "*" (any AWS identity in any account) and no condition names who; ${TRUST_FIX}`,
        ]);
    });

    test.each([
        ["a wildcard account in aws:PrincipalArn", false, { StringLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } }],
        ["sts:ExternalId alone", false, { StringEquals: { "sts:ExternalId": "s3cr3t" } }],
        ["an ...IfExists operator", false, { StringEqualsIfExists: { "aws:PrincipalAccount": "123456789012" } }],
        ["a negated operator", false, { StringNotEquals: { "aws:PrincipalAccount": "999999999999" } }],
        ["ForAllValues (true on an empty set)", false, { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-abcdefghij" } }],
        ["aws:PrincipalOrgID", true, { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } }],
        ["aws:PrincipalArn with a role path wildcard", true, { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::123456789012:role/team/*" } }],
        ["aws:PrincipalAccount via ${aws:ResourceAccount}", true, { StringEquals: { "aws:PrincipalAccount": "${aws:ResourceAccount}" } }],
        ["kms:CallerAccount", true, { StringEquals: { "kms:CallerAccount": "123456789012" } }],
    ])("a condition with %s narrows the caller: %s", (_what, narrows, condition) => {
        expect(narrowingConditions(condition).length > 0).toBe(narrows);
    });

    test("added roles: NotPrincipal, ExternalId-only open trust, an IRSA trust without a subject, bad JSON; a pinned IRSA trust passes", async () => {
        const provider = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABC";
        const host = "oidc.eks.eu-west-1.amazonaws.com/id/ABC";
        const extra = await added(() => {
            new aws.iam.Role("not-principal", {
                assumeRolePolicy: policyDocument({
                    Sid: "AllButOne",
                    Effect: "Allow",
                    NotPrincipal: { AWS: "arn:aws:iam::123456789012:role/x" },
                    Action: "sts:AssumeRole",
                }),
            });
            new aws.iam.Role("vendor", {
                assumeRolePolicy: policyDocument({
                    Effect: "Allow",
                    Principal: { AWS: ["arn:aws:iam::111122223333:root", "*"] },
                    Action: "sts:AssumeRole",
                    Condition: { StringEquals: { "sts:ExternalId": "s3cr3t" } },
                }),
            });
            new aws.iam.Role("irsa-any", {
                assumeRolePolicy: policyDocument({
                    Effect: "Allow",
                    Principal: { Federated: provider },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: { StringEquals: { [`${host}:aud`]: "sts.amazonaws.com" } },
                }),
            });
            new aws.iam.Role("irsa-pinned", {
                assumeRolePolicy: policyDocument({
                    Effect: "Allow",
                    Principal: { Federated: provider },
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Condition: {
                        StringEquals: { [`${host}:sub`]: "system:serviceaccount:payments:api", [`${host}:aud`]: "sts.amazonaws.com" },
                    },
                }),
            });
            new aws.iam.Role("broken", { assumeRolePolicy: "{not json" });
        });
        const outcomes = await evaluatePolicy(policy, extra);
        const byRole = Object.fromEntries(
            ["not-principal", "vendor", "irsa-any", "irsa-pinned", "broken"].map((n) => [
                n,
                outcomes.filter((o) => o.urn?.endsWith(`::${n}`) && o.status === "violation").map((o) => o.message),
            ]),
        );
        expect(byRole["not-principal"]).toEqual([
            '[HC-IAM-04] assumeRolePolicy statement "AllButOne" allows with NotPrincipal, i.e. every principal in every account except the ones listed; name the principals in Principal instead',
        ]);
        expect(byRole["vendor"]).toEqual([
            `[HC-IAM-04] assumeRolePolicy statement 0 allows Principal "*" (any AWS identity in any account) and its conditions [StringEquals sts:ExternalId] do not name who; ${TRUST_FIX}`,
        ]);
        expect(byRole["irsa-any"]).toEqual([
            `[HC-IAM-04] assumeRolePolicy statement 0 trusts the OIDC provider ${host} without a "${host}:sub" condition naming the subject, so any identity it issues can assume the role; add StringEquals "${host}:sub" (e.g. system:serviceaccount:<namespace>:<name>)`,
        ]);
        expect(byRole["irsa-pinned"]).toEqual([]);
        expect(byRole["broken"]).toHaveLength(1);
        expect(byRole["broken"][0]).toContain("[HC-IAM-04] assumeRolePolicy is not valid JSON");
    });

    test("preview: a trust policy built from an unknown ARN is not evaluated; the blueprint's are judged", async () => {
        const unknown = await added(() => {
            const other = new aws.iam.Role("other", {
                assumeRolePolicy: policyDocument({
                    Effect: "Allow",
                    Principal: { Service: "ec2.amazonaws.com" },
                    Action: "sts:AssumeRole",
                }),
            });
            new aws.iam.Role("chained", {
                assumeRolePolicy: other.arn.apply((arn) =>
                    policyDocument({ Effect: "Allow", Principal: { AWS: arn }, Action: "sts:AssumeRole" }),
                ),
            });
        }, true);
        const outcomes = await evaluatePolicy(policy, unknown);
        expect(outcomes.filter((o) => o.urn?.endsWith("::chained")).map((o) => o.status)).toEqual(["not-evaluated"]);
        const { resources } = await runStack("aws-prod", {}, { preview: true });
        expect(new Set(statuses(await evaluatePolicy(policy, resources), policy))).toEqual(new Set(["pass"]));
    });
});

describe("aws-iam-policy-deny-wildcard-actions on user and group inline policies", () => {
    test('a UserPolicy allowing "*", a GroupPolicy allowing "*:Get*"; Deny statements are fine', async () => {
        const extra = await added(() => {
            new aws.iam.UserPolicy("u", { user: "alice", policy: policyDocument({ Effect: "Allow", Action: "*", Resource: "*" }) });
            new aws.iam.GroupPolicy("g", {
                group: "ops",
                policy: policyDocument(
                    { Effect: "Allow", Action: ["*:Get*"], Resource: "*" },
                    { Effect: "Deny", Action: "*", Resource: "*" },
                ),
            });
        });
        expect((await messages(awsIamPolicyDenyWildcardActions, extra)).sort()).toEqual([
            "[HC-IAM-03] policy: statement 0 allows wildcard actions [*:Get*]; list the specific actions the identity needs",
            "[HC-IAM-03] policy: statement 0 allows wildcard actions [*]; list the specific actions the identity needs",
        ]);
    });
});
