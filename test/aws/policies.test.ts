import * as aws from "@pulumi/aws";
import { Policy } from "@pulumi/policy";
import { AWS_POLICIES } from "../../policypacks/cluster-hardening/aws";
import { awsCloudwatchLoggroupRequireRetention } from "../../policypacks/cluster-hardening/aws/cloudwatch-loggroup-require-retention";
import { awsEc2LaunchtemplateRequireEncryptedVolumes } from "../../policypacks/cluster-hardening/aws/ec2-launchtemplate-require-encrypted-volumes";
import { awsEc2LaunchtemplateRequireImdsv2 } from "../../policypacks/cluster-hardening/aws/ec2-launchtemplate-require-imdsv2";
import { awsEc2SubnetDenyPublicIpOnLaunch } from "../../policypacks/cluster-hardening/aws/ec2-subnet-deny-public-ip-on-launch";
import { awsEc2VpcRequireFlowLogs } from "../../policypacks/cluster-hardening/aws/ec2-vpc-require-flow-logs";
import { awsEksAddonRequireNetworkPolicy } from "../../policypacks/cluster-hardening/aws/eks-addon-require-network-policy";
import { awsEksClusterRequireAllLogTypes } from "../../policypacks/cluster-hardening/aws/eks-cluster-require-all-log-types";
import { awsEksClusterRequireApiAuthenticationMode } from "../../policypacks/cluster-hardening/aws/eks-cluster-require-api-authentication-mode";
import { awsEksClusterRequirePrivateEndpoint } from "../../policypacks/cluster-hardening/aws/eks-cluster-require-private-endpoint";
import { awsEksClusterRequireSecretsEncryption } from "../../policypacks/cluster-hardening/aws/eks-cluster-require-secrets-encryption";
import { awsEksNodegroupDenyRemoteAccess } from "../../policypacks/cluster-hardening/aws/eks-nodegroup-deny-remote-access";
import { awsEksNodegroupRequireHardenedAmi } from "../../policypacks/cluster-hardening/aws/eks-nodegroup-require-hardened-ami";
import { awsEksStackRequireWorkloadIdentity } from "../../policypacks/cluster-hardening/aws/eks-stack-require-workload-identity";
import { awsIamPolicyDenyWildcardActions } from "../../policypacks/cluster-hardening/aws/iam-policy-deny-wildcard-actions";
import { awsKmsKeyRequireDeletionWindow } from "../../policypacks/cluster-hardening/aws/kms-key-require-deletion-window";
import { awsKmsKeyRequireRotation } from "../../policypacks/cluster-hardening/aws/kms-key-require-rotation";
import { controlForPolicy } from "../../policypacks/controls";
import { PackConfig } from "../../tools/policy/evaluate";
import { readPackConfig } from "../../tools/policy/packs";
import { CapturedResource, ofType, runProgram, runStack } from "../harness";
import { evaluatePolicy, passes, violations } from "../harness/policies";
import { nonEmpty } from "../harness/non-empty";

let blueprint: CapturedResource[];
beforeAll(async () => {
    blueprint = (await runStack("aws-prod")).resources;
});

type Props = Record<string, unknown>;

/** The blueprint with the first resource of `type` (or the named one) changed by `change`. */
function mutated(type: string, change: (props: Props) => void, name?: string): CapturedResource[] {
    let done = false;
    const out = blueprint.map((r) => {
        if (done || r.type !== type || (name !== undefined && r.name !== name)) return r;
        done = true;
        const props = JSON.parse(JSON.stringify(r.props)) as Props;
        change(props);
        return { ...r, props };
    });
    if (!done) throw new Error(`no ${type} ${name ?? ""} to mutate`);
    return out;
}

async function messages(policy: Policy, resources: CapturedResource[], config: PackConfig = {}): Promise<string[]> {
    return violations(await evaluatePolicy(policy, resources, config), policy.name).map((v) => v.message ?? "");
}

function obj(props: Props, key: string): Props {
    return props[key] as Props;
}

test("every policy of the catalogue's AWS list is in AWS_POLICIES under its exact name and control", () => {
    const names = AWS_POLICIES.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(33);
    for (const name of nonEmpty(names)) expect(controlForPolicy(name)?.policies).toContain(name);
});

describe.each(AWS_POLICIES.map((p) => [p] as const))("%o passes on the blueprint", (policy) => {
    test(`${policy.name} with the shipped prod pack config`, async () => {
        const outcomes = await evaluatePolicy(policy, blueprint, readPackConfig("cluster-hardening", "prod"));
        expect(violations(outcomes)).toEqual([]);
        expect(outcomes.filter((o) => o.status === "not-evaluated")).toEqual([]);
        expect(passes(outcomes, policy.name).length).toBeGreaterThan(0);
    });
});

describe("insecure variants fail with a specific message", () => {
    const CLUSTER = "aws:eks/cluster:Cluster";

    test("private endpoint: public endpoint open to the world, unset, or private access off", async () => {
        const open = mutated(CLUSTER, (p) =>
            Object.assign(obj(p, "vpcConfig"), { endpointPublicAccess: true, publicAccessCidrs: ["10.1.0.0/16", "0.0.0.0/0"] }),
        );
        expect(await messages(awsEksClusterRequirePrivateEndpoint, open)).toEqual([
            "[HC-API-01] vpcConfig.endpointPublicAccess is true with publicAccessCidrs [10.1.0.0/16, 0.0.0.0/0]; remove [0.0.0.0/0]: set endpointPublicAccess false or list specific CIDRs",
        ]);
        const unset = mutated(CLUSTER, (p) => {
            const vpc = obj(p, "vpcConfig");
            delete vpc["endpointPublicAccess"];
            delete vpc["endpointPrivateAccess"];
        });
        const found = await messages(awsEksClusterRequirePrivateEndpoint, unset);
        expect(found).toHaveLength(2);
        expect(found[0]).toContain("vpcConfig.endpointPrivateAccess is unset (AWS default false); set it true");
        expect(found[1]).toContain(
            "endpointPublicAccess is unset (AWS default true) with no publicAccessCidrs, which AWS treats as [0.0.0.0/0]",
        );
        const listed = mutated(CLUSTER, (p) =>
            Object.assign(obj(p, "vpcConfig"), { endpointPublicAccess: true, publicAccessCidrs: ["203.0.113.0/24"] }),
        );
        expect(await messages(awsEksClusterRequirePrivateEndpoint, listed)).toEqual([]);
    });

    test("subnet: a node subnet assigning public IPs", async () => {
        const bad = mutated("aws:ec2/subnet:Subnet", (p) => (p["mapPublicIpOnLaunch"] = true), "platform-prod-private-a");
        expect(await messages(awsEc2SubnetDenyPublicIpOnLaunch, bad)).toEqual([
            "[HC-NET-01] mapPublicIpOnLaunch is true and it is tagged kubernetes.io/role/internal-elb (a private, node subnet); set mapPublicIpOnLaunch false",
        ]);
        const untagged = mutated(
            "aws:ec2/subnet:Subnet",
            (p) => {
                p["mapPublicIpOnLaunch"] = true;
                p["tags"] = {};
            },
            "platform-prod-private-b",
        );
        expect((await messages(awsEc2SubnetDenyPublicIpOnLaunch, untagged))[0]).toContain(
            "it is not tagged kubernetes.io/role/elb alone, so nodes may run in it",
        );
        const publicLb = mutated("aws:ec2/subnet:Subnet", (p) => (p["mapPublicIpOnLaunch"] = true), "platform-prod-public-a");
        expect(await messages(awsEc2SubnetDenyPublicIpOnLaunch, publicLb)).toEqual([]);
    });

    test("network policy: vpc-cni without enableNetworkPolicy, unparsable, or false in YAML", async () => {
        const none = mutated("aws:eks/addon:Addon", (p) => delete p["configurationValues"], "platform-prod-vpc-cni");
        expect(await messages(awsEksAddonRequireNetworkPolicy, none)).toEqual([
            '[HC-NET-02] the vpc-cni add-on has no configurationValues, so NetworkPolicy objects are not enforced; set configurationValues to {"enableNetworkPolicy":"true"}',
        ]);
        const off = mutated(
            "aws:eks/addon:Addon",
            (p) => (p["configurationValues"] = "enableNetworkPolicy: 'false'\n"),
            "platform-prod-vpc-cni",
        );
        expect((await messages(awsEksAddonRequireNetworkPolicy, off))[0]).toContain('enableNetworkPolicy is "false"');
        const broken = mutated(
            "aws:eks/addon:Addon",
            (p) => (p["configurationValues"] = '{"enableNetworkPolicy": '),
            "platform-prod-vpc-cni",
        );
        expect((await messages(awsEksAddonRequireNetworkPolicy, broken))[0]).toContain("configurationValues cannot be parsed");
    });

    test("flow logs: a VPC without a flow log", async () => {
        const bad = blueprint.filter((r) => r.type !== "aws:ec2/flowLog:FlowLog");
        const outcomes = await evaluatePolicy(awsEc2VpcRequireFlowLogs, bad);
        const vpc = ofType(blueprint, "aws:ec2/vpc:Vpc")[0];
        expect(violations(outcomes).map((v) => [v.message, v.urn])).toEqual([
            [
                "[HC-NET-03] VPC platform-prod-vpc has no flow log; add an aws.ec2.FlowLog with vpcId set to this VPC's id and trafficType ALL",
                vpc.urn,
            ],
        ]);
    });

    test("secrets encryption: none, or without secrets", async () => {
        const none = mutated(CLUSTER, (p) => delete p["encryptionConfig"]);
        expect(await messages(awsEksClusterRequireSecretsEncryption, none)).toEqual([
            '[HC-SEC-01] encryptionConfig is not set, so Secrets are encrypted only with an AWS-owned key; set encryptionConfig { provider: { keyArn: <customer-managed key ARN> }, resources: ["secrets"] }',
        ]);
        const noSecrets = mutated(CLUSTER, (p) => (obj(p, "encryptionConfig")["resources"] = []));
        expect((await messages(awsEksClusterRequireSecretsEncryption, noSecrets))[0]).toContain(
            'encryptionConfig.resources is [] without "secrets"',
        );
    });

    test("KMS: rotation off or too slow, short deletion window", async () => {
        const noRotation = mutated("aws:kms/key:Key", (p) => (p["enableKeyRotation"] = false));
        expect(await messages(awsKmsKeyRequireRotation, noRotation)).toEqual([
            "[HC-SEC-02] enableKeyRotation is false; set enableKeyRotation true",
        ]);
        const slow = mutated("aws:kms/key:Key", (p) => (p["rotationPeriodInDays"] = 730));
        expect(await messages(awsKmsKeyRequireRotation, slow)).toEqual(["[HC-SEC-02] rotationPeriodInDays is 730; set it to 365 or less"]);
        const short = mutated("aws:kms/key:Key", (p) => (p["deletionWindowInDays"] = 7));
        expect(await messages(awsKmsKeyRequireDeletionWindow, short)).toEqual([
            "[HC-SEC-02] deletionWindowInDays is 7; set it to 30 so a scheduled deletion can be noticed and cancelled",
        ]);
    });

    test("log types: audit and authenticator missing", async () => {
        const bad = mutated(CLUSTER, (p) => (p["enabledClusterLogTypes"] = ["api", "controllerManager", "scheduler"]));
        expect(await messages(awsEksClusterRequireAllLogTypes, bad)).toEqual([
            "[HC-AUD-01] enabledClusterLogTypes is missing [audit, authenticator]; set it to [api, audit, authenticator, controllerManager, scheduler]",
        ]);
    });

    test("log retention: below the environment's minimum, never-expire, and no key", async () => {
        const config = { "aws-cloudwatch-loggroup-require-retention": { minimumDays: 365 } };
        const short = mutated("aws:cloudwatch/logGroup:LogGroup", (p) => (p["retentionInDays"] = 90));
        expect(await messages(awsCloudwatchLoggroupRequireRetention, short, config)).toEqual([
            "[HC-AUD-02] retentionInDays is 90; set it to at least 365 for this environment",
        ]);
        expect(
            await messages(awsCloudwatchLoggroupRequireRetention, short, {
                "aws-cloudwatch-loggroup-require-retention": { minimumDays: 30 },
            }),
        ).toEqual([]);
        const forever = mutated("aws:cloudwatch/logGroup:LogGroup", (p) => {
            delete p["retentionInDays"];
            delete p["kmsKeyId"];
        });
        expect(await messages(awsCloudwatchLoggroupRequireRetention, forever)).toEqual([
            "[HC-AUD-02] retentionInDays is unset (never expire); set retentionInDays to at least 365",
            "[HC-AUD-02] kmsKeyId is not set, so the log group is encrypted only with a CloudWatch-owned key; set kmsKeyId to a customer-managed KMS key ARN",
        ]);
    });

    test("authentication mode: aws-auth ConfigMap and creator admin", async () => {
        const bad = mutated(CLUSTER, (p) => (p["accessConfig"] = { authenticationMode: "API_AND_CONFIG_MAP" }));
        expect(await messages(awsEksClusterRequireApiAuthenticationMode, bad)).toEqual([
            '[HC-IAM-01] accessConfig.authenticationMode is API_AND_CONFIG_MAP; set it to "API" so access is granted only through access entries',
            "[HC-IAM-01] accessConfig.bootstrapClusterCreatorAdminPermissions is unset (AWS default true); set it false and grant admins through access entries",
        ]);
    });

    test("workload identity: no agent add-on and no OIDC provider; an OIDC provider alone passes", async () => {
        const bad = blueprint.filter((r) => !(r.type === "aws:eks/addon:Addon" && r.name.endsWith("eks-pod-identity-agent")));
        const cluster = ofType(blueprint, CLUSTER)[0];
        const outcomes = await evaluatePolicy(awsEksStackRequireWorkloadIdentity, bad);
        expect(violations(outcomes).map((v) => [v.message, v.urn])).toEqual([
            [
                "[HC-IAM-02] EKS cluster platform-prod-cluster has no eks-pod-identity-agent add-on and no IAM OIDC provider, so pods can only use the node's credentials; add the eks-pod-identity-agent add-on (or an OIDC provider for IRSA)",
                cluster.urn,
            ],
        ]);
        const irsa = await runProgram(() => {
            const c = new aws.eks.Cluster("irsa", {
                roleArn: "arn:aws:iam::123456789012:role/c",
                vpcConfig: { subnetIds: ["subnet-1", "subnet-2"] },
            });
            new aws.iam.OpenIdConnectProvider("irsa", {
                url: c.identities.apply((ids) => ids[0].oidcs?.[0]?.issuer ?? ""),
                clientIdLists: ["sts.amazonaws.com"],
            });
        });
        const irsaOutcomes = await evaluatePolicy(awsEksStackRequireWorkloadIdentity, irsa.resources);
        expect(violations(irsaOutcomes)).toEqual([]);
        expect(passes(irsaOutcomes, awsEksStackRequireWorkloadIdentity.name)).toHaveLength(1);
    });

    test("wildcard actions: in a RolePolicy, an aws.iam.Policy object, a role's inline policy, and bad JSON", async () => {
        const bad = mutated("aws:iam/rolePolicy:RolePolicy", (p) => {
            p["policy"] = JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Sid: "All", Effect: "Allow", Action: ["logs:*", "s3:GetObject"], Resource: "*" }],
            });
        });
        expect(await messages(awsIamPolicyDenyWildcardActions, bad)).toEqual([
            '[HC-IAM-03] policy: statement "All" allows wildcard actions [logs:*]; list the specific actions the identity needs',
        ]);
        const program = await runProgram(() => {
            new aws.iam.Policy("admin", {
                policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
            });
            new aws.iam.Role("inline", {
                assumeRolePolicy: "{}",
                inlinePolicies: [
                    { name: "wide", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }] }) },
                ],
            });
            new aws.iam.RolePolicy("broken", { role: "r", policy: "{not json" });
        });
        const found = await messages(awsIamPolicyDenyWildcardActions, program.resources);
        expect(found).toHaveLength(3);
        expect(found).toEqual(
            expect.arrayContaining([
                "[HC-IAM-03] policy: statement 0 allows wildcard actions [*]; list the specific actions the identity needs",
                "[HC-IAM-03] inlinePolicies[wide].policy: statement 0 allows wildcard actions [ec2:*]; list the specific actions the identity needs",
                expect.stringContaining("[HC-IAM-03] policy is not valid JSON"),
            ]),
        );
    });

    test("launch template volumes: unencrypted, no key, or no mapping", async () => {
        const LT = "aws:ec2/launchTemplate:LaunchTemplate";
        const unencrypted = mutated(LT, (p) => {
            const ebs = (p["blockDeviceMappings"] as Props[])[1]["ebs"] as Props;
            ebs["encrypted"] = "false";
        });
        expect(await messages(awsEc2LaunchtemplateRequireEncryptedVolumes, unencrypted)).toEqual([
            '[HC-NODE-01] blockDeviceMappings /dev/xvdb: ebs.encrypted is false; set encrypted "true" with the cluster key',
        ]);
        const noKey = mutated(LT, (p) => delete ((p["blockDeviceMappings"] as Props[])[0]["ebs"] as Props)["kmsKeyId"]);
        expect((await messages(awsEc2LaunchtemplateRequireEncryptedVolumes, noKey))[0]).toContain("/dev/xvda: ebs.kmsKeyId is not set");
        const none = mutated(LT, (p) => delete p["blockDeviceMappings"]);
        expect((await messages(awsEc2LaunchtemplateRequireEncryptedVolumes, none))[0]).toContain("blockDeviceMappings maps no EBS volume");
    });

    test("IMDS: v1 allowed and a hop limit of 2", async () => {
        const bad = mutated(
            "aws:ec2/launchTemplate:LaunchTemplate",
            (p) => (p["metadataOptions"] = { httpEndpoint: "enabled", httpTokens: "optional", httpPutResponseHopLimit: 2 }),
        );
        expect(await messages(awsEc2LaunchtemplateRequireImdsv2, bad)).toEqual([
            '[HC-NODE-02] metadataOptions.httpTokens is optional; set it "required" (IMDSv2 only)',
            "[HC-NODE-02] metadataOptions.httpPutResponseHopLimit is 2; set it 1 so pods cannot reach the node's credentials",
        ]);
    });

    test("node group: SSH remote access", async () => {
        const bad = mutated(
            "aws:eks/nodeGroup:NodeGroup",
            (p) => (p["remoteAccess"] = { ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-1"] }),
        );
        expect(await messages(awsEksNodegroupDenyRemoteAccess, bad)).toEqual([
            "[HC-NODE-03] remoteAccess is set (ec2SshKey ops, sourceSecurityGroupIds [sg-1]), which opens SSH to the nodes; remove remoteAccess",
        ]);
    });

    test("node group AMI: AL2, custom AMI from a launch template", async () => {
        const al2 = mutated("aws:eks/nodeGroup:NodeGroup", (p) => (p["amiType"] = "AL2_x86_64"));
        expect(await messages(awsEksNodegroupRequireHardenedAmi, al2)).toEqual([
            "[HC-NODE-04] amiType is AL2_x86_64; set amiType to a BOTTLEROCKET_* or AL2023_* type",
        ]);
        const custom = mutated("aws:eks/nodeGroup:NodeGroup", (p) => (p["amiType"] = "CUSTOM"));
        expect((await messages(awsEksNodegroupRequireHardenedAmi, custom))[0]).toContain(
            "custom AMI from its launch template, which this policy cannot verify; set amiType to a BOTTLEROCKET_* or AL2023_* type, or record an HC-NODE-04 exception",
        );
    });
});

describe("unknown values in a first preview", () => {
    test("a policy that needs a computed value reports not-evaluated instead of passing; stack policies match through dependencies", async () => {
        const { resources } = await runStack("aws-prod", {}, { preview: true });
        const encryption = await evaluatePolicy(awsEksClusterRequireSecretsEncryption, resources);
        expect(encryption.map((o) => o.status)).toEqual(["not-evaluated"]);
        const flowLogs = await evaluatePolicy(awsEc2VpcRequireFlowLogs, resources);
        expect(flowLogs.map((o) => o.status)).toEqual(["pass"]);
        const identity = await evaluatePolicy(awsEksStackRequireWorkloadIdentity, resources);
        expect(identity.map((o) => o.status)).toEqual(["pass"]);
    });
});
