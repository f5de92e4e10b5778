import { Environment } from "../core/vocabulary";
import { rawConfigFrom } from "../config/load";
import { validateProgramConfig } from "../config/program";
import { planUnits } from "../tools/mock/stack-runs";
import { listStacks, readStackConfig } from "../tools/mock/stack-files";
import { readPackConfig } from "../tools/policy/packs";
import { runStack } from "./harness";
import { evaluateRuns, mandatoryViolations } from "./harness/policies";

/**
 * Stacks are tested whole: every shipped stack passes every mandatory policy of both packs. A cluster
 * stack runs with its paired baseline stack, each judged as its own stack; the environment is the one
 * the stack reports (a baseline stack learns it from the hand-over).
 */
describe.each(planUnits())("shipped stack %s", (stack) => {
    test("has no mandatory violation in either pack with its environment's pack config, and nothing unevaluated", async () => {
        const { runs, outputs } = await runStack(stack);
        const outcomes = await evaluateRuns(runs, outputs["environment"] as Environment);
        expect(mandatoryViolations(outcomes)).toEqual([]);
        expect(outcomes.filter((o) => o.status === "not-evaluated")).toEqual([]);
        expect(new Set(outcomes.filter((o) => o.status === "pass").map((o) => o.pack))).toEqual(
            new Set(["cluster-hardening", "kubernetes-hardening"]),
        );
    });
});

describe("the shipped pack configs agree with the shipped stacks", () => {
    // Baseline stacks that read a cluster stack carry no registries of their own: their cluster stack's are checked.
    const withRegistries = listStacks().filter((stack) => readStackConfig(stack)["hardened-cluster:trustedRegistries"] !== undefined);

    test("the stacks with registries of their own include a baseline stack on an existing cluster", () => {
        expect(withRegistries).toContain("existing-cluster");
        expect(withRegistries.length).toBeGreaterThan(6);
    });

    test.each(withRegistries)("every trusted registry of %s is trusted by its environment's kubernetes-hardening config", (stack) => {
        const config = validateProgramConfig(rawConfigFrom(readStackConfig(stack)));
        const { environment, trustedRegistries } =
            config.layer === "baseline" && config.source.kind === "existing-cluster"
                ? config.source.cluster
                : (config as Exclude<typeof config, { layer: "baseline" }>);
        const entry = readPackConfig("kubernetes-hardening", environment)["kubernetes-workload-require-trusted-registry"];
        const trusted = typeof entry === "object" ? (entry["trustedRegistries"] as string[]) : [];
        expect(trustedRegistries.filter((r) => !trusted.includes(r))).toEqual([]);
    });
});
