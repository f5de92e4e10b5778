import { Environment } from "../../core/vocabulary";
import { listStacks, readStackConfig } from "../../tools/mock/stack-files";
import { evaluatePacks, Outcome } from "../../tools/policy/evaluate";
import { packsFor } from "../../tools/policy/packs";
import { runStack } from "../harness";
import { evaluateStack, mandatoryViolations } from "../harness/policies";

const environmentOf = (stack: string): Environment => stack.split("-").pop() as Environment;

const ours = (outcomes: readonly Outcome[]) => outcomes.filter((o) => o.pack === "kubernetes-hardening");
const realFindings = (outcomes: readonly Outcome[]) => mandatoryViolations(ours(outcomes));

test("the six shipped stacks are covered", () => {
    expect(listStacks()).toEqual(["aws-dev", "aws-prod", "azure-dev", "azure-prod", "gcp-dev", "gcp-prod"]);
});

describe.each(listStacks())("stack %s", (stack) => {
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
        const { resources } = await runStack(stack, {}, { preview: true });
        const outcomes = (await evaluatePacks(resources, packsFor(environmentOf(stack)))).outcomes;
        expect(realFindings(outcomes)).toEqual([]);
        expect(ours(outcomes).filter((o) => o.status === "not-evaluated")).toEqual([]);
    });
});

test("switching runtime defence off in a shipped stack is caught", async () => {
    const baseline = JSON.parse(readStackConfig("aws-prod")["hardened-cluster:baseline"]) as Record<string, unknown>;
    const outcomes = await evaluateStack("aws-prod", "prod", { "hardened-cluster:baseline": { ...baseline, runtimeDefence: false } });
    expect(realFindings(outcomes).map((o) => o.policy)).toEqual(["kubernetes-stack-require-runtime-defence"]);
});
