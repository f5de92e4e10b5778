import { Environment } from "../core/vocabulary";
import { rawConfigFrom } from "../config/load";
import { validateStackConfig } from "../config/validate";
import { listStacks, readStackConfig } from "../tools/mock/stack-files";
import { readPackConfig } from "../tools/policy/packs";
import { evaluateStack, mandatoryViolations } from "./harness/policies";

/** Stacks are tested whole: every shipped stack file passes every mandatory policy of both packs. */
describe.each(listStacks())("shipped stack %s", (stack) => {
    test("has no mandatory violation in either pack with its environment's pack config, and nothing unevaluated", async () => {
        const environment = stack.split("-").pop() as Environment;
        const outcomes = await evaluateStack(stack, environment);
        expect(mandatoryViolations(outcomes)).toEqual([]);
        expect(outcomes.filter((o) => o.status === "not-evaluated")).toEqual([]);
        expect(new Set(outcomes.filter((o) => o.status === "pass").map((o) => o.pack))).toEqual(
            new Set(["cluster-hardening", "kubernetes-hardening"]),
        );
    });
});

describe("the shipped pack configs agree with the shipped stacks", () => {
    test.each(listStacks())("every trusted registry of %s is trusted by its environment's kubernetes-hardening config", (stack) => {
        const config = validateStackConfig(rawConfigFrom(readStackConfig(stack)));
        const entry = readPackConfig("kubernetes-hardening", config.environment)["kubernetes-workload-require-trusted-registry"];
        const trusted = typeof entry === "object" ? (entry["trustedRegistries"] as string[]) : [];
        expect(config.trustedRegistries.filter((r) => !trusted.includes(r))).toEqual([]);
    });
});
