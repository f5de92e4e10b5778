import { evaluateStack, mandatoryViolations, passes } from "../harness/policies";
import { AWS_POLICIES } from "../../policypacks/cluster-hardening/aws";
import { nonEmpty } from "../harness/non-empty";

/** Both shipped AWS stacks pass every mandatory policy of both packs with their environment's pack config. */
describe.each([
    ["aws-dev", "dev"],
    ["aws-prod", "prod"],
] as const)("%s", (stack, environment) => {
    test("has no mandatory violation and every AWS policy is evaluated and passes", async () => {
        const outcomes = await evaluateStack(stack, environment);
        expect(mandatoryViolations(outcomes).map((o) => `${o.policy}: ${o.message}`)).toEqual([]);
        expect(outcomes.filter((o) => o.status === "not-evaluated")).toEqual([]);
        for (const policy of nonEmpty(AWS_POLICIES)) {
            expect({ policy: policy.name, passes: passes(outcomes, policy.name).length > 0 }).toEqual({
                policy: policy.name,
                passes: true,
            });
        }
    });
});
