import { nonEmpty } from "../harness/non-empty";
import { propagationWaitProvider } from "../../components/azure/propagation";
import { validateStackConfig } from "../../config/validate";
import { rawConfigFrom } from "../../config/load";
import { readStackConfig } from "../../tools/mock/stack-files";
import { CapturedResource, runStack, single } from "../harness";
import { diffRuns } from "../harness/day2";

const WAIT = "pulumi-nodejs:dynamic/hardened-azure-role-propagation:Resource";
const KEY = (name: string) => `hardened-cluster:${name}`;

/**
 * Issue 10: AKS checks the control plane's grants while it creates the cluster; Azure RBAC may take minutes to
 * honour them. Mocks can show only the ordering and that the wait exists, and the provider's own create/diff.
 */
describe("role propagation wait (azure)", () => {
    let prod: CapturedResource[];
    beforeAll(async () => {
        prod = (await runStack("azure-prod")).resources;
    });

    test("grants → wait → cluster: the wait depends on both control-plane grants, the cluster on the wait", () => {
        const wait = single(prod, WAIT);
        const grants = prod.filter((r) => /-control-plane-(network|kms)$/.test(r.name));
        expect(grants).toHaveLength(2);
        expect([...wait.dependencies].sort()).toEqual(expect.arrayContaining(grants.map((g) => g.urn).sort()));
        expect(single(prod, "azure-native:containerservice:ManagedCluster").dependencies).toContain(wait.urn);
        expect(wait.props["seconds"]).toBe(120);
    });

    test("aks.rolePropagationSeconds 0: no wait, the cluster depends on the grants directly", async () => {
        const aks = JSON.parse(readStackConfig("azure-prod")[KEY("aks")] ?? "{}") as Record<string, unknown>;
        const none = (await runStack("azure-prod", { [KEY("aks")]: { ...aks, rolePropagationSeconds: 0 } })).resources;
        expect(none.filter((r) => r.type === WAIT)).toEqual([]);
        const cluster = single(none, "azure-native:containerservice:ManagedCluster");
        for (const grant of nonEmpty(none.filter((r) => /-control-plane-(network|kms)$/.test(r.name))))
            expect(cluster.dependencies).toContain(grant.urn);
    });

    test("another wait time only changes the wait's own input, which its diff ignores", async () => {
        const aks = JSON.parse(readStackConfig("azure-prod")[KEY("aks")] ?? "{}") as Record<string, unknown>;
        const changes = diffRuns(prod, (await runStack("azure-prod", { [KEY("aks")]: { ...aks, rolePropagationSeconds: 300 } })).resources);
        expect(changes.map((c) => `${c.kind} ${c.type} [${c.changedPaths.join(", ")}]`)).toEqual([`update ${WAIT} [seconds]`]);
        const diff = await propagationWaitProvider.diff!("id", { seconds: 120, grants: ["a", "b"] }, { seconds: 300, grants: ["a", "b"] });
        expect(diff.changes).toBe(false);
    });

    test("the provider waits on create, not when the same grants are already in state; new grants wait again", async () => {
        const started = Date.now();
        const created = await propagationWaitProvider.create({ seconds: 0.2, grants: ["a"] });
        expect(Date.now() - started).toBeGreaterThanOrEqual(190);
        expect(created.outs).toEqual({ seconds: 0.2, grants: ["a"] });
        expect(
            (await propagationWaitProvider.diff!("id", { seconds: 1, grants: ["b", "a"] }, { seconds: 1, grants: ["a", "b"] })).changes,
        ).toBe(false);
        expect(await propagationWaitProvider.diff!("id", { seconds: 1, grants: ["a"] }, { seconds: 1, grants: ["a", "c"] })).toMatchObject({
            changes: true,
            replaces: ["grants"],
        });
    });

    test("config: a whole number of seconds from 0 to 600", () => {
        const raw = rawConfigFrom(readStackConfig("azure-dev"));
        const withWait = (value: unknown) => ({ ...raw, aks: { ...(raw["aks"] as object), rolePropagationSeconds: value } });
        for (const bad of [-1, 601, 1.5, "120"]) {
            expect(() => validateStackConfig(withWait(bad))).toThrow(/aks\.rolePropagationSeconds.*whole number of seconds from 0 to 600/s);
        }
        expect(() => validateStackConfig(withWait(30))).not.toThrow();
    });
});
