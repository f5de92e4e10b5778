import { changesOfTypes, planChange } from "../harness/day2";
import { nonEmpty } from "../harness/non-empty";

/** EKS day-2 changes: each touches only what it is about; the cluster, key, log groups and VPC are never replaced. */
const KEEP = ["aws:eks/cluster:Cluster", "aws:kms/key:Key", "aws:cloudwatch/logGroup:LogGroup", "aws:ec2/vpc:Vpc"];
const KEY = (name: string) => `hardened-cluster:${name}`;

describe("EKS day-2 changes", () => {
    test("eks.supportType STANDARD → EXTENDED updates the cluster's upgradePolicy in place and nothing else", async () => {
        const { changes } = await planChange("aws-prod", {}, { [KEY("eks")]: { supportType: "EXTENDED" } });
        const kept = changesOfTypes(changes, KEEP);
        expect(nonEmpty(kept).map((c) => [c.type, c.kind, c.changedPaths])).toEqual([
            ["aws:eks/cluster:Cluster", "update", ["upgradePolicy.supportType"]],
        ]);
    });
});

describe("EKS day-2 changes: log groups", () => {
    test("turning eks.adoptExistingLogGroups on changes no input of the cluster, key, log groups or VPC", async () => {
        const { changes } = await planChange("aws-prod", {}, { [KEY("eks")]: { adoptExistingLogGroups: true } });
        expect(changesOfTypes(changes, KEEP)).toEqual([]);
    });

    test("a longer logRetentionDays updates each log group's retention in place; nothing is replaced", async () => {
        const { changes } = await planChange("aws-prod", {}, { [KEY("logRetentionDays")]: 731 });
        const kept = nonEmpty(changesOfTypes(changes, KEEP));
        for (const c of nonEmpty(kept))
            expect([c.type, c.kind, c.changedPaths]).toEqual(["aws:cloudwatch/logGroup:LogGroup", "update", ["retentionInDays"]]);
    });
});

describe("EKS day-2 changes: node group updates (HC-NODE-07)", () => {
    test("shipped stacks: every node group updates surge-first, one node at a time", async () => {
        const { before } = await planChange("aws-prod", {}, {});
        const groups = nonEmpty(before.filter((r) => r.type === "aws:eks/nodeGroup:NodeGroup"));
        for (const g of nonEmpty(groups)) expect(g.props["updateConfig"]).toEqual({ maxUnavailable: 1, updateStrategy: "DEFAULT" });
    });

    test("upgrades.maxUnavailable 1 → 2 (dev) updates each node group's updateConfig in place; nothing critical changes", async () => {
        const { changes } = await planChange("aws-dev", {}, { [KEY("upgrades")]: { maxSurge: "1", maxUnavailable: 2 } });
        expect(changesOfTypes(changes, KEEP)).toEqual([]);
        const groups = nonEmpty(changesOfTypes(changes, ["aws:eks/nodeGroup:NodeGroup"]));
        for (const c of nonEmpty(groups)) expect([c.kind, c.changedPaths]).toEqual(["update", ["updateConfig.maxUnavailable"]]);
        expect(groups).toHaveLength(3);
    });
});

describe("EKS day-2 changes: the registry (HC-SUP-05/06)", () => {
    const REGISTRY_KEEP = [...KEEP, "aws:ecr/repository:Repository"];

    test("turning registry.mirror off removes only the caches and the nodes' import grant; no repository or key changes", async () => {
        const { changes } = await planChange("aws-prod", {}, { [KEY("registry")]: { mirror: false } });
        expect(changesOfTypes(changes, REGISTRY_KEEP)).toEqual([]);
        const removed = nonEmpty(changes.filter((c) => c.kind === "delete"));
        expect([...new Set(removed.map((c) => c.type))].sort()).toEqual([
            "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
            "aws:iam/rolePolicy:RolePolicy",
        ]);
    });

    test("eks.registry.tagMutability IMMUTABLE → MUTABLE (dev) updates repositories and the template in place", async () => {
        const { changes } = await planChange("aws-dev", {}, { [KEY("eks")]: { registry: { tagMutability: "MUTABLE" } } });
        expect(changesOfTypes(changes, KEEP)).toEqual([]);
        const repositories = nonEmpty(changesOfTypes(changes, ["aws:ecr/repository:Repository"]));
        for (const c of nonEmpty(repositories)) expect([c.kind, c.changedPaths]).toEqual(["update", ["imageTagMutability"]]);
        const template = changesOfTypes(changes, ["aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate"]);
        expect(template.map((c) => c.kind)).toEqual(["update"]);
    });
});
