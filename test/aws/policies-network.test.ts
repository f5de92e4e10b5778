import * as aws from "@pulumi/aws";
import { awsEc2LaunchtemplateDenyPublicIp } from "../../policypacks/cluster-hardening/aws/ec2-launchtemplate-deny-public-ip";
import { awsEc2SecuritygroupDenyInternetAdminPorts } from "../../policypacks/cluster-hardening/aws/ec2-securitygroup-deny-internet-admin-ports";
import { awsEc2VpcRequireFlowLogs } from "../../policypacks/cluster-hardening/aws/ec2-vpc-require-flow-logs";
import { awsEksClusterRequirePrivateEndpoint } from "../../policypacks/cluster-hardening/aws/eks-cluster-require-private-endpoint";
import { exposedPorts } from "../../policypacks/cluster-hardening/aws/ingress-exposure";
import { isInternetCidr } from "../../policypacks/cluster-hardening/aws/internet-cidr";
import { CapturedResource, runStack } from "../harness";
import { evaluatePolicy } from "../harness/policies";
import { added, expectPasses, messages, mutated, Props, statuses } from "./policy-fixture";

const SG_POLICY = awsEc2SecuritygroupDenyInternetAdminPorts;
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const FIX = "allow only the security group or private CIDR that needs the port (reach nodes through SSM, never from the internet)";

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runStack("aws-prod")).resources;
    dev = (await runStack("aws-dev")).resources;
});

describe("what counts as the internet", () => {
    test.each([
        ["0.0.0.0/0", true],
        ["0.0.0.0/1", true],
        ["128.0.0.0/1", true],
        ["10.0.0.0/7", true],
        ["10.0.0.0/8", false],
        ["203.0.113.0/24", false],
        ["203.0.113.7", false],
        ["::/0", true],
        ["2000::/3", true],
        ["2001:db8::/32", false],
        ["fc00::/7", false],
        ["fe80::/10", false],
        ["not-a-cidr", true],
    ])("%s -> %s", (cidr, open) => expect(isInternetCidr(cidr)).toBe(open));

    test.each([
        [{ protocol: "-1" }, "all protocols and ports (protocol -1)"],
        [{ protocol: "all" }, "all protocols and ports (protocol all)"],
        [{ protocol: "tcp", fromPort: 0, toPort: 65535 }, "all tcp ports (0-65535)"],
        [{ protocol: "6" }, "all tcp ports (0-65535)"],
        [{ protocol: "tcp", fromPort: 22, toPort: 22 }, "tcp 22, which includes SSH 22"],
        [{ protocol: "udp", fromPort: 3389, toPort: 3389 }, "udp 3389, which includes RDP 3389"],
        [{ protocol: "tcp", fromPort: 2380, toPort: 2380 }, "tcp 2380, which includes etcd 2379-2380"],
        [
            { protocol: "tcp", fromPort: 10000, toPort: 11000 },
            "tcp 10000-11000, which includes kubelet API 10250, kubelet read-only port 10255",
        ],
        [{ protocol: "tcp", fromPort: 443, toPort: 443 }, undefined],
        [{ protocol: "icmp", fromPort: -1, toPort: -1 }, undefined],
    ])("%o exposes %s", (permission, expected) =>
        expect(exposedPorts({ fromPort: undefined, toPort: undefined, ...permission })).toBe(expected),
    );
});

describe("aws-ec2-securitygroup-deny-internet-admin-ports", () => {
    test("passes on both shipped stacks (their rules name security groups or the VPC CIDR)", async () => {
        await expectPasses(SG_POLICY, prod);
        await expectPasses(SG_POLICY, dev);
    });

    test("wrong value: the kubelet rule opened to 0.0.0.0/0", async () => {
        const bad = mutated(
            prod,
            INGRESS,
            (p) => {
                delete p["referencedSecurityGroupId"];
                p["cidrIpv4"] = "0.0.0.0/0";
            },
            "platform-prod-node-in-kubelet",
        );
        expect(await messages(SG_POLICY, bad)).toEqual([
            `[HC-NET-06] ingress rule admits [0.0.0.0/0] to tcp 10250, which includes kubelet API 10250; ${FIX}`,
        ]);
    });

    test("unset ports: node-to-node (all protocols) from ::/0, and a tcp rule without ports from 0.0.0.0/0", async () => {
        const allProtocols = mutated(
            prod,
            INGRESS,
            (p) => {
                delete p["referencedSecurityGroupId"];
                p["cidrIpv6"] = "::/0";
            },
            "platform-prod-node-in-node-to-node",
        );
        expect(await messages(SG_POLICY, allProtocols)).toEqual([
            `[HC-NET-06] ingress rule admits [::/0] to all protocols and ports (protocol -1); ${FIX}`,
        ]);
        const noPorts = mutated(
            prod,
            INGRESS,
            (p) => {
                delete p["fromPort"];
                delete p["toPort"];
                delete p["referencedSecurityGroupId"];
                p["cidrIpv4"] = "0.0.0.0/0";
            },
            "platform-prod-node-in-webhooks-443",
        );
        expect(await messages(SG_POLICY, noPorts)).toEqual([
            `[HC-NET-06] ingress rule admits [0.0.0.0/0] to all tcp ports (0-65535); ${FIX}`,
        ]);
    });

    test("wrong value: the default security group given an inline allow-all ingress", async () => {
        const bad = mutated(prod, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", (p) => {
            p["ingress"] = [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }];
        });
        expect(await messages(SG_POLICY, bad)).toEqual([
            `[HC-NET-06] ingress[0] admits [0.0.0.0/0] to all protocols and ports (protocol -1); ${FIX}`,
        ]);
    });

    test("added resources: a raw SecurityGroup, SecurityGroupRule and SecurityGroupIngressRule written outside the components", async () => {
        const extra = await added(() => {
            new aws.ec2.SecurityGroup("bastion", {
                vpcId: "vpc-1",
                ingress: [
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
                    { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["10.0.0.0/8", "0.0.0.0/0"] },
                ],
            });
            new aws.ec2.SecurityGroupRule("rdp", {
                type: "ingress",
                securityGroupId: "sg-1",
                protocol: "tcp",
                fromPort: 3389,
                toPort: 3389,
                ipv6CidrBlocks: ["::/0"],
            });
            new aws.ec2.SecurityGroupRule("etcd", {
                type: "ingress",
                securityGroupId: "sg-1",
                protocol: "tcp",
                fromPort: 2379,
                toPort: 2380,
                cidrBlocks: ["0.0.0.0/0"],
            });
            new aws.ec2.SecurityGroupRule("egress-all", {
                type: "egress",
                securityGroupId: "sg-1",
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlocks: ["0.0.0.0/0"],
            });
            new aws.vpc.SecurityGroupIngressRule("kubelet-range", {
                securityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 10000,
                toPort: 11000,
                cidrIpv4: "128.0.0.0/1",
            });
        });
        const outcomes = await evaluatePolicy(SG_POLICY, [...prod, ...extra]);
        const found = outcomes
            .filter((o) => o.status === "violation")
            .map((o) => [o.urn?.split("::").pop(), o.message])
            .sort();
        expect(found).toEqual([
            ["bastion", `[HC-NET-06] ingress[1] admits [0.0.0.0/0] to tcp 22, which includes SSH 22; ${FIX}`],
            ["etcd", `[HC-NET-06] ingress rule admits [0.0.0.0/0] to tcp 2379-2380, which includes etcd 2379-2380; ${FIX}`],
            [
                "kubelet-range",
                `[HC-NET-06] ingress rule admits [128.0.0.0/1] to tcp 10000-11000, which includes kubelet API 10250, kubelet read-only port 10255; ${FIX}`,
            ],
            ["rdp", `[HC-NET-06] ingress rule admits [::/0] to tcp 3389, which includes RDP 3389; ${FIX}`],
        ]);
    });

    test("compliant edits pass: HTTPS from anywhere, SSH from a private /8, ICMP from anywhere, SSH from unique-local IPv6", async () => {
        const extra = await added(() => {
            new aws.vpc.SecurityGroupIngressRule("lb-https", {
                securityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 443,
                toPort: 443,
                cidrIpv4: "0.0.0.0/0",
            });
            new aws.vpc.SecurityGroupIngressRule("ssh-private", {
                securityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 22,
                toPort: 22,
                cidrIpv4: "10.0.0.0/8",
            });
            new aws.vpc.SecurityGroupIngressRule("ping", {
                securityGroupId: "sg-1",
                ipProtocol: "icmp",
                fromPort: -1,
                toPort: -1,
                cidrIpv4: "0.0.0.0/0",
            });
            new aws.ec2.SecurityGroupRule("ssh-ula", {
                type: "ingress",
                securityGroupId: "sg-1",
                protocol: "tcp",
                fromPort: 22,
                toPort: 22,
                ipv6CidrBlocks: ["fc00::/7"],
            });
        });
        await expectPasses(SG_POLICY, [...prod, ...extra]);
    });

    test("preview: the blueprint's rules are judged (no unknown is read); a rule whose CIDR is unknown is not evaluated", async () => {
        const { resources } = await runStack("aws-prod", {}, { preview: true });
        const blueprint = await evaluatePolicy(SG_POLICY, resources);
        expect(blueprint.length).toBeGreaterThan(0);
        expect(new Set(statuses(blueprint, SG_POLICY))).toEqual(new Set(["pass"]));
        const extra = await added(() => {
            const eip = new aws.ec2.Eip("office", { domain: "vpc" });
            new aws.vpc.SecurityGroupIngressRule("ssh-office", {
                securityGroupId: "sg-1",
                ipProtocol: "tcp",
                fromPort: 22,
                toPort: 22,
                cidrIpv4: eip.publicIp.apply((ip) => `${ip}/32`),
            });
        }, true);
        expect(statuses(await evaluatePolicy(SG_POLICY, extra), SG_POLICY)).toEqual(["not-evaluated"]);
    });
});

describe("aws-ec2-launchtemplate-deny-public-ip", () => {
    const LT = "aws:ec2/launchTemplate:LaunchTemplate";

    test("passes on both shipped stacks", async () => {
        await expectPasses(awsEc2LaunchtemplateDenyPublicIp, prod);
        await expectPasses(awsEc2LaunchtemplateDenyPublicIp, dev);
    });

    test('wrong value: a node network interface with associatePublicIpAddress "true"; "false" passes', async () => {
        const bad = mutated(prod, LT, (p) => (p["networkInterfaces"] = [{ deviceIndex: 0, associatePublicIpAddress: "true" }]));
        expect(await messages(awsEc2LaunchtemplateDenyPublicIp, bad)).toEqual([
            '[HC-NET-01] networkInterfaces[0].associatePublicIpAddress is "true", so every node gets a public IP; remove it (or set "false") and keep nodes in private subnets',
        ]);
        const off = mutated(prod, LT, (p) => (p["networkInterfaces"] = [{ deviceIndex: 0, associatePublicIpAddress: "false" }]));
        expect(await messages(awsEc2LaunchtemplateDenyPublicIp, off)).toEqual([]);
    });

    test("added template with a public IP; an unknown value in preview is not evaluated", async () => {
        const extra = await added(() => {
            new aws.ec2.LaunchTemplate("public-nodes", { networkInterfaces: [{ associatePublicIpAddress: "true" }] });
        });
        expect(await messages(awsEc2LaunchtemplateDenyPublicIp, extra)).toHaveLength(1);
        const unknown = await added(() => {
            const eip = new aws.ec2.Eip("e", { domain: "vpc" });
            new aws.ec2.LaunchTemplate("maybe-public", {
                networkInterfaces: [{ associatePublicIpAddress: eip.publicIp.apply((ip) => String(ip !== "")) }],
            });
        }, true);
        expect(statuses(await evaluatePolicy(awsEc2LaunchtemplateDenyPublicIp, unknown), awsEc2LaunchtemplateDenyPublicIp)).toEqual([
            "not-evaluated",
        ]);
    });
});

describe("aws-eks-cluster-require-private-endpoint: public CIDRs wider than /8", () => {
    const CLUSTER = "aws:eks/cluster:Cluster";
    const open = (cidrs: string[]) =>
        mutated(prod, CLUSTER, (p) => Object.assign(p["vpcConfig"] as Props, { endpointPublicAccess: true, publicAccessCidrs: cidrs }));

    test("0.0.0.0/1 + 128.0.0.0/1 (the whole internet in two halves) and ::/0 fail; a /8 passes", async () => {
        expect(await messages(awsEksClusterRequirePrivateEndpoint, open(["0.0.0.0/1", "128.0.0.0/1", "198.51.100.0/24"]))).toEqual([
            "[HC-API-01] vpcConfig.endpointPublicAccess is true with publicAccessCidrs [0.0.0.0/1, 128.0.0.0/1, 198.51.100.0/24]; remove [0.0.0.0/1, 128.0.0.0/1]: set endpointPublicAccess false or list specific CIDRs",
        ]);
        expect(await messages(awsEksClusterRequirePrivateEndpoint, open(["::/0"]))).toHaveLength(1);
        expect(await messages(awsEksClusterRequirePrivateEndpoint, open(["100.0.0.0/8"]))).toEqual([]);
    });

    test("preview: publicAccessCidrs from an unknown output is not evaluated", async () => {
        const unknown = await added(() => {
            const eip = new aws.ec2.Eip("office", { domain: "vpc" });
            new aws.eks.Cluster("c", {
                roleArn: "arn:aws:iam::123456789012:role/c",
                vpcConfig: {
                    subnetIds: ["subnet-1"],
                    endpointPrivateAccess: true,
                    endpointPublicAccess: true,
                    publicAccessCidrs: [eip.publicIp.apply((ip) => `${ip}/32`)],
                },
            });
        }, true);
        expect(statuses(await evaluatePolicy(awsEksClusterRequirePrivateEndpoint, unknown), awsEksClusterRequirePrivateEndpoint)).toEqual([
            "not-evaluated",
        ]);
    });
});

describe("aws-ec2-vpc-require-flow-logs: trafficType ALL", () => {
    const FLOW_LOG = "aws:ec2/flowLog:FlowLog";

    test("a REJECT-only flow log fails, an unset trafficType fails, ALL passes", async () => {
        const reject = mutated(prod, FLOW_LOG, (p) => (p["trafficType"] = "REJECT"));
        expect(await messages(awsEc2VpcRequireFlowLogs, reject)).toEqual([
            "[HC-NET-03] VPC platform-prod-vpc's flow logs record only trafficType [REJECT], so part of the traffic leaves no record; set trafficType ALL",
        ]);
        const unset = mutated(prod, FLOW_LOG, (p) => delete p["trafficType"]);
        expect((await messages(awsEc2VpcRequireFlowLogs, unset))[0]).toContain("record only trafficType [unset]");
        await expectPasses(awsEc2VpcRequireFlowLogs, prod);
    });
});
