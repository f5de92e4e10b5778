import { readPackConfig } from "../../tools/policy/packs";
import { CapturedResource, runStack } from "../harness";
import { passes, violations } from "../harness/policies";
import { edited, messages, ofType, outcomes, Props, TYPES } from "./fixture";

let blueprint: CapturedResource[];

beforeAll(async () => {
    blueprint = (await runStack("azure-prod")).resources;
});

describe("azure-aks-stack-require-data-access-audit", () => {
    const name = "azure-aks-stack-require-data-access-audit";
    const prod = readPackConfig("cluster-hardening", "prod");
    const dev = readPackConfig("cluster-hardening", "dev");
    const withLogs = (logs: Props[]) => edited(blueprint, ofType(TYPES.diagnostics), (p) => (p["logs"] = logs));

    test("passes prod's full kube-audit with the prod config", async () => {
        const found = await outcomes(name, blueprint, prod);
        expect(violations(found)).toEqual([]);
        expect(passes(found, name)).toHaveLength(1);
    });

    test("fails writes-only kube-audit-admin (set wrong) in every environment's config: the blueprint ships kube-audit everywhere", async () => {
        const rs = withLogs([
            { category: "kube-audit-admin", enabled: true },
            { category: "kube-apiserver", enabled: true },
        ]);
        expect(await messages(name, rs, prod)).toEqual([
            "[HC-AUD-03] AKS cluster platform-prod-aks's diagnostic settings ship [kube-audit-admin], so reads of Secrets and other objects (get, list, watch) are not audited; enable the kube-audit category",
        ]);
        expect(await messages(name, rs, dev)).toEqual([expect.stringContaining("ship [kube-audit-admin]")]);
        expect(await messages(name, rs, readPackConfig("cluster-hardening", "staging"))).toHaveLength(1);
    });

    test("fails a cluster without any diagnostic setting (unset), whatever the environment", async () => {
        const rs = blueprint.filter((r) => r.type !== TYPES.diagnostics);
        expect(await messages(name, rs, dev)).toEqual([
            expect.stringContaining(
                "ship no audit category, so reads of Secrets and other objects (get, list, watch) are not audited; enable the kube-audit category",
            ),
        ]);
    });

    test("accepts the allLogs and audit category groups, as the audit-diagnostics policy does", async () => {
        expect(await messages(name, withLogs([{ categoryGroup: "allLogs", enabled: true }]), prod)).toEqual([]);
        expect(await messages(name, withLogs([{ categoryGroup: "audit", enabled: true }]), prod)).toEqual([]);
    });

    test("a disabled kube-audit entry does not count", async () => {
        expect(await messages(name, withLogs([{ category: "kube-audit", enabled: false }]), prod)).toEqual([
            expect.stringContaining("ship no audit category"),
        ]);
    });
});
