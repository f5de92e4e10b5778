import { ConfigError } from "../../config/errors";
import { rawConfigFrom } from "../../config/load";
import { AwsConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import {
    creationTemplateRolePolicy,
    planRegistry,
    pullThroughImportPolicy,
    registryKeyPolicy,
    registryLifecyclePolicy,
    TEMPLATE_APPLIED_FOR,
} from "../../components/aws/registry-plan";
import { readStackConfig } from "../../tools/mock/stack-files";
import { nonEmpty } from "../harness/non-empty";

const DOCKER = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf";
const GHCR = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:ecr-pullthroughcache/ghcr-AbCdEf";

function raw(stack: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return { ...rawConfigFrom(readStackConfig(stack)), ...overrides };
}
const config = (stack: string, overrides: Record<string, unknown> = {}) => validateStackConfig(raw(stack, overrides)) as AwsConfig;

function problems(r: Record<string, unknown>): { key: string; allowed: string }[] {
    try {
        validateStackConfig(r);
    } catch (e) {
        if (e instanceof ConfigError) return e.problems.map((p) => ({ key: p.key, allowed: p.allowed }));
        throw e;
    }
    return [];
}

describe("planRegistry (HC-SUP-05/06)", () => {
    test("aws-prod: one repository per tenant under the cluster's namespace, immutable, and every upstream mirrored", () => {
        const plan = planRegistry(config("aws-prod"))!;
        expect(plan.repositories).toEqual(["platform-prod/payments", "platform-prod/search"]);
        expect(plan.tagMutability).toBe("IMMUTABLE");
        expect(plan.template).toEqual({ prefix: "platform-prod", appliedFor: [...TEMPLATE_APPLIED_FOR] });
        expect(plan.cacheRules).toEqual([
            { host: "public.ecr.aws", upstreamRegistryUrl: "public.ecr.aws", ecrRepositoryPrefix: "platform-prod/ecr-public" },
            { host: "registry.k8s.io", upstreamRegistryUrl: "registry.k8s.io", ecrRepositoryPrefix: "platform-prod/k8s" },
            { host: "quay.io", upstreamRegistryUrl: "quay.io", ecrRepositoryPrefix: "platform-prod/quay" },
            {
                host: "docker.io",
                upstreamRegistryUrl: "registry-1.docker.io",
                ecrRepositoryPrefix: "platform-prod/docker-hub",
                credentialArn: DOCKER,
            },
            { host: "ghcr.io", upstreamRegistryUrl: "ghcr.io", ecrRepositoryPrefix: "platform-prod/ghcr", credentialArn: GHCR },
        ]);
        // The registry's host is known (aws:allowedAccountIds), so the hand-over names each mirror.
        expect(plan.imageMirror).toEqual({
            "public.ecr.aws": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-prod/ecr-public",
            "registry.k8s.io": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-prod/k8s",
            "quay.io": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-prod/quay",
            "docker.io": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-prod/docker-hub",
            "ghcr.io": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-prod/ghcr",
        });
        expect(plan.notMirrored).toEqual([]);
    });

    test("an upstream needing credentials without a secret is not mirrored, and the plan says why", () => {
        const plan = planRegistry(config("aws-prod", { eks: {} }))!;
        expect(plan.cacheRules.map((r) => r.host)).toEqual(["public.ecr.aws", "registry.k8s.io", "quay.io"]);
        expect(Object.keys(plan.imageMirror)).toEqual(["public.ecr.aws", "registry.k8s.io", "quay.io"]);
        expect(plan.notMirrored.map((n) => n.host)).toEqual(["docker.io", "ghcr.io"]);
        expect(plan.notMirrored[0].reason).toContain('no eks.registry.upstreamCredentials["docker.io"] secret');
    });

    test("aws-dev: the registry without mirrors (registry.mirror false in dev); repositories as configured", () => {
        const plan = planRegistry(config("aws-dev"))!;
        expect(plan.cacheRules).toEqual([]);
        expect(plan.imageMirror).toEqual({});
        expect(plan.notMirrored).toEqual([]);
        const custom = planRegistry(
            config("aws-dev", { eks: { registry: { repositories: ["apps", "apps", "tools"], tagMutability: "MUTABLE" } } }),
        )!;
        expect([custom.repositories, custom.tagMutability]).toEqual([["platform-dev/apps", "platform-dev/tools"], "MUTABLE"]);
    });

    test("mirror on without a known account: caches are created, but the hand-over names no mirror and the plan says so", () => {
        const plan = planRegistry(config("aws-dev", { registry: { mirror: true } }))!;
        expect(nonEmpty(plan.cacheRules).length).toBe(3);
        expect(plan.imageMirror).toEqual({});
        expect(plan.notMirrored.at(-1)?.reason).toContain("aws:allowedAccountIds names one account");
    });

    test("registry.enabled false: no registry", () => {
        expect(planRegistry(config("aws-dev", { registry: { enabled: false } }))).toBeUndefined();
    });
});

describe("eks.registry config", () => {
    const key = (k: string) => `hardened-cluster:${k}`;

    test("a credentials secret must be a Secrets Manager ARN named ecr-pullthroughcache/..., in the stack's region", () => {
        const bad = (arn: string) => problems(raw("aws-prod", { eks: { registry: { upstreamCredentials: { "docker.io": arn } } } }));
        expect(bad("arn:aws:secretsmanager:eu-west-1:123456789012:secret:dockerhub-AbCdEf")).toEqual([
            {
                key: key("eks.registry.upstreamCredentials.docker.io"),
                allowed: expect.stringContaining("a Secrets Manager secret ARN whose name starts with ecr-pullthroughcache/"),
            },
        ]);
        expect(bad("not-an-arn")[0].allowed).toContain("ecr-pullthroughcache/");
        expect(bad("arn:aws:secretsmanager:us-east-1:123456789012:secret:ecr-pullthroughcache/docker-hub-AbCdEf")[0].allowed).toBe(
            "a secret in the stack's region eu-west-1: ECR reads pull-through credentials from its own region",
        );
    });

    test("only docker.io and ghcr.io take credentials", () => {
        const found = problems(raw("aws-prod", { eks: { registry: { upstreamCredentials: { "quay.io": DOCKER } } } }));
        expect(nonEmpty(found)[0].allowed).toContain("docker.io, ghcr.io");
    });

    test("MUTABLE tags only in dev", () => {
        expect(problems(raw("aws-dev", { eks: { registry: { tagMutability: "MUTABLE" } } }))).toEqual([]);
        expect(problems(raw("aws-prod", { eks: { registry: { tagMutability: "MUTABLE" } } }))).toEqual([
            { key: key("eks.registry.tagMutability"), allowed: "IMMUTABLE in prod: MUTABLE tags are accepted in dev only" },
        ]);
    });

    test("a cluster name too long for ECR's 30-character cache prefixes is refused while mirroring", () => {
        const long = "platform-production-eu"; // 22 + "/ecr-public" = 33
        expect(problems(raw("aws-prod", { clusterName: long })).map((p) => p.key)).toContain(key("registry.mirror"));
        expect(problems(raw("aws-prod", { clusterName: long, registry: { mirror: false } }))).toEqual([]);
    });
});

describe("registry policy documents", () => {
    test("the key is used by the account only through ECR in the region; the root administers it", () => {
        const doc = registryKeyPolicy("aws", "123456789012", "eu-west-1");
        expect(doc.Statement.map((s) => s.Sid)).toEqual(["AccountAdministersKey", "AccountUsesKeyThroughEcr"]);
        expect(doc.Statement[0].Action).not.toContain("kms:Decrypt");
        expect(doc.Statement[1].Condition).toEqual({
            StringEquals: { "kms:CallerAccount": "123456789012", "kms:ViaService": "ecr.eu-west-1.amazonaws.com" },
        });
    });

    test("nodes import only into the cache prefixes; the template role creates only under the namespace", () => {
        const arns = ["arn:aws:ecr:eu-west-1:123456789012:repository/platform-prod/k8s/*"];
        expect(pullThroughImportPolicy(arns).Statement).toEqual([
            {
                Sid: "ImportIntoCacheRepositories",
                Effect: "Allow",
                Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
                Resource: arns,
            },
        ]);
        const role = creationTemplateRolePolicy(
            "arn:aws:ecr:eu-west-1:123456789012:repository/platform-prod/*",
            "arn:aws:kms:eu-west-1:123456789012:key/k",
        );
        expect(role.Statement.map((s) => [s.Action, s.Resource])).toEqual([
            [["ecr:CreateRepository", "ecr:TagResource"], ["arn:aws:ecr:eu-west-1:123456789012:repository/platform-prod/*"]],
            [["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"], ["arn:aws:kms:eu-west-1:123456789012:key/k"]],
        ]);
    });

    test("the lifecycle policy expires untagged images only", () => {
        const rules = (JSON.parse(registryLifecyclePolicy()) as { rules: { selection: { tagStatus: string } }[] }).rules;
        expect(nonEmpty(rules).map((r) => r.selection.tagStatus)).toEqual(["untagged"]);
    });
});
