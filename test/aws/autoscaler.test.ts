import * as pulumi from "@pulumi/pulumi";
import {
    CLUSTER_AUTOSCALER_ACCOUNT,
    CLUSTER_AUTOSCALER_ACCOUNT_KEY,
    clusterAutoscalerAddon,
    clusterAutoscalerImageTag,
    SCALE_DOWN_BY_PROFILE,
} from "../../components/aws/autoscaler-plan";
import { clusterAutoscalerPolicy } from "../../components/aws/policy-documents";
import { CHARTS } from "../../components/kubernetes/charts";
import { POOL_LABEL } from "../../core/labels";
import { changesOfTypes, planChange } from "../harness/day2";
import { CapturedResource, inputsOf, ofType, runStack, valueOf } from "../harness";
import { nonEmpty } from "../harness/non-empty";
import { rawConfigFrom } from "../../config/load";
import { readStackConfig } from "../../tools/mock/stack-files";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const KEY = (name: string) => `hardened-cluster:${name}`;
// The shipped eks block (its registry credentials) with the autoscaler off: nothing else of the stack changes.
const PROD_EKS = rawConfigFrom(readStackConfig("aws-prod"))["eks"] as Record<string, unknown>;
const OFF = { [KEY("eks")]: { ...PROD_EKS, autoscaler: "none" } };

interface Statement {
    Sid: string;
    Action: string[];
    Resource: string | string[];
    Condition?: Record<string, Record<string, string>>;
}

describe("Cluster Autoscaler IAM policy (pure, HC-IAM-03)", () => {
    const statements = clusterAutoscalerPolicy("platform-prod").Statement as unknown as Statement[];

    test("Describe/Get calls on every resource; no action that changes capacity is among them", () => {
        const read = nonEmpty(statements.filter((s) => s.Condition === undefined));
        expect(read.map((s) => s.Resource)).toEqual(["*"]);
        for (const action of nonEmpty(read.flatMap((s) => s.Action))) expect(action).toMatch(/^(autoscaling|ec2|eks):(Describe|Get)/);
        expect(read[0].Action).toEqual(
            expect.arrayContaining([
                "autoscaling:DescribeAutoScalingGroups",
                "ec2:DescribeLaunchTemplateVersions",
                "eks:DescribeNodegroup",
            ]),
        );
    });

    test("SetDesiredCapacity and TerminateInstanceInAutoScalingGroup only on groups this cluster owns", () => {
        const scale = statements.filter((s) => s.Condition !== undefined);
        expect(scale).toEqual([
            {
                Sid: "ScaleThisClustersGroups",
                Effect: "Allow",
                Action: ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"],
                Resource: "*",
                Condition: { StringEquals: { "aws:ResourceTag/k8s.io/cluster-autoscaler/platform-prod": "owned" } },
            },
        ]);
        // No wildcard action anywhere, and no other write.
        for (const action of nonEmpty(statements.flatMap((s) => s.Action))) expect(action).not.toContain("*");
        expect(statements.flatMap((s) => s.Action)).not.toContain("autoscaling:UpdateAutoScalingGroup");
    });
});

describe("Cluster Autoscaler chart values (pure)", () => {
    const systemTaints = [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" as const }];
    const plan = (profile: "balanced" | "optimize-utilization") =>
        clusterAutoscalerAddon({ clusterName: "c1", region: "eu-west-1", kubernetesVersion: "1.34", profile, systemTaints });

    test("pinned chart from the trusted repository, image minor = the cluster's minor", () => {
        const addon = plan("balanced");
        expect(addon.chart).toEqual({
            name: "cluster-autoscaler",
            version: CHARTS.clusterAutoscaler.version,
            repo: "https://kubernetes.github.io/autoscaler",
        });
        expect(addon.values["image"]).toEqual({ tag: "v1.34.1" });
        expect(clusterAutoscalerImageTag("1.35")).toBe("v1.35.0");
        expect(addon.values).toMatchObject({ cloudProvider: "aws", awsRegion: "eu-west-1", autoDiscovery: { clusterName: "c1" } });
    });

    test("runs on the system pool, restricted-compliant, system-cluster-critical, with limits", () => {
        const v = plan("balanced").values;
        expect(v["nodeSelector"]).toEqual({ [POOL_LABEL]: "system" });
        expect(v["tolerations"]).toEqual([{ key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" }]);
        expect(v["priorityClassName"]).toBe("system-cluster-critical");
        expect(v["securityContext"]).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
        expect(v["containerSecurityContext"]).toMatchObject({
            allowPrivilegeEscalation: false,
            readOnlyRootFilesystem: true,
            capabilities: { drop: ["ALL"] },
        });
        expect(v["resources"]).toMatchObject({ requests: { cpu: expect.any(String) }, limits: { memory: expect.any(String) } });
    });

    test("optimize-utilization scales down sooner and at a higher threshold than balanced", () => {
        const args = (p: "balanced" | "optimize-utilization") => plan(p).values["extraArgs"] as Record<string, string>;
        expect(args("balanced")).toMatchObject({
            "balance-similar-node-groups": "true",
            expander: "least-waste",
            ...SCALE_DOWN_BY_PROFILE.balanced,
        });
        const minutes = (s: string) => Number(s.replace("m", ""));
        const b = args("balanced");
        const o = args("optimize-utilization");
        expect(Number(o["scale-down-utilization-threshold"])).toBeGreaterThan(Number(b["scale-down-utilization-threshold"]));
        expect(minutes(o["scale-down-unneeded-time"])).toBeLessThan(minutes(b["scale-down-unneeded-time"]));
        expect(b["skip-nodes-with-system-pods"]).toBeUndefined();
    });
});

describe("EKS node autoscaling on the shipped prod stack (issue 14)", () => {
    let prod: CapturedResource[];
    let handover: Record<string, unknown>;
    beforeAll(async () => {
        const run = await runStack("aws-prod");
        prod = run.resources;
        handover = await valueOf(pulumi.output(run.outputs["baselineHandover"]) as pulumi.Output<Record<string, unknown>>);
    });

    test("a role trusted only for kube-system/cluster-autoscaler, its scoped policy and its association", () => {
        const role = ofType(prod, ROLE).find((r) => r.name === "platform-prod-cluster-autoscaler-role");
        expect(role).toBeDefined();
        const trust = JSON.parse(String(inputsOf(role!)["assumeRolePolicy"])) as { Statement: Record<string, unknown>[] };
        expect(trust.Statement[0]).toMatchObject({
            Principal: { Service: "pods.eks.amazonaws.com" },
            Action: ["sts:AssumeRole", "sts:TagSession"],
            Condition: {
                StringEquals: {
                    "aws:RequestTag/kubernetes-namespace": "kube-system",
                    "aws:RequestTag/kubernetes-service-account": "cluster-autoscaler",
                },
            },
        });
        const policy = ofType(prod, ROLE_POLICY).find((r) => r.name === "platform-prod-cluster-autoscaler-scale");
        expect(policy?.propertyDependencies["role"]).toEqual([role!.urn]);
        expect(JSON.parse(String(inputsOf(policy!)["policy"]))).toEqual(clusterAutoscalerPolicy("platform-prod"));
        const association = ofType(prod, ASSOCIATION).find((a) => a.name === "platform-prod-cluster-autoscaler");
        expect(inputsOf(association!)).toMatchObject({ namespace: "kube-system", serviceAccount: "cluster-autoscaler" });
        expect(association!.propertyDependencies["roleArn"]).toEqual([role!.urn]);
    });

    test("the hand-over carries the chart, which creates the associated account; the baseline stack installs it", async () => {
        const addons = nonEmpty(handover["clusterAddons"] as Record<string, unknown>[]);
        const addon = addons.find((a) => a["key"] === "cluster-autoscaler") as Record<string, unknown>;
        expect(Object.keys(addon["serviceAccounts"] as object)).toEqual([CLUSTER_AUTOSCALER_ACCOUNT_KEY]);
        expect(addon["namespace"]).toBe(CLUSTER_AUTOSCALER_ACCOUNT.namespace);
        expect((handover["platformIdentities"] as Record<string, unknown>)[CLUSTER_AUTOSCALER_ACCOUNT_KEY]).toEqual({
            annotations: {},
            podLabels: {},
        });
        const release = ofType(prod, RELEASE).find((r) => inputsOf(r)["chart"] === "cluster-autoscaler");
        expect(release?.stack).toBe("aws-prod-baseline");
        const inputs = inputsOf(release!);
        expect(inputs).toMatchObject({
            namespace: "kube-system",
            version: CHARTS.clusterAutoscaler.version,
            repositoryOpts: { repo: CHARTS.clusterAutoscaler.repo },
        });
        expect(inputs["values"]).toMatchObject({
            rbac: { serviceAccount: { create: true, name: CLUSTER_AUTOSCALER_ACCOUNT.serviceAccount } },
            autoDiscovery: { clusterName: "platform-prod" },
            extraArgs: SCALE_DOWN_BY_PROFILE.balanced,
        });
    });

    test("eks.autoscaler none installs nothing: no role, policy, association or release, no hand-over entry", async () => {
        const run = await runStack("aws-prod", OFF);
        const out = await valueOf(pulumi.output(run.outputs["baselineHandover"]) as pulumi.Output<Record<string, unknown>>);
        expect(run.resources.filter((r) => /cluster-autoscaler/.test(r.name)).map((r) => r.name)).toEqual([]);
        expect(out["clusterAddons"]).toEqual([]);
        expect(Object.keys(out["platformIdentities"] as object)).not.toContain(CLUSTER_AUTOSCALER_ACCOUNT_KEY);
        // The other platform identity (policy-controller) stays; the tenants' secrets associations are tenant-secrets.test.ts's.
        const platform = ofType(run.resources, ASSOCIATION).filter((a) => !/-tenant-.*-secrets$/.test(a.name));
        expect(nonEmpty(platform).map((a) => a.name)).toEqual(["platform-prod-policy-controller"]);
    });
});

describe("EKS day-2: switching the autoscaler off and on (issue 14)", () => {
    const KEEP = [
        "aws:eks/cluster:Cluster",
        "aws:eks/nodeGroup:NodeGroup",
        "aws:ec2/launchTemplate:LaunchTemplate",
        "aws:kms/key:Key",
        "aws:cloudwatch/logGroup:LogGroup",
        "aws:ec2/vpc:Vpc",
    ];

    test.each([
        ["off", "delete", {}, OFF],
        ["on", "create", OFF, {}],
    ])("turning it %s only %ss the autoscaler's role, policy, association and release", async (_, kind, before, after) => {
        const { changes } = await planChange("aws-prod", before, after);
        expect(changesOfTypes(changes, KEEP)).toEqual([]);
        const summary = nonEmpty(changes).map((c) => `${c.kind} ${c.type} ${c.name}`);
        expect(summary.sort()).toEqual(
            [
                `${kind} ${ROLE} platform-prod-cluster-autoscaler-role`,
                `${kind} ${ROLE_POLICY} platform-prod-cluster-autoscaler-scale`,
                `${kind} ${ASSOCIATION} platform-prod-cluster-autoscaler`,
                `${kind} ${RELEASE} platform-prod-baseline-addons-cluster-autoscaler`,
                // The baseline's add-on component holds only this add-on on AWS.
                `${kind} hardened:kubernetes:ClusterAddons platform-prod-baseline-addons`,
            ].sort(),
        );
    });
});
