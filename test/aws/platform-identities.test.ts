import { ecrRepositoryArns, ecrRepositoryScopes } from "../../components/aws/ecr-read-plan";
import { POLICY_CONTROLLER_ACCOUNT } from "../../components/aws/platform-identities";
import { BASELINE_CHART_IDENTITIES } from "../../components/kubernetes/platform-identities";
import * as pulumi from "@pulumi/pulumi";
import { CapturedResource, inputsOf, ofType, runStack, valueOf } from "../harness";
import { nonEmpty } from "../harness/non-empty";

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ASSOCIATION = "aws:eks/podIdentityAssociation:PodIdentityAssociation";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const ACCOUNT_KEY = `${POLICY_CONTROLLER_ACCOUNT.namespace}/${POLICY_CONTROLLER_ACCOUNT.serviceAccount}`;

describe("ECR read scope (pure)", () => {
    test("only ECR private registries count, each narrowed to its repository prefix in its own account and region", () => {
        const scopes = ecrRepositoryScopes([
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/",
            "210987654321.dkr.ecr.us-east-1.amazonaws.com/team-a/",
            "public.ecr.aws/eks/",
            "ghcr.io/acme/",
            "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn",
        ]);
        expect(ecrRepositoryArns("aws", scopes)).toEqual([
            "arn:aws:ecr:eu-west-1:123456789012:repository/*",
            "arn:aws:ecr:us-east-1:210987654321:repository/team-a/*",
            "arn:aws:ecr:cn-north-1:123456789012:repository/*",
        ]);
        expect(ecrRepositoryScopes(["public.ecr.aws/eks/", "ghcr.io/acme/"])).toEqual([]);
        // A look-alike host is not an ECR registry.
        expect(ecrRepositoryScopes(["123456789012.dkr.ecr.eu-west-1.amazonaws.com.evil.example/"])).toEqual([]);
    });
});

describe("policy-controller reads the stack's ECR through Pod Identity (review finding 4)", () => {
    let prod: CapturedResource[];
    let handover: Record<string, unknown>;
    beforeAll(async () => {
        const run = await runStack("aws-prod");
        prod = run.resources;
        handover = await valueOf(pulumi.output(run.outputs["baselineHandover"]) as pulumi.Output<Record<string, unknown>>);
    });

    test("the account is the one the baseline's policy-controller chart owns", () => {
        expect(Object.keys(BASELINE_CHART_IDENTITIES["policyController"])).toContain(ACCOUNT_KEY);
    });

    test("a role trusted only for that account, reading only the trusted ECR repositories, and its association", () => {
        const role = ofType(prod, ROLE).find((r) => r.name === "platform-prod-policy-controller-role");
        expect(role).toBeDefined();
        const trust = JSON.parse(String(inputsOf(role!)["assumeRolePolicy"])) as { Statement: Record<string, unknown>[] };
        expect(trust.Statement[0]["Principal"]).toEqual({ Service: "pods.eks.amazonaws.com" });
        expect(trust.Statement[0]["Condition"]).toMatchObject({
            StringEquals: {
                "aws:RequestTag/kubernetes-namespace": "cosign-system",
                "aws:RequestTag/kubernetes-service-account": "policy-controller-webhook",
            },
        });
        const read = ofType(prod, ROLE_POLICY).find((r) => r.name === "platform-prod-policy-controller-ecr-read");
        expect(read?.propertyDependencies["role"]).toEqual([role!.urn]);
        const statements = (JSON.parse(String(inputsOf(read!)["policy"])) as { Statement: Record<string, unknown>[] }).Statement;
        expect(statements.map((s) => [s["Action"], s["Resource"]])).toEqual([
            [["ecr:GetAuthorizationToken"], "*"],
            [
                ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
                ["arn:aws:ecr:eu-west-1:123456789012:repository/*"],
            ],
        ]);
        // The Cluster Autoscaler's association (test/aws/autoscaler.test.ts) and the tenants' secrets associations
        // (test/aws/tenant-secrets.test.ts) are not this one's concern.
        const associations = nonEmpty(
            ofType(prod, ASSOCIATION).filter((a) => a.name !== "platform-prod-cluster-autoscaler" && !/-tenant-.*-secrets$/.test(a.name)),
        );
        expect(associations.map((a) => inputsOf(a))).toEqual([
            expect.objectContaining({ namespace: "cosign-system", serviceAccount: "policy-controller-webhook" }),
        ]);
        expect(associations[0].propertyDependencies["roleArn"]).toEqual([role!.urn]);
    });

    test("the hand-over names the account; the baseline stack installs the chart that claims it", () => {
        expect((handover["platformIdentities"] as Record<string, unknown>)[ACCOUNT_KEY]).toEqual({ annotations: {}, podLabels: {} });
        const policyController = ofType(prod, RELEASE).find((r) => inputsOf(r)["chart"] === "policy-controller");
        expect(policyController?.stack).toBe("aws-prod-baseline");
    });

    test("no ECR registry trusted: no role and no association", async () => {
        const { resources } = await runStack("aws-dev", { "hardened-cluster:trustedRegistries": ["ghcr.io/acme/"] });
        expect(ofType(resources, ASSOCIATION).map((a) => inputsOf(a)["namespace"])).not.toContain("cosign-system");
        const platform = ofType(resources, ASSOCIATION).filter((a) => !/-tenant-.*-secrets$/.test(a.name));
        expect(platform.map((a) => a.name)).toEqual(["platform-dev-cluster-autoscaler"]);
        expect(ofType(resources, ROLE).map((r) => r.name)).not.toContain("platform-dev-policy-controller-role");
        expect(ofType(resources, ROLE).length).toBeGreaterThan(0);
    });
});
