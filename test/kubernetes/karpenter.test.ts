import * as k8s from "@pulumi/kubernetes";
import { durationHours } from "../../policypacks/kubernetes-hardening/rules/kubernetes-nodepool-require-expiry";
import { CapturedResource } from "../harness";
import { capture, messages, statusesOf } from "./edits";
import { runBaseline, testConfig } from "./fixture";
import { evaluate } from "./policy-helpers";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/cluster";

/** A hardened Karpenter v1 EC2NodeClass, as the AWS layer's default node class keeps the node controls. */
function hardenedNodeClass(): Record<string, unknown> {
    return {
        amiSelectorTerms: [{ alias: "bottlerocket@v1.40.0" }],
        role: "platform-karpenter-node",
        subnetSelectorTerms: [{ tags: { "kubernetes.io/role/internal-elb": "1", "karpenter.sh/discovery": "platform" } }],
        securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": "platform" } }],
        metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
        blockDeviceMappings: [
            { deviceName: "/dev/xvda", ebs: { volumeSize: "4Gi", volumeType: "gp3", encrypted: true, kmsKeyID: KEY } },
            { deviceName: "/dev/xvdb", ebs: { volumeSize: "50Gi", volumeType: "gp3", encrypted: true, kmsKeyID: KEY } },
        ],
    };
}

async function nodeClass(spec: Record<string, unknown>): Promise<CapturedResource[]> {
    return capture(() => {
        new k8s.apiextensions.CustomResource("karpenter-default", {
            apiVersion: "karpenter.k8s.aws/v1",
            kind: "EC2NodeClass",
            metadata: { name: "default" },
            spec,
        });
    });
}

async function nodePool(templateSpec: Record<string, unknown>): Promise<CapturedResource[]> {
    return capture(() => {
        new k8s.apiextensions.CustomResource("karpenter-pool", {
            apiVersion: "karpenter.sh/v1",
            kind: "NodePool",
            metadata: { name: "general" },
            spec: {
                template: {
                    spec: { nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" }, ...templateSpec },
                },
            },
        });
    });
}

const without = (key: string) => Object.fromEntries(Object.entries(hardenedNodeClass()).filter(([k]) => k !== key));
const NODE_CLASS_POLICIES = [
    "kubernetes-ec2nodeclass-require-imdsv2",
    "kubernetes-ec2nodeclass-require-encrypted-volumes",
    "kubernetes-ec2nodeclass-deny-public-subnets",
];

let prod: CapturedResource[];
beforeAll(async () => {
    prod = (await runBaseline(testConfig())).resources;
});

describe("Karpenter objects keep the node controls (issue 14)", () => {
    test.each(NODE_CLASS_POLICIES)(
        "%s: the shipped baseline has no Karpenter object (not applicable); a hardened node class passes",
        async (name) => {
            expect(await evaluate(name, prod)).toEqual([]);
            expect(statusesOf(await evaluate(name, await nodeClass(hardenedNodeClass())))).toEqual(["pass"]);
        },
    );

    describe("kubernetes-ec2nodeclass-require-imdsv2 (HC-NODE-02)", () => {
        const NAME = "kubernetes-ec2nodeclass-require-imdsv2";
        test("wrong value: IMDSv1 allowed and two hops", async () => {
            const spec = { ...hardenedNodeClass(), metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 2 } };
            expect(messages(await evaluate(NAME, await nodeClass(spec)))).toEqual([
                '[HC-NODE-02] EC2NodeClass default: spec.metadataOptions httpTokens is "optional" and httpPutResponseHopLimit is 2, so pods on its nodes may reach the node role\'s credentials; set httpTokens "required" and httpPutResponseHopLimit 1',
            ]);
        });
        test("unset: no metadataOptions (v1beta1 defaulted the hop limit to 2)", async () => {
            expect(messages(await evaluate(NAME, await nodeClass(without("metadataOptions"))))).toEqual([
                expect.stringContaining("httpTokens is null and httpPutResponseHopLimit is null"),
            ]);
        });
    });

    describe("kubernetes-ec2nodeclass-require-encrypted-volumes (HC-NODE-01)", () => {
        const NAME = "kubernetes-ec2nodeclass-require-encrypted-volumes";
        test("wrong value: an unencrypted volume, and one with the AWS-managed key", async () => {
            const spec = {
                ...hardenedNodeClass(),
                blockDeviceMappings: [
                    { deviceName: "/dev/xvda", ebs: { volumeSize: "4Gi", encrypted: false } },
                    { deviceName: "/dev/xvdb", ebs: { volumeSize: "50Gi", encrypted: true } },
                ],
            };
            expect(messages(await evaluate(NAME, await nodeClass(spec)))).toEqual([
                "[HC-NODE-01] EC2NodeClass default: blockDeviceMappings /dev/xvda has ebs.encrypted false; set encrypted true with kmsKeyID the cluster key",
                "[HC-NODE-01] EC2NodeClass default: blockDeviceMappings /dev/xvdb is encrypted with the AWS-managed key; set ebs.kmsKeyID to the cluster key",
            ]);
        });
        test("unset: no blockDeviceMappings", async () => {
            expect(messages(await evaluate(NAME, await nodeClass(without("blockDeviceMappings"))))).toEqual([
                expect.stringContaining("maps no block device, so its volumes follow the AMI family's defaults"),
            ]);
        });
    });

    describe("kubernetes-ec2nodeclass-deny-public-subnets (HC-NET-01)", () => {
        const NAME = "kubernetes-ec2nodeclass-deny-public-subnets";
        test("wrong value: public addresses, public subnets, a discovery tag alone", async () => {
            const spec = {
                ...hardenedNodeClass(),
                associatePublicIPAddress: true,
                subnetSelectorTerms: [
                    { tags: { "kubernetes.io/role/elb": "1" } },
                    { tags: { "karpenter.sh/discovery": "platform" } },
                    { id: "subnet-0abc" },
                ],
            };
            expect(messages(await evaluate(NAME, await nodeClass(spec)))).toEqual([
                "[HC-NET-01] EC2NodeClass default sets associatePublicIPAddress true, so its nodes get public addresses; set it to false",
                "[HC-NET-01] EC2NodeClass default: subnetSelectorTerms[0] selects public subnets (tag kubernetes.io/role/elb); select the private subnets by the kubernetes.io/role/internal-elb tag instead",
                '[HC-NET-01] EC2NodeClass default: subnetSelectorTerms[1] ({"tags":{"karpenter.sh/discovery":"platform"}}) may match public subnets; add the tag kubernetes.io/role/internal-elb to the term or select subnets by id',
            ]);
        });
        test("unset: no subnetSelectorTerms", async () => {
            expect(messages(await evaluate(NAME, await nodeClass(without("subnetSelectorTerms"))))).toEqual([
                expect.stringContaining("has no subnetSelectorTerms; add terms that select the private subnets"),
            ]);
        });
        test("compliant: subnets by id, associatePublicIPAddress false", async () => {
            const spec = { ...hardenedNodeClass(), associatePublicIPAddress: false, subnetSelectorTerms: [{ id: "subnet-0abc" }] };
            expect(statusesOf(await evaluate(NAME, await nodeClass(spec)))).toEqual(["pass"]);
        });
    });

    describe("kubernetes-nodepool-require-expiry (HC-NODE-05)", () => {
        const NAME = "kubernetes-nodepool-require-expiry";
        test("unset is Karpenter's 720h default; 168h and 720h pass", async () => {
            for (const spec of [{}, { expireAfter: "168h" }, { expireAfter: "720h" }]) {
                expect(statusesOf(await evaluate(NAME, await nodePool(spec)))).toEqual(["pass"]);
            }
        });
        test.each([["Never"], ["2160h"], ["forever"]])("wrong value: expireAfter %s", async (value) => {
            expect(messages(await evaluate(NAME, await nodePool({ expireAfter: value })))).toEqual([
                `[HC-NODE-05] NodePool general sets spec.template.spec.expireAfter "${value}", so its nodes may run unpatched for longer than 720h; set it to 720h or less`,
            ]);
        });
        test("Go durations", () => {
            expect(durationHours("720h")).toBe(720);
            expect(durationHours("1h30m")).toBe(1.5);
            expect(durationHours("90m")).toBe(1.5);
            expect(durationHours("Never")).toBeUndefined();
            expect(durationHours("10d")).toBeUndefined();
        });
    });
});
