import { kubernetesSubjects } from "../../components/aws/access-plan";
import { planAccess } from "../../components/gcp/access-plan";
import { planAdmission } from "../../components/kubernetes/admission/plan";
import { CHARTS } from "../../components/kubernetes/charts";
import { COSIGN_NAMESPACE } from "../../components/kubernetes/image-signatures";
import { MONITORING_NAMESPACE } from "../../components/kubernetes/monitoring";
import { FALCO_NAMESPACE } from "../../components/kubernetes/runtime-defence";
import { rawConfigFrom } from "../../config/load";
import { HardenedConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { ADMISSION_POLICY_NAMES, PLATFORM_NAMESPACES } from "../../core/kubernetes-labels";
import { Environment, ENVIRONMENTS } from "../../core/vocabulary";
import { isUnderRepository } from "../../policypacks/kubernetes-hardening/rules/releases";
import { readStackConfig } from "../../tools/mock/stack-files";
import { planUnits } from "../../tools/mock/stack-runs";
import { readPackConfig } from "../../tools/policy/packs";
import { CapturedResource, inputsOf, runStack } from "../harness";
import { nonEmpty } from "../harness/non-empty";

/** A policy's settings in a shipped pack config. */
function settings(environment: Environment, policy: string): Record<string, unknown> {
    const entry = readPackConfig("kubernetes-hardening", environment)[policy];
    return typeof entry === "object" ? entry : {};
}

/**
 * The groups a stack's cloud maps its platform admins to, as the API server sees them: the cloud
 * components' subjects mapping (EKS access entries' kubernetesGroups, GKE's Google Group e-mails; AKS binds
 * the Entra group object ids of access.admins unchanged, components/azure/cluster.ts).
 */
function mappedAdminGroups(config: HardenedConfig): readonly string[] {
    switch (config.cloud) {
        case "aws":
            return kubernetesSubjects({ access: config.access, tenants: config.tenants }).admins;
        case "gcp":
            return planAccess(config).subjects.admins;
        case "azure":
            return config.access.admins;
    }
}

function clusterAdminGroups(resources: readonly CapturedResource[]): string[] {
    return resources
        .filter((r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding")
        .map(inputsOf)
        .filter((p) => (p["roleRef"] as { name?: string } | undefined)?.name === "cluster-admin")
        .flatMap((p) => (p["subjects"] as { kind: string; name: string }[]).filter((s) => s.kind === "Group").map((s) => s.name));
}

/**
 * The stack's environment and platform admin groups as the API server sees them. A baseline on an existing
 * cluster names Kubernetes groups directly (its cluster's own identity mapping); a cluster stack's are mapped.
 */
function stackAdmins(stack: string): { environment: Environment; admins: readonly string[] } {
    const raw = readStackConfig(stack);
    if (raw["hardened-cluster:existingCluster"] !== undefined) {
        const access = JSON.parse(raw["hardened-cluster:access"]) as { admins: string[] };
        return { environment: raw["hardened-cluster:environment"] as Environment, admins: access.admins };
    }
    const config = validateStackConfig(rawConfigFrom(raw));
    return { environment: config.environment, admins: mappedAdminGroups(config) };
}

// Every stack the plan runs: a paired baseline stack is run (and judged) with its cluster stack.
describe.each(planUnits())("the shipped kubernetes-hardening configs cover stack %s", (stack) => {
    const { environment: stackEnvironment, admins } = stackAdmins(stack);
    // Staging mirrors prod: its config must admit what the prod stacks need.
    const environments = stackEnvironment === "prod" ? (["staging", "prod"] as const) : [stackEnvironment];
    let resources: CapturedResource[];
    beforeAll(async () => {
        resources = (await runStack(stack)).resources;
    });

    test("adminGroups name the groups the stack's subjects mapping gives the platform admins, which the stack binds to cluster-admin", () => {
        const expected = admins;
        expect(expected.length).toBeGreaterThan(0);
        expect(clusterAdminGroups(resources).sort()).toEqual([...expected].sort());
        for (const environment of nonEmpty(environments)) {
            const adminGroups = (settings(environment, "kubernetes-rbac-restrict-cluster-admin")["adminGroups"] ?? []) as string[];
            expect({ environment, missing: expected.filter((g) => !adminGroups.includes(g)) }).toEqual({ environment, missing: [] });
        }
    });

    test("trustedChartRepositories list the repository of every Helm chart the stack installs", () => {
        const repos = resources
            .filter((r) => r.type === "kubernetes:helm.sh/v3:Release")
            .map((r) => (inputsOf(r)["repositoryOpts"] as { repo: string }).repo);
        expect(repos.length).toBeGreaterThan(0);
        for (const environment of nonEmpty(environments)) {
            const trusted = (settings(environment, "kubernetes-helm-release-require-trusted-chart")["trustedChartRepositories"] ??
                []) as string[];
            expect({ environment, untrusted: repos.filter((r) => !isUnderRepository(r, trusted)) }).toEqual({ environment, untrusted: [] });
        }
    });
});

describe("the pack's defaults and configs agree with the baseline", () => {
    test("every chart the baseline can install (in-cluster monitoring too) comes from a repository every environment trusts", () => {
        for (const environment of nonEmpty(ENVIRONMENTS)) {
            const trusted = (settings(environment, "kubernetes-helm-release-require-trusted-chart")["trustedChartRepositories"] ??
                []) as string[];
            expect({ environment, untrusted: Object.values(CHARTS).filter((c) => !isUnderRepository(c.repo, trusted)) }).toEqual({
                environment,
                untrusted: [],
            });
        }
    });

    test("requiredPolicies default to the baseline's admission policies, platformNamespaces to its platform namespaces", () => {
        const planned = planAdmission({ mode: "Deny", requireImageDigest: true, trustedRegistries: ["ghcr.io/acme/"] }).map(
            (p) => p.policyName,
        );
        expect([...planned].sort()).toEqual(Object.values(ADMISSION_POLICY_NAMES).sort());
        expect([...PLATFORM_NAMESPACES].sort()).toEqual([COSIGN_NAMESPACE, FALCO_NAMESPACE, MONITORING_NAMESPACE].sort());
    });

    test("only dev lowers the any-signer policy (to advisory); staging and prod keep it mandatory", () => {
        expect(readPackConfig("kubernetes-hardening", "dev")["kubernetes-imagepolicy-deny-any-signer"]).toBe("advisory");
        for (const environment of ["staging", "prod"] as const) {
            expect(readPackConfig("kubernetes-hardening", environment)["kubernetes-imagepolicy-deny-any-signer"]).toBeUndefined();
        }
    });
});
