import { Environment } from "../config/vocabulary";
import { listStacks } from "../tools/mock/stack-files";
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
