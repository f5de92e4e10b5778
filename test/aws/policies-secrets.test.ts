import * as aws from "@pulumi/aws";
import { awsIamRoleRestrictSecretsRead } from "../../policypacks/cluster-hardening/aws/iam-role-restrict-secrets-read";
import { CapturedResource, runStack } from "../harness";
import { evaluatePolicy } from "../harness/policies";
import { nonEmpty } from "../harness/non-empty";
import { added, expectPasses, messages, mutated, Props, policyDocument, prodConfig, statuses } from "./policy-fixture";

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const TENANT_READ = "platform-prod-tenant-payments-secrets-read";
const TENANT_ROLE = "platform-prod-tenant-payments-secrets-role";
const POD_FIX = "use one tenant's prefix arn:...:secret:<cluster>/<tenant>/* as its resource";
const NODE_FIX = "nodes never read secrets; give the workload its own Pod Identity role";
const SECRETS = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:";

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runStack("aws-prod")).resources;
    dev = (await runStack("aws-dev")).resources;
});

function withTenantRead(resource: unknown, extra: Props = {}): CapturedResource[] {
    return mutated(
        prod,
        ROLE_POLICY,
        (p) => {
            const doc = JSON.parse(String(p["policy"])) as { Statement: Props[] };
            doc.Statement[0] = { ...doc.Statement[0], Resource: resource, ...extra };
            p["policy"] = JSON.stringify(doc);
        },
        TENANT_READ,
    );
}

describe("aws-iam-role-restrict-secrets-read (HC-IAM-06)", () => {
    const policy = awsIamRoleRestrictSecretsRead;

    test("passes on both shipped stacks (one prefix per tenant role, nothing on the node role)", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test.each([
        ["every secret", `${SECRETS}*`],
        ["every secret of the cluster", `${SECRETS}platform-prod/*`],
        ["a tenant-name wildcard", `${SECRETS}platform-prod/pay*`],
        ["every resource", "*"],
        ["another account", "arn:aws:secretsmanager:eu-west-1:*:secret:platform-prod/payments/*"],
    ])("wrong value: a tenant role reading %s", async (_, resource) => {
        expect(await messages(policy, withTenantRead(resource))).toEqual([
            `[HC-IAM-06] role policy ${TENANT_READ} of Pod Identity role ${TENANT_ROLE}: statement "ReadTenantSecrets" allows secretsmanager:GetSecretValue on [${resource}]; ${POD_FIX}`,
        ]);
    });

    test("wrong value: secretsmanager:* with NotResource", async () => {
        const bad = withTenantRead(undefined, { Action: ["secretsmanager:*"], NotResource: `${SECRETS}other/*` });
        expect(await messages(policy, bad)).toEqual([
            `[HC-IAM-06] role policy ${TENANT_READ} of Pod Identity role ${TENANT_ROLE}: statement "ReadTenantSecrets" allows secretsmanager:* on [NotResource]; ${POD_FIX}`,
        ]);
    });

    test("one exact secret, patterns inside the tenant's own prefix, or a namespace session-tag condition pass", async () => {
        await expectPasses(policy, withTenantRead(`${SECRETS}platform-prod/payments/db-AbCdEf`));
        await expectPasses(policy, withTenantRead([`${SECRETS}platform-prod/payments/*`, `${SECRETS}platform-prod/payments/db-*`]));
        await expectPasses(
            policy,
            withTenantRead("*", {
                Condition: { StringEquals: { "secretsmanager:ResourceTag/tenant": "${aws:PrincipalTag/kubernetes-namespace}" } },
            }),
        );
    });

    test("wrong value: an AWS managed Secrets Manager policy attached to the node role", async () => {
        const bad = mutated(
            prod,
            ATTACHMENT,
            (p) => (p["policyArn"] = "arn:aws:iam::aws:policy/SecretsManagerReadWrite"),
            "platform-prod-node-role-AmazonEKSWorkerNodePolicy",
        );
        expect(await messages(policy, bad)).toEqual([
            `[HC-IAM-06] attachment platform-prod-node-role-AmazonEKSWorkerNodePolicy attaches arn:aws:iam::aws:policy/SecretsManagerReadWrite to node role platform-prod-node-role: it grants Secrets Manager on every secret; ${NODE_FIX}`,
        ]);
    });

    test("wrong value: an inline role policy on the node role granting even one tenant's secrets", async () => {
        const extra = await added(() => {
            const node = new aws.iam.Role("node", {
                assumeRolePolicy: policyDocument({
                    Effect: "Allow",
                    Principal: { Service: "ec2.amazonaws.com" },
                    Action: "sts:AssumeRole",
                }),
            });
            new aws.iam.RolePolicy("node-secrets", {
                role: node.id,
                policy: policyDocument({
                    Sid: "Db",
                    Effect: "Allow",
                    Action: "secretsmanager:GetSecretValue",
                    Resource: `${SECRETS}platform-prod/payments/*`,
                }),
            });
        });
        expect(await messages(policy, extra)).toEqual([
            `[HC-IAM-06] role policy node-secrets of node role node: statement "Db" grants Secrets Manager [secretsmanager:GetSecretValue]; ${NODE_FIX}`,
        ]);
    });

    test("wrong value: a customer-managed policy attached to a Pod Identity role reading every secret", async () => {
        const extra = await added(() => {
            const role = new aws.iam.Role("app", {
                assumeRolePolicy: policyDocument({
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                }),
            });
            const wide = new aws.iam.Policy("read-all", {
                policy: policyDocument({ Effect: "Allow", Action: ["secretsmanager:Get*"], Resource: "*" }),
            });
            new aws.iam.RolePolicyAttachment("app-read-all", { role: role.name, policyArn: wide.arn });
        });
        expect(await messages(policy, extra)).toEqual([
            `[HC-IAM-06] managed policy read-all (attached by app-read-all) of Pod Identity role app: statement 0 allows secretsmanager:Get* on [*]; ${POD_FIX}`,
        ]);
    });

    test("unset: a role without any policy is not a finding; a preview with unknown documents is not judged", async () => {
        const extra = await added(() => {
            new aws.iam.Role("bare", {
                assumeRolePolicy: policyDocument({
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: "sts:AssumeRole",
                }),
            });
        });
        expect(await messages(policy, extra)).toEqual([]);
        const preview = await added(() => {
            const role = new aws.iam.Role("app", {
                assumeRolePolicy: policyDocument({
                    Effect: "Allow",
                    Principal: { Service: "pods.eks.amazonaws.com" },
                    Action: "sts:AssumeRole",
                }),
            });
            new aws.iam.RolePolicy("app-read", {
                role: role.id,
                policy: role.arn.apply((arn) =>
                    policyDocument({ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: arn }),
                ),
            });
        }, true);
        const outcomes = await evaluatePolicy(policy, preview, prodConfig());
        expect(nonEmpty(statuses(outcomes, policy))).not.toContain("violation");
    });
});
