import { Environment } from "../../core/vocabulary";
import { listStacks, readStackConfig } from "../../tools/mock/stack-files";
import { planUnits } from "../../tools/mock/stack-runs";
import { Outcome } from "../../tools/policy/evaluate";
import { runStack } from "../harness";
import { evaluateRuns, evaluateStack, mandatoryViolations } from "../harness/policies";

const environmentOf = (stack: string): Environment => (stack === "existing-cluster" ? "prod" : (stack.split("-").pop() as Environment));

const ours = (outcomes: readonly Outcome[]) => outcomes.filter((o) => o.pack === "kubernetes-hardening");
const realFindings = (outcomes: readonly Outcome[]) => mandatoryViolations(ours(outcomes));

test("the shipped stacks are covered: six clusters (four with a paired baseline stack) and a baseline on an existing cluster", () => {
    expect(listStacks()).toEqual([
        "aws-dev",
        "aws-dev-baseline",
        "aws-prod",
        "aws-prod-baseline",
        "azure-dev",
        "azure-dev-baseline",
        "azure-prod",
        "azure-prod-baseline",
        "existing-cluster",
        "gcp-dev",
        "gcp-prod",
    ]);
    expect(planUnits()).toEqual(["aws-dev", "aws-prod", "azure-dev", "azure-prod", "existing-cluster", "gcp-dev", "gcp-prod"]);
});

describe.each(planUnits())("stack %s", (stack) => {
    test("no mandatory violation and nothing left unevaluated by the kubernetes-hardening pack", async () => {
        const outcomes = await evaluateStack(stack, environmentOf(stack));
        expect(realFindings(outcomes)).toEqual([]);
        expect(ours(outcomes).filter((o) => o.status === "not-evaluated")).toEqual([]);
        // The baseline is really there and checked: namespaces, admission and the stack policies all ran.
        const passed = new Set(
            ours(outcomes)
                .filter((o) => o.status === "pass")
                .map((o) => o.policy),
        );
        for (const policy of [
            "kubernetes-namespace-require-psa-enforce",
            "kubernetes-namespace-require-default-deny",
            "kubernetes-namespace-require-resource-quota",
            "kubernetes-admission-require-fail-closed",
            "kubernetes-serviceaccount-deny-default-automount",
            "kubernetes-stack-require-image-signature-verification",
            "kubernetes-stack-require-runtime-defence",
            "kubernetes-storageclass-require-encryption",
            "kubernetes-rbac-restrict-cluster-admin",
            "kubernetes-rbac-deny-broad-subjects",
            "kubernetes-rbac-deny-escalating-bindings",
            "kubernetes-networkpolicy-deny-open-rules",
            "kubernetes-admission-require-tenant-coverage",
            "kubernetes-webhook-require-fail-closed",
            "kubernetes-helm-release-require-trusted-chart",
            // In-cluster signature verification with named signers: the AWS and Azure prod stacks (GKE uses Binary Authorization).
            ...(["aws-prod", "azure-prod"].includes(stack) ? ["kubernetes-imagepolicy-deny-any-signer"] : []),
        ]) {
            expect([stack, policy, passed.has(policy)]).toEqual([stack, policy, true]);
        }
    });

    test("a preview (computed outputs unknown) reaches the same verdict", async () => {
        const { runs } = await runStack(stack, {}, { preview: true });
        const outcomes = await evaluateRuns(runs, environmentOf(stack));
        expect(realFindings(outcomes)).toEqual([]);
        expect(ours(outcomes).filter((o) => o.status === "not-evaluated")).toEqual([]);
    });
});

test("switching runtime defence off in a shipped stack is caught", async () => {
    const baseline = JSON.parse(readStackConfig("aws-prod")["hardened-cluster:baseline"]) as Record<string, unknown>;
    const outcomes = await evaluateStack("aws-prod", "prod", { "hardened-cluster:baseline": { ...baseline, runtimeDefence: false } });
    expect(realFindings(outcomes).map((o) => o.policy)).toEqual(["kubernetes-stack-require-runtime-defence"]);
});
