import { AZURE_POLICIES } from "../../policypacks/cluster-hardening/azure";
import { runStack } from "../harness";
import { evaluateRuns, evaluateStack, mandatoryViolations, passes } from "../harness/policies";
import { nonEmpty } from "../harness/non-empty";

/**
 * Findings a shipped stack carries as a reviewed exception (waived, shown by the plan): dev's KMS vault
 * keeps its public endpoint (components/azure/kms-plan.ts).
 */
const WAIVED: Readonly<Record<string, readonly string[]>> = {
    "azure-dev": ["azure-aks-stack-require-private-kms-vault"],
    "azure-prod": [],
};

/** Policies on resource types the blueprint never creates: nothing to judge on the shipped stacks. */
const NOTHING_TO_JUDGE = ["azure-authorization-roledefinition-deny-wildcard-actions"];

describe.each([
    ["azure-dev", "dev"],
    ["azure-prod", "prod"],
] as const)("%s with the %s pack config", (stack, environment) => {
    test("has no mandatory violation in either pack, and every Azure policy is evaluated and passes", async () => {
        const outcomes = await evaluateStack(stack, environment);
        expect(mandatoryViolations(outcomes)).toEqual([]);
        expect(outcomes.filter((o) => o.status === "not-evaluated")).toEqual([]);
        const judged = AZURE_POLICIES.filter((p) => !NOTHING_TO_JUDGE.includes(p.name) && !WAIVED[stack].includes(p.name));
        for (const policy of nonEmpty(judged))
            expect({ policy: policy.name, passes: passes(outcomes, policy.name).length > 0 }).toEqual({
                policy: policy.name,
                passes: true,
            });
        for (const name of nonEmpty(NOTHING_TO_JUDGE)) expect(outcomes.filter((o) => o.policy === name)).toEqual([]);
        const waivedAs = (name: string) =>
            outcomes.filter((o) => o.policy === name).map((o) => [o.status, o.message?.includes("waived by exception") ?? false]);
        // dev: the KMS vault and each tenant's secrets vault are public under the same reviewed exception.
        expect(WAIVED[stack].filter((name) => waivedAs(name).length === 0)).toEqual([]);
        expect(WAIVED[stack].flatMap(waivedAs).filter(([status, byException]) => status !== "waived" || !byException)).toEqual([]);
        const azure = new Set(AZURE_POLICIES.map((p) => p.name));
        expect([...new Set(outcomes.filter((o) => o.status === "waived" && azure.has(o.policy)).map((o) => o.policy))]).toEqual([
            ...WAIVED[stack],
        ]);
    });
});

test("the prod pack config catches a staging-shaped stack: staging log retention and no deletion lock (audit reads are shipped everywhere)", async () => {
    const outcomes = await evaluateStack("azure-prod", "prod", {
        "hardened-cluster:environment": "staging",
        "hardened-cluster:logRetentionDays": 90,
    });
    const found = mandatoryViolations(outcomes);
    expect(found.map((v) => v.policy).sort()).toEqual([
        "azure-aks-stack-require-deletion-lock",
        "azure-operationalinsights-workspace-require-retention",
    ]);
    const message = (policy: string) => found.find((v) => v.policy === policy)?.message;
    expect(message("azure-aks-stack-require-deletion-lock")).toContain("has no CanNotDelete or ReadOnly management lock");
    expect(message("azure-operationalinsights-workspace-require-retention")).toContain(
        "retentionInDays is 90; set it to at least 365 days",
    );
});

test("a first preview (ids and key URI unknown) leaves only the securityProfile policies, the registry's key and the Writer grants' scope undecided, never passed", async () => {
    const { runs } = await runStack("azure-prod", {}, { preview: true });
    const outcomes = await evaluateRuns(runs, "prod");
    expect(mandatoryViolations(outcomes)).toEqual([]);
    // azure-native wraps securityProfile in one Output (it fills defaults), so the unknown key URI and
    // workspace id make the whole object unknown until the key and workspace exist.
    const securityProfile = [
        "azure-aks-cluster-require-defender",
        "azure-aks-cluster-require-kms-etcd-encryption",
        "azure-aks-cluster-require-workload-identity",
        // The registry's encryption names the key URI and the identity's client id, both unknown until created.
        "azure-containerregistry-registry-require-cmk",
    ];
    // Whether an RBAC Writer grant is namespace-scoped waits for the cluster id in its scope.
    const clusterAdmin = "azure-aks-access-restrict-cluster-admin";
    // Whether a tenant's Secrets User grant stays on one vault waits for the vault id in its scope.
    const secretsScope = "azure-authorization-roleassignment-restrict-secrets-scope";
    const undecided = outcomes.filter((o) => o.status === "not-evaluated");
    expect([...new Set(undecided.map((o) => o.policy))].sort()).toEqual([clusterAdmin, secretsScope, ...securityProfile].sort());
    const secretGrants = undecided.filter((o) => o.policy === secretsScope).map((o) => o.urn ?? "");
    expect(nonEmpty(secretGrants).map((urn) => urn.split("::").pop())).toEqual(["platform-prod-tenant-payments-secrets-user"]);
    for (const policy of nonEmpty(securityProfile)) expect(passes(outcomes, policy)).toEqual([]);
    const undecidedGrants = undecided.filter((o) => o.policy === clusterAdmin).map((o) => o.urn ?? "");
    for (const urn of nonEmpty(undecidedGrants)) expect(urn).toContain("aksRbacWriter");
    expect(passes(outcomes, clusterAdmin).filter((o) => undecidedGrants.includes(o.urn ?? ""))).toEqual([]);
});
