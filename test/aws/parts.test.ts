import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext } from "../../components/aws/context";
import { encryptedLogGroup } from "../../components/aws/logging";
import { existingSubnetProblems, newNetwork } from "../../components/aws/network";
import { nodeGroups } from "../../components/aws/nodegroups";
import { planNodeGroups } from "../../components/aws/nodegroup-plan";
import { planSubnets } from "../../components/aws/subnet-plan";
import { inputsOf, ofType, runProgram } from "../harness";
import { nonEmpty } from "../harness/non-empty";

/** A context for running one part of the component alone, under a bare parent. */
function testContext(): AwsContext {
    const parent = new pulumi.ComponentResource("test:index:Parent", "part", {});
    const provider = new aws.Provider("part-aws", { region: "eu-central-1" }, { parent });
    return { parent, provider, name: "part", region: "eu-central-1", partition: "aws", accountId: "123456789012", tags: { env: "test" } };
}

describe("parts of the EKS component, each run alone", () => {
    test("network: one zone, endpoints on, flow logs to the given key and retention", async () => {
        const { resources } = await runProgram(() =>
            newNetwork(testContext(), {
                clusterName: "c1",
                plan: planSubnets({ vpcCidr: "10.9.0.0/20", zones: 1, natLayout: "single" }),
                interfaceEndpoints: true,
                kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/k",
                flowLogGroupName: "/aws/vpc/c1/flow-logs",
                logRetentionDays: 90,
                adoptLogGroup: false,
            }),
        );
        expect(ofType(resources, "aws:ec2/subnet:Subnet").map((s) => [s.name, inputsOf(s)["cidrBlock"]])).toEqual([
            ["part-public-a", "10.9.12.0/26"],
            ["part-private-a", "10.9.0.0/22"],
        ]);
        expect(inputsOf(ofType(resources, "aws:cloudwatch/logGroup:LogGroup")[0])).toMatchObject({
            name: "/aws/vpc/c1/flow-logs",
            retentionInDays: 90,
            kmsKeyId: "arn:aws:kms:eu-central-1:123456789012:key/k",
        });
        expect(ofType(resources, "aws:ec2/vpcEndpoint:VpcEndpoint").map((e) => inputsOf(e)["serviceName"])).toContain(
            "com.amazonaws.eu-central-1.ecr.dkr",
        );
    });

    test("log group: retained on delete, encrypted, retention as given", async () => {
        const { resources } = await runProgram(() =>
            encryptedLogGroup(testContext(), "audit", {
                logGroupName: "/x",
                retentionDays: 365,
                kmsKeyArn: "arn:aws:kms:eu-central-1:1:key/k",
            }),
        );
        const group = ofType(resources, "aws:cloudwatch/logGroup:LogGroup")[0];
        expect(group.retainOnDelete).toBe(true);
        expect(inputsOf(group)).toMatchObject({ name: "/x", retentionInDays: 365, kmsKeyId: "arn:aws:kms:eu-central-1:1:key/k" });
    });

    test("node groups: AL2023 with one encrypted root volume per launch template", async () => {
        const pool = { machineType: "m7i.large", minSize: 1, maxSize: 2, diskSizeGb: 80, taints: [] };
        const { resources } = await runProgram(() =>
            nodeGroups(testContext(), {
                clusterName: "c1",
                kubernetesVersion: "1.34",
                plans: planNodeGroups({ system: pool, general: pool, isolated: pool }, "al2023", { maxSurge: "1", maxUnavailable: 2 }),
                nodeRoleArn: "arn:aws:iam::123456789012:role/node",
                subnetIds: ["subnet-a", "subnet-b"],
                nodeSecurityGroupId: "sg-1",
                kmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/k",
                dependsOn: [],
            }),
        );
        const lts = ofType(resources, "aws:ec2/launchTemplate:LaunchTemplate").map(inputsOf);
        expect(lts).toHaveLength(3);
        for (const lt of nonEmpty(lts)) {
            expect(lt["blockDeviceMappings"]).toEqual([
                {
                    deviceName: "/dev/xvda",
                    ebs: {
                        volumeType: "gp3",
                        volumeSize: 80,
                        encrypted: "true",
                        kmsKeyId: "arn:aws:kms:eu-central-1:123456789012:key/k",
                        deleteOnTermination: "true",
                    },
                },
            ]);
        }
        expect(ofType(resources, "aws:eks/nodeGroup:NodeGroup").map((g) => inputsOf(g)["amiType"])).toEqual([
            "AL2023_x86_64_STANDARD",
            "AL2023_x86_64_STANDARD",
            "AL2023_x86_64_STANDARD",
        ]);
    });
});

describe("existingSubnetProblems", () => {
    const subnet = (id: string, vpcId: string, zone: string, mapPublicIpOnLaunch = false) => ({
        id,
        vpcId,
        availabilityZone: zone,
        mapPublicIpOnLaunch,
    });
    test.each([
        [[subnet("s1", "v1", "a"), subnet("s2", "v1", "b")], []],
        [[subnet("s1", "v1", "a"), subnet("s2", "v2", "b")], ["the subnets are in several VPCs (v1, v2); give subnets of one VPC"]],
        [[subnet("s1", "v1", "a"), subnet("s2", "v1", "a")], ["the subnets span 1 availability zone; EKS needs subnets in at least two"]],
        [
            [subnet("s1", "v1", "a", true), subnet("s2", "v1", "b")],
            ["s1 assign public IPs on launch; give private subnets (mapPublicIpOnLaunch false)"],
        ],
    ])("%j -> %j", (subnets, problems) => {
        expect(existingSubnetProblems(subnets)).toEqual(problems);
    });
});
