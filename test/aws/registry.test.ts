import { EksHardenedCluster } from "../../components/aws";
import { connectAws } from "../../components/aws/connection";
import { rawConfigFrom } from "../../config/load";
import { AwsConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { readStackConfig } from "../../tools/mock/stack-files";
import { CapturedResource, inputsOf, ofType, runProgram, runStack } from "../harness";
import { nonEmpty } from "../harness/non-empty";

const T = {
    key: "aws:kms/key:Key",
    repository: "aws:ecr/repository:Repository",
    lifecycle: "aws:ecr/lifecyclePolicy:LifecyclePolicy",
    template: "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate",
    cache: "aws:ecr/pullThroughCacheRule:PullThroughCacheRule",
    scanning: "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    role: "aws:iam/role:Role",
} as const;

function named(resources: readonly CapturedResource[], type: string, name: string): CapturedResource {
    const found = ofType(resources, type).find((r) => r.name === name);
    if (!found) throw new Error(`no ${type} named ${name}`);
    return found;
}
const statementsOf = (text: unknown) => (JSON.parse(String(text)) as { Statement: Record<string, unknown>[] }).Statement;

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runStack("aws-prod")).resources;
    dev = (await runStack("aws-dev")).resources;
});

describe("the stack's ECR registry (HC-SUP-05/06)", () => {
    test("a rotating registry key usable only through ECR, protected in prod", () => {
        const key = named(prod, T.key, "platform-prod-registry-key");
        expect(key.protect).toBe(true);
        expect(inputsOf(key)["enableKeyRotation"]).toBe(true);
        const through = statementsOf(inputsOf(key)["policy"]).find((s) => s["Sid"] === "AccountUsesKeyThroughEcr");
        expect(through?.["Condition"]).toEqual({
            StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "ecr.eu-west-1.amazonaws.com" },
        });
        expect(named(dev, T.key, "platform-dev-registry-key").protect).toBe(false);
    });

    test("one repository per tenant: the registry key, immutable tags, never force-deleted, kept on destroy", () => {
        const repositories = nonEmpty(ofType(prod, T.repository));
        expect(repositories.map((r) => inputsOf(r)["name"])).toEqual(["platform-prod/payments", "platform-prod/search"]);
        const key = named(prod, T.key, "platform-prod-registry-key");
        for (const r of nonEmpty(repositories)) {
            expect(inputsOf(r)["imageTagMutability"]).toBe("IMMUTABLE");
            expect(inputsOf(r)["forceDelete"]).toBe(false);
            expect((inputsOf(r)["encryptionConfigurations"] as { encryptionType: string }[])[0].encryptionType).toBe("KMS");
            expect(r.propertyDependencies["encryptionConfigurations"]).toContain(key.urn);
            expect([r.protect, r.retainOnDelete]).toEqual([true, true]);
        }
        expect(ofType(prod, T.lifecycle)).toHaveLength(2);
        const devRepo = named(dev, T.repository, "platform-dev-repo-payments");
        expect([devRepo.protect, devRepo.retainOnDelete]).toEqual([false, true]);
    });

    test("enhanced, continuous scanning of every repository, kept on destroy", () => {
        const scanning = named(prod, T.scanning, "platform-prod-registry-scanning");
        expect(inputsOf(scanning)).toMatchObject({
            scanType: "ENHANCED",
            rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }],
        });
        expect(scanning.retainOnDelete).toBe(true);
    });

    test("a creation template for the namespace, with its own role that creates only there", () => {
        const template = inputsOf(named(prod, T.template, "platform-prod-ecr-template"));
        expect(template).toMatchObject({
            prefix: "platform-prod",
            appliedFors: ["CREATE_ON_PUSH", "PULL_THROUGH_CACHE"],
            imageTagMutability: "IMMUTABLE",
        });
        expect(JSON.parse(String(template["lifecyclePolicy"])).rules).toHaveLength(1);
        const role = named(prod, T.role, "platform-prod-ecr-template-role");
        expect(statementsOf(inputsOf(role)["assumeRolePolicy"])[0]["Principal"]).toEqual({ Service: "ecr.amazonaws.com" });
        const policy = statementsOf(inputsOf(named(prod, T.rolePolicy, "platform-prod-ecr-template-create"))["policy"]);
        expect(policy[0]["Resource"]).toEqual(["arn:aws:ecr:eu-west-1:123456789012:repository/platform-prod/*"]);
    });

    test("prod mirrors every upstream (credentials for Docker Hub and ghcr.io); nodes import only into the caches", () => {
        const rules = nonEmpty(ofType(prod, T.cache)).map((r) => inputsOf(r));
        expect(rules.map((r) => [r["ecrRepositoryPrefix"], r["upstreamRegistryUrl"], r["credentialArn"] !== undefined])).toEqual([
            ["platform-prod/ecr-public", "public.ecr.aws", false],
            ["platform-prod/k8s", "registry.k8s.io", false],
            ["platform-prod/quay", "quay.io", false],
            ["platform-prod/docker-hub", "registry-1.docker.io", true],
            ["platform-prod/ghcr", "ghcr.io", true],
        ]);
        const nodePolicy = named(prod, T.rolePolicy, "platform-prod-node-role-ecr-pull-through");
        expect(nodePolicy.propertyDependencies["role"]).toContain(named(prod, T.role, "platform-prod-node-role").urn);
        const [statement] = statementsOf(inputsOf(nodePolicy)["policy"]);
        expect(statement["Action"]).toEqual(["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"]);
        expect(nonEmpty(statement["Resource"] as string[]).every((arn) => /:repository\/platform-prod\/[a-z0-9-]+\/\*$/.test(arn))).toBe(
            true,
        );
    });

    test("dev (registry.mirror false): no caches and no import grant on the nodes", () => {
        expect(ofType(dev, T.cache)).toEqual([]);
        expect(ofType(dev, T.rolePolicy).map((r) => r.name)).not.toContain("platform-dev-node-role-ecr-pull-through");
        expect(ofType(dev, T.repository)).toHaveLength(2);
    });

    test("registry.enabled false: no registry resources at all", async () => {
        const { resources } = await runStack("aws-dev", { "hardened-cluster:registry": { enabled: false } });
        for (const type of [T.repository, T.template, T.scanning, T.cache]) expect(ofType(resources, type)).toEqual([]);
        expect(ofType(resources, T.key).map((k) => k.name)).toEqual(["platform-dev-key"]);
    });

    test("the hand-over's imageMirror names each cached upstream under the stack's registry prefix", async () => {
        const config = validateStackConfig(rawConfigFrom(readStackConfig("aws-prod"))) as AwsConfig;
        const { outputs: cluster } = await runProgram(async () => {
            const { provider, deployerArn } = await connectAws(config);
            return new EksHardenedCluster("platform-prod", { config, provider, deployerArn });
        });
        expect(cluster.handover.imageMirror).toEqual({
            "public.ecr.aws": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-prod/ecr-public",
            "registry.k8s.io": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-prod/k8s",
            "quay.io": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-prod/quay",
            "docker.io": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-prod/docker-hub",
            "ghcr.io": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-prod/ghcr",
        });
        // The trusted registries (defaulted or set) hold the mirror, so admission accepts the mirrored images.
        expect(config.trustedRegistries).toContain("123456789012.dkr.ecr.eu-west-1.amazonaws.com/");
    });
});
