import { GCP_POLICIES } from "../../policypacks/cluster-hardening/gcp";
import { runStack } from "../harness";
import { evaluateRuns, evaluateStack, mandatoryViolations, passes } from "../harness/policies";

const GCP_POLICY_NAMES = new Set(GCP_POLICIES.map((p) => p.name));

/** Both shipped GCP stacks, as CI runs them: every mandatory policy of both packs with the environment's pack config. */
describe.each([
    ["gcp-dev", "dev"],
    ["gcp-prod", "prod"],
] as const)("%s", (stack, environment) => {
    test("has no mandatory violation in either pack, and every GCP policy is evaluated and passes", async () => {
        const outcomes = await evaluateStack(stack, environment);
        expect(mandatoryViolations(outcomes)).toEqual([]);
        expect(outcomes.filter((o) => o.status === "not-evaluated" && GCP_POLICY_NAMES.has(o.policy))).toEqual([]);
        const passing = [...GCP_POLICY_NAMES].filter((name) => passes(outcomes, name).length > 0);
        expect(passing).toEqual([...GCP_POLICY_NAMES]);
    });

    test("in a first preview (ids and e-mails unknown) only the policies that need them are not evaluated", async () => {
        const { runs } = await runStack(stack, {}, { preview: true });
        const outcomes = await evaluateRuns(runs, environment);
        expect(mandatoryViolations(outcomes)).toEqual([]);
        const undecided = new Set(
            outcomes.filter((o) => o.status === "not-evaluated" && GCP_POLICY_NAMES.has(o.policy)).map((o) => o.policy),
        );
        // Key ids and the node account's e-mail are computed; every other policy (IAM grants included: the
        // role decides, and the node account is recognised by its Account resource) is decided in preview.
        // The release signer's project grant (prod names a signer): whether its member is the node account
        // waits for the account's e-mail.
        const signerGrant = environment === "prod" ? ["gcp-gke-nodeaccount-restrict-roles"] : [];
        expect([...undecided].sort()).toEqual(
            [
                // The registry key's id, like the cluster keys'.
                "gcp-artifactregistry-repository-require-cmek",
                "gcp-gke-cluster-require-database-encryption",
                ...signerGrant,
                "gcp-gke-pool-deny-default-service-account",
                "gcp-gke-pool-require-cmek-boot-disk",
            ].sort(),
        );
    });
});
