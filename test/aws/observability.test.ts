import * as pulumi from "@pulumi/pulumi";
import { CLOUDWATCH_AGENT_ACCOUNT, runtimeAlertsOnCloudWatch } from "../../components/aws/observability";
import { changesOfTypes, planChange } from "../harness/day2";
import { CapturedResource, inputsOf, named, ofType, runStack, valueOf } from "../harness";
import { nonEmpty } from "../harness/non-empty";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ADDON = "aws:eks/addon:Addon";
const KEY = "aws:kms/key:Key";
const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const KINDS = ["application", "dataplane", "host", "performance"];

const resolved = (value: unknown) => valueOf(pulumi.output(value) as pulumi.Output<unknown>);

describe("Container Insights ships container logs and Falco's alerts (issue 13, HC-RUN-03)", () => {
    let prod: CapturedResource[];
    let outputs: Record<string, unknown>;
    beforeAll(async () => {
        const run = await runStack("aws-prod");
        prod = run.resources;
        outputs = run.outputs;
    });

    test("its four log groups exist first, with the cluster key, the environment's retention, retained on destroy", () => {
        const key = named(prod, KEY, "platform-prod-key");
        for (const kind of nonEmpty(KINDS)) {
            const group = named(prod, LOG_GROUP, `platform-prod-container-insights-${kind}`);
            expect(inputsOf(group)).toMatchObject({ name: `/aws/containerinsights/platform-prod/${kind}`, retentionInDays: 365 });
            expect(group.propertyDependencies["kmsKeyId"]).toEqual([key.urn]);
            expect(group.retainOnDelete).toBe(true);
        }
    });

    test("the agent's Pod Identity role writes only into those groups and cannot change retention", () => {
        const role = named(prod, ROLE, "platform-prod-cloudwatch-agent-role");
        const trust = JSON.parse(String(inputsOf(role)["assumeRolePolicy"])) as { Statement: Record<string, unknown>[] };
        expect(trust.Statement[0]["Condition"]).toMatchObject({
            StringEquals: {
                "aws:RequestTag/kubernetes-namespace": "amazon-cloudwatch",
                "aws:RequestTag/kubernetes-service-account": "cloudwatch-agent",
            },
        });
        const write = named(prod, ROLE_POLICY, "platform-prod-cloudwatch-agent-write");
        expect(write.propertyDependencies["role"]).toEqual([role.urn]);
        const statements = (JSON.parse(String(inputsOf(write)["policy"])) as { Statement: Record<string, unknown>[] }).Statement;
        const actions = statements.flatMap((s) => s["Action"] as string[]);
        expect(actions).not.toContain("logs:PutRetentionPolicy");
        const logWrites = statements.find((s) => s["Sid"] === "WriteContainerInsightsGroups");
        expect(
            nonEmpty(logWrites?.["Resource"] as string[]).every((arn) => arn.includes(":log-group:/aws/containerinsights/platform-prod/")),
        ).toBe(true);
        expect(logWrites?.["Resource"]).toHaveLength(8);
        for (const s of nonEmpty(statements.filter((x) => x["Resource"] === "*"))) {
            expect(s["Action"]).toEqual(["cloudwatch:PutMetricData", "ec2:DescribeTags", "ec2:DescribeVolumes", "logs:DescribeLogGroups"]);
        }
    });

    test("the add-on: pinned, container logs on, its account through Pod Identity, after the nodes, the groups and the policy", () => {
        const addon = named(prod, ADDON, "platform-prod-amazon-cloudwatch-observability");
        expect(inputsOf(addon)).toMatchObject({
            addonName: "amazon-cloudwatch-observability",
            addonVersion: "v4.5.0-eksbuild.1",
            podIdentityAssociations: [{ serviceAccount: CLOUDWATCH_AGENT_ACCOUNT.serviceAccount }],
        });
        expect(JSON.parse(String(inputsOf(addon)["configurationValues"]))).toEqual({ containerLogs: { enabled: true } });
        const waitsFor = [
            ...nonEmpty(ofType(prod, NODE_GROUP)).map((g) => g.urn),
            named(prod, ROLE_POLICY, "platform-prod-cloudwatch-agent-write").urn,
            ...KINDS.map((kind) => named(prod, LOG_GROUP, `platform-prod-container-insights-${kind}`).urn),
        ];
        expect(addon.dependencies).toEqual(expect.arrayContaining(waitsFor));
    });

    test("the hand-over and the outputs say where Falco's alerts are", async () => {
        const handover = (await resolved(outputs["baselineHandover"])) as { runtimeAlerts: { location: string } };
        expect(handover.runtimeAlerts).toEqual(runtimeAlertsOnCloudWatch("platform-prod", "eu-west-1"));
        expect(handover.runtimeAlerts.location).toContain("CloudWatch Logs /aws/containerinsights/platform-prod/application in eu-west-1");
        expect(await resolved(outputs["containerLogGroup"])).toBe("/aws/containerinsights/platform-prod/application");
        expect(await resolved(outputs["runtimeAlertsLocation"])).toBe(handover.runtimeAlerts.location);
    });

    test("baseline.monitoring in-cluster: no add-on, no Container Insights groups, none in the key policy", async () => {
        const baseline = { imageSignatures: { keyless: [], publicKeys: [] }, runtimeDefence: true, monitoring: "in-cluster" };
        const { resources } = await runStack("aws-dev", { "hardened-cluster:baseline": baseline });
        expect(ofType(resources, ADDON).map((a) => inputsOf(a)["addonName"])).not.toContain("amazon-cloudwatch-observability");
        expect(
            nonEmpty(ofType(resources, LOG_GROUP))
                .map((g) => String(inputsOf(g)["name"]))
                .filter((n) => n.includes("containerinsights")),
        ).toEqual([]);
        expect(String(inputsOf(named(resources, KEY, "platform-dev-key"))["policy"])).not.toContain("containerinsights");
    });

    test("day 2: switching monitoring on adds the groups and updates the key policy in place; the cluster is untouched", async () => {
        const inCluster = { imageSignatures: { keyless: [], publicKeys: [] }, runtimeDefence: true, monitoring: "in-cluster" };
        const managed = { ...inCluster, monitoring: "managed" };
        const { changes } = await planChange(
            "aws-dev",
            { "hardened-cluster:baseline": inCluster },
            { "hardened-cluster:baseline": managed },
        );
        const critical = changesOfTypes(changes, ["aws:eks/cluster:Cluster", KEY, LOG_GROUP, "aws:ec2/vpc:Vpc"]);
        expect(
            nonEmpty(critical)
                .filter((c) => c.kind !== "create")
                .map((c) => [c.type, c.kind, c.changedPaths]),
        ).toEqual([[KEY, "update", ["policy"]]]);
        expect(
            critical
                .filter((c) => c.kind === "create")
                .map((c) => c.name)
                .sort(),
        ).toEqual(KINDS.map((k) => `platform-dev-container-insights-${k}`));
    });
});
