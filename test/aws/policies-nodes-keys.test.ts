import * as aws from "@pulumi/aws";
import { autoScalingServiceRoleArn } from "../../components/aws/policy-documents";
import { awsEksNodegroupRequireLaunchTemplate } from "../../policypacks/cluster-hardening/aws/eks-nodegroup-require-launch-template";
import { awsKmsKeyDenyOpenPolicy } from "../../policypacks/cluster-hardening/aws/kms-key-deny-open-policy";
import { CapturedResource, runStack } from "../harness";
import { evaluatePolicy, violations } from "../harness/policies";
import { added, expectPasses, messages, mutated, Props, policyDocument, statuses } from "./policy-fixture";

const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const KEY = "aws:kms/key:Key";
const KMS_FIX =
    "name the principal, or add a condition on aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn; a key policy grant needs no IAM permission, so this lets any AWS account use or manage the key";

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runStack("aws-prod")).resources;
    dev = (await runStack("aws-dev")).resources;
});

describe("aws-eks-nodegroup-require-launch-template", () => {
    const policy = awsEksNodegroupRequireLaunchTemplate;

    test("passes on both shipped stacks (each pool names its own template)", async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test("unset: a pool without launchTemplate runs on EKS's generated template", async () => {
        const bad = mutated(
            prod,
            NODE_GROUP,
            (p) => {
                delete p["launchTemplate"];
                p["diskSize"] = 50;
            },
            "platform-prod-general",
        );
        const outcomes = await evaluatePolicy(policy, bad);
        const group = bad.find((r) => r.type === NODE_GROUP && r.name === "platform-prod-general");
        expect(violations(outcomes).map((v) => [v.message, v.urn])).toEqual([
            [
                "[HC-NODE-02] node group platform-prod-general has no launchTemplate, so EKS's generated template applies: IMDS hop limit 2 (pods can take the node role's credentials) and volume encryption left to the account default; give it a launch template from this stack with IMDSv2, hop limit 1 and encrypted volumes",
                group?.urn,
            ],
        ]);
    });

    test("wrong value: a pool pointed at a template made outside the stack", async () => {
        const bad = mutated(
            prod,
            NODE_GROUP,
            (p) => (p["launchTemplate"] = { id: "lt-0123456789abcdef0", version: "3" }),
            "platform-prod-system",
        ).map((r) =>
            r.type === NODE_GROUP && r.name === "platform-prod-system"
                ? { ...r, propertyDependencies: { ...r.propertyDependencies, launchTemplate: [] } }
                : r,
        );
        expect(violations(await evaluatePolicy(policy, bad)).map((v) => v.message)).toEqual([
            "[HC-NODE-02] node group platform-prod-system uses launch template lt-0123456789abcdef0, which is not defined in this stack, so its metadata and volume settings cannot be verified; define the template in the stack, or record an HC-NODE-02 exception naming it",
        ]);
    });

    test("added node group: without a template it fails; with a template of the stack it passes", async () => {
        const extra = await added(() => {
            new aws.eks.NodeGroup("quick", {
                clusterName: "platform-prod",
                nodeRoleArn: "arn:aws:iam::123456789012:role/n",
                subnetIds: ["subnet-1"],
                scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
            });
            const template = new aws.ec2.LaunchTemplate("hardened", {
                metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
            });
            new aws.eks.NodeGroup("templated", {
                clusterName: "platform-prod",
                nodeRoleArn: "arn:aws:iam::123456789012:role/n",
                subnetIds: ["subnet-1"],
                scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
                launchTemplate: { id: template.id, version: template.latestVersion.apply(String) },
            });
        });
        const found = violations(await evaluatePolicy(policy, [...prod, ...extra]));
        expect(found.map((v) => v.urn?.split("::").pop())).toEqual(["quick"]);
    });

    test("preview: the template dependency is known, so the blueprint passes; a launchTemplate that is itself unknown is not evaluated", async () => {
        const { resources } = await runStack("aws-prod", {}, { preview: true });
        expect(statuses(await evaluatePolicy(policy, resources), policy)).toEqual(["pass"]);
        const unknown = await added(() => {
            const template = new aws.ec2.LaunchTemplate("t", {});
            new aws.eks.NodeGroup("g", {
                clusterName: "platform-prod",
                nodeRoleArn: "arn:aws:iam::123456789012:role/n",
                subnetIds: ["subnet-1"],
                scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
                launchTemplate: template.id.apply((id) => ({ id, version: "1" })),
            });
        }, true);
        expect(statuses(await evaluatePolicy(policy, unknown), policy)).toEqual(["not-evaluated"]);
    });
});

describe("aws-kms-key-deny-open-policy", () => {
    const policy = awsKmsKeyDenyOpenPolicy;

    function keyPolicy(props: Props): Props {
        return JSON.parse(props["policy"] as string) as Props;
    }

    function withStatement(sid: string, edit: (s: Props) => void): CapturedResource[] {
        return mutated(
            prod,
            KEY,
            (p) => {
                const doc = keyPolicy(p);
                const statement = (doc["Statement"] as Props[]).find((s) => s["Sid"] === sid);
                if (!statement) throw new Error(`no statement ${sid}`);
                edit(statement);
                p["policy"] = JSON.stringify(doc);
            },
            "platform-prod-key",
        );
    }

    test('passes on both shipped stacks (the Auto Scaling statements use {"AWS": "*"} narrowed by caller account and principal ARN)', async () => {
        await expectPasses(policy, prod);
        await expectPasses(policy, dev);
    });

    test("unset condition: the Auto Scaling statement without its conditions opens the key to every account", async () => {
        const bad = withStatement("AutoScalingEncryptsNodeVolumes", (s) => delete s["Condition"]);
        expect(await messages(policy, bad)).toEqual([
            `[HC-SEC-03] key policy statement "AutoScalingEncryptsNodeVolumes" allows Principal "*" (any AWS identity in any account) and no condition names who; ${KMS_FIX}`,
        ]);
    });

    test('wrong value: kms:* granted to "*"; a condition on kms:ViaService alone names nobody', async () => {
        const bad = withStatement("AccountAdministersKey", (s) => {
            s["Principal"] = "*";
            s["Action"] = "kms:*";
        });
        expect(await messages(policy, bad)).toEqual([
            `[HC-SEC-03] key policy statement "AccountAdministersKey" allows Principal "*" (any AWS identity in any account) and no condition names who; ${KMS_FIX}`,
        ]);
        const viaOnly = withStatement(
            "AutoScalingEncryptsNodeVolumes",
            (s) => (s["Condition"] = { StringEquals: { "kms:ViaService": "ec2.eu-west-1.amazonaws.com" } }),
        );
        expect((await messages(policy, viaOnly))[0]).toContain("its conditions [StringEquals kms:ViaService] do not name who");
    });

    test("added resources: an aws.kms.KeyPolicy open to everyone and a key with NotPrincipal; a key without a policy (KMS default) passes", async () => {
        const extra = await added(() => {
            new aws.kms.KeyPolicy("open", {
                keyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
                policy: policyDocument({ Effect: "Allow", Principal: { AWS: "*" }, Action: "kms:*", Resource: "*" }),
            });
            new aws.kms.Key("not-principal", {
                policy: policyDocument({
                    Sid: "All",
                    Effect: "Allow",
                    NotPrincipal: { AWS: "arn:aws:iam::123456789012:root" },
                    Action: "kms:Decrypt",
                    Resource: "*",
                }),
            });
            new aws.kms.Key("default-policy", { enableKeyRotation: true });
        });
        const outcomes = await evaluatePolicy(policy, extra);
        expect(
            violations(outcomes)
                .map((v) => v.urn?.split("::").pop())
                .sort(),
        ).toEqual(["not-principal", "open"]);
        expect(outcomes.filter((o) => o.urn?.endsWith("::default-policy")).map((o) => o.status)).toEqual(["pass"]);
    });

    test("compliant edit: the Auto Scaling role named as Principal passes", async () => {
        const named = withStatement("AutoScalingEncryptsNodeVolumes", (s) => {
            s["Principal"] = { AWS: autoScalingServiceRoleArn("aws", "123456789012") };
            delete s["Condition"];
        });
        await expectPasses(policy, named);
    });

    test("preview: the cluster key's policy (built from role ARNs) is not known, so it is not evaluated, never passed", async () => {
        const { resources } = await runStack("aws-prod", {}, { preview: true });
        // The registry key's policy needs only the account and partition, known in preview: it passes.
        expect(statuses(await evaluatePolicy(policy, resources), policy).sort()).toEqual(["not-evaluated", "pass"]);
    });
});
