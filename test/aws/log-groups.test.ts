import { CapturedResource, inputsOf, named, ofType, runStack } from "../harness";
import { nonEmpty } from "../harness/non-empty";

const LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
const CLUSTER = "aws:eks/cluster:Cluster";
const KEY = "aws:kms/key:Key";

const groupsOf = (resources: readonly CapturedResource[]) => nonEmpty(ofType(resources, LOG_GROUP).filter((r) => r.stack === "aws-prod"));

describe("the stack's log groups survive a destroy and a rebuild (EKS control plane, flow logs)", () => {
    test("by default created by the stack, encrypted with the cluster key, kept for the retention, retained on destroy", async () => {
        const { resources } = await runStack("aws-prod");
        const key = named(resources, KEY, "platform-prod-key");
        const groups = groupsOf(resources);
        expect(groups.map((g) => inputsOf(g)["name"]).sort()).toEqual(
            expect.arrayContaining(["/aws/eks/platform-prod/cluster", "/aws/vpc/platform-prod/flow-logs"]),
        );
        for (const g of nonEmpty(groups)) {
            expect({ name: g.name, importId: g.importId, retain: g.retainOnDelete, days: inputsOf(g)["retentionInDays"] }).toEqual({
                name: g.name,
                importId: undefined,
                retain: true,
                days: 365,
            });
            expect(g.propertyDependencies["kmsKeyId"]).toEqual([key.urn]);
        }
        const controlPlane = groups.find((g) => inputsOf(g)["name"] === "/aws/eks/platform-prod/cluster")!;
        // EKS would create the group itself (unencrypted, never expiring) if the cluster came first.
        expect(ofType(resources, CLUSTER)[0].dependencies).toContain(controlPlane.urn);
    });

    test("eks.adoptExistingLogGroups: the same groups, adopted by name (import) with the same key and retention", async () => {
        const { resources } = await runStack("aws-prod", { "hardened-cluster:eks": { adoptExistingLogGroups: true } });
        const adopted = groupsOf(resources).filter((g) => g.importId !== undefined);
        expect(adopted.map((g) => [g.importId, inputsOf(g)["name"], inputsOf(g)["retentionInDays"], g.retainOnDelete])).toEqual(
            expect.arrayContaining([
                ["/aws/eks/platform-prod/cluster", "/aws/eks/platform-prod/cluster", 365, true],
                ["/aws/vpc/platform-prod/flow-logs", "/aws/vpc/platform-prod/flow-logs", 365, true],
            ]),
        );
        for (const g of nonEmpty(adopted)) expect(g.importId).toBe(inputsOf(g)["name"]);
    });
});
