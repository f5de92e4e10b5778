import { trustedRegistryValidation } from "../../core/admission-cel";
import { TENANT_NAMESPACE_LABEL } from "../../core/kubernetes-labels";
import { TenantSpec } from "../../config/types";
import { listStacks, readStackConfig } from "../../tools/mock/stack-files";
import { runStack } from "../harness";
import {
    applyStack,
    ApplyResult,
    FIELD_MANAGER,
    policyTypeChecking,
    resetCluster,
    waitForDefaultServiceAccounts,
    waitForQuotaStatus,
} from "./apply";
import { admissionFindings, AdmissionIntent } from "./checks/admission";
import { podSecurityFindings } from "./checks/pod-security";
import { quotaFindings } from "./checks/quota";
import {
    accessExpectations,
    accessModel,
    anonymousRequestFindings,
    auditFindings,
    editsIn,
    impersonatedFindings,
    rbacFindings,
} from "./checks/rbac";
import { CheckResult, describeFindings } from "./findings";
import { controlFromEnvironment, Kubectl } from "./kubectl";
import { Json, StackManifests, stackManifests, StackObject } from "./manifests";
import { probeDeployment, trustedImage } from "./probes";
import { stackIntent, StackIntent, tierStacks } from "./stack-intent";
import { adminBinding, auditOnly, weakeningFromEnvironment, weakenManifests, withoutPsaLabels, withUndefinedField } from "./weaken";

/**
 * The API server tier: for every shipped stack, the Kubernetes objects of its mock run are applied to a
 * real kube-apiserver (started by scripts/control-plane.sh) and the six checks of the tier run against
 * it. Stacks run one after another on the same control plane, each from a clean state.
 */
const kubectl = new Kubectl(controlFromEnvironment());
const weakening = weakeningFromEnvironment(process.env.HC_TIER_WEAKEN);
const report: string[] = [];
let previouslyApplied: StackObject[] = [];

afterAll(() => {
    process.stdout.write(`\n${report.join("\n")}\n`);
});

function expectClean(result: CheckResult): void {
    expect(result.probes).toBeGreaterThan(0);
    expect(describeFindings(result.findings)).toEqual([]);
}

/**
 * For checks right after an apply: admission plugins and the authorizer see new objects through informers,
 * a moment after the write. A real defect persists and fails after the wait; returns the clean result.
 */
function expectEventuallyClean<T extends CheckResult>(check: () => T, seconds = 20): T {
    const deadline = Date.now() + seconds * 1000;
    let result = check();
    while (result.findings.length > 0 && Date.now() < deadline) {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
        result = check();
    }
    expectClean(result);
    return result;
}

test("the tier covers every shipped stack (baseline-layer stacks through their cluster stack)", () => {
    const stacks = tierStacks();
    expect(stacks.length).toBeGreaterThan(0);
    expect(listStacks().filter((s) => !stacks.includes(s) && !stacks.includes(s.replace(/-baseline$/, "")))).toEqual([]);
});

/**
 * One server for every stack: the clusters the blueprint builds all run 1.35 (1.34 has left standard support or
 * leaves it on 2026-12-02, core/kubernetes-support.ts). The server is the oldest minor the stacks use, and no stack
 * is more than one minor ahead of it (a minor that removes no API version accepts what the one before it accepts).
 * Bump the tier's pins with the oldest stack.
 */
test("the server is the oldest minor the stacks use, and no stack is more than one minor ahead", () => {
    const server = kubectl.json<{ serverVersion: { gitVersion: string } }>(["version"]).serverVersion.gitVersion;
    // The clusters the blueprint builds; a baseline on an existing cluster may run an older minor (its objects
    // are applied to this server all the same, as they would be to a cluster one minor newer).
    const built = tierStacks().filter((s) => readStackConfig(s)["hardened-cluster:existingCluster"] === undefined);
    const minor = (version: string) => Number(version.split(".")[1]);
    const wanted = [...new Set(built.map((s) => stackIntent(s).config.kubernetesVersion))].sort((a, b) => minor(a) - minor(b));
    expect(wanted.length).toBeGreaterThan(0);
    expect(server.startsWith(`v${wanted[0]}.`)).toBe(true);
    expect(wanted.filter((v) => minor(v) - minor(wanted[0]) > 1)).toEqual([]);
});

interface Tenant {
    readonly spec: TenantSpec;
    readonly namespace: string;
}

interface StackRun {
    readonly intent: StackIntent;
    readonly manifests: StackManifests;
    readonly apply: ApplyResult;
    readonly tenants: Tenant[];
    readonly startedAt: Date;
}

const labelsOf = (o: StackObject) => ((o.manifest.metadata as Json).labels ?? {}) as Record<string, string>;
const isTenantNamespace = (o: StackObject) => o.kind === "Namespace" && labelsOf(o)[TENANT_NAMESPACE_LABEL] !== undefined;

describe.each(tierStacks())("stack %s against kube-apiserver", (stack) => {
    let run: StackRun;

    beforeAll(async () => {
        resetCluster(kubectl, previouslyApplied);
        const startedAt = new Date(Date.now() - 1000);
        const intent = stackIntent(stack);
        const { resources } = await runStack(stack);
        let manifests = stackManifests(resources);
        if (weakening) manifests = weakenManifests(manifests, weakening, isTenantNamespace);
        const apply = applyStack(kubectl, manifests);
        previouslyApplied = apply.applied;
        waitForDefaultServiceAccounts(kubectl, apply.applied);
        waitForQuotaStatus(kubectl, apply.applied);
        const tenants = intent.config.tenants.map((spec) => {
            const namespace = apply.applied.find((o) => isTenantNamespace(o) && labelsOf(o)[TENANT_NAMESPACE_LABEL] === spec.name);
            if (!namespace)
                throw new Error(`${stack}: tenant ${spec.name} has no applied namespace labelled ${TENANT_NAMESPACE_LABEL}=${spec.name}`);
            return { spec, namespace: namespace.name };
        });
        run = { intent, manifests, apply, tenants, startedAt };
        report.push(`== ${stack}: ${apply.applied.length} objects applied; not applied: ${apply.notApplied.length}`);
        for (const n of apply.notApplied) report.push(`   not applied: ${n.type} ${n.urn.split("::").pop()}: ${n.reason}`);
    }, 600_000);

    const image = () => trustedImage(run.intent.config.trustedRegistries);
    const admissionIntent = (): AdmissionIntent => ({
        mode: run.intent.config.admission.mode,
        trustedRegistries: run.intent.config.trustedRegistries,
        requireImageDigest: run.intent.config.admission.requireImageDigest,
    });

    test("1. every Kubernetes object is accepted by server-side apply; the policies type-check without warnings", () => {
        expect(run.manifests.objects.length).toBeGreaterThan(0);
        expectClean(run.apply);
        expect(run.apply.applied.map((o) => o.urn)).toEqual(
            run.manifests.objects.filter((o) => !run.apply.notApplied.some((n) => n.urn === o.urn)).map((o) => o.urn),
        );
        // Only kinds whose CRD is missing and provider-rendered releases are left out.
        for (const n of run.apply.notApplied) expect(n.reason).toMatch(/not served|rendered by the Kubernetes provider/);
        const typeChecking = policyTypeChecking(kubectl, run.apply.applied);
        report.push(`   ${typeChecking.probes} ValidatingAdmissionPolicies type-checked by the server`);
        expectClean(typeChecking);
    });

    test("2. Pod Security refuses privileged, host and root pods in every tenant namespace, admits a restricted pod", () => {
        expect(run.tenants.length).toBeGreaterThan(0);
        for (const tenant of run.tenants) {
            expectEventuallyClean(() => podSecurityFindings(kubectl, tenant.namespace, image(), run.intent.config.kubernetesVersion));
        }
    });

    test("3. the admission policies refuse (prod) or warn (dev) with their own messages, as the offline CEL predicts", () => {
        if (run.intent.config.environment === "prod") expect(run.intent.config.admission.mode).toBe("Deny");
        for (const tenant of run.tenants) {
            const result = expectEventuallyClean(() =>
                admissionFindings(kubectl, run.apply.applied, tenant.spec, tenant.namespace, admissionIntent()),
            );
            for (const o of result.outcomes) report.push(`   admission ${o.namespace}: ${o.probe}: ${o.verdict}`);
        }
    });

    test("4. RBAC: each mapped group can do what the blueprint grants and nothing more; unauthenticated gets nothing", async () => {
        const model = accessModel(run.apply.applied);
        expect(model.tenantNamespaces.length).toBeGreaterThan(0);
        const expectations = accessExpectations(model);
        const reviews = expectEventuallyClean(() => rbacFindings(kubectl, expectations));
        report.push(`   rbac: ${reviews.probes} access reviews for ${new Set(expectations.map((e) => e.who)).size} subjects`);
        expectClean(await anonymousRequestFindings(kubectl, ["default", "kube-system", ...model.tenantNamespaces]));
        const impersonated = impersonatedFindings(kubectl, model, (namespace) => probeDeployment("tier-impersonated", namespace, image()));
        expectClean(impersonated);
        expectClean(auditFindings(kubectl, impersonated.groups, run.startedAt));
    });

    test("5. quotas refuse a pod over the tenant's ResourceQuota; a container without requests gets the LimitRange defaults", () => {
        for (const tenant of run.tenants) expectEventuallyClean(() => quotaFindings(kubectl, run.apply.applied, tenant.namespace, image()));
    });

    test("6. negative controls: each weakened object makes its check fail, and restoring it makes the check pass", () => {
        const tenant = run.tenants[0];
        const namespace = run.apply.applied.find((o) => o.kind === "Namespace" && o.name === tenant.namespace)!;
        const version = run.intent.config.kubernetesVersion;
        const applyEdit = (manifest: Json) => expect(kubectl.apply(manifest, FIELD_MANAGER).error).toBe("");
        const remove = (...args: string[]) => expect(kubectl.run(["delete", ...args]).error).toBe("");
        const failsWith = (check: () => CheckResult, fragment: string) =>
            eventually(`the weakened check to report "${fragment}"`, check, (findings) => findings.some((f) => f.includes(fragment)));
        const passesAgain = (check: () => CheckResult) =>
            expect(eventually("the restored check to pass", check, (findings) => findings.length === 0)).toEqual([]);

        // A policy reading a field its kinds lack → the server's type check warns, and check 1 reports it.
        const broken = withUndefinedField(run.apply.applied.find((o) => o.kind === "ValidatingAdmissionPolicy")!);
        applyEdit(broken.manifest);
        failsWith(() => policyTypeChecking(kubectl, [broken]), "undefined field 'tierNoSuchField'");
        remove("validatingadmissionpolicy", broken.name);

        // Pod Security labels dropped from the tenant namespace → the privileged pod is admitted (dev: the
        // policies only warn) or refused by the blueprint's own policy instead of Pod Security (prod).
        const psaCheck = () => podSecurityFindings(kubectl, tenant.namespace, image(), version);
        applyEdit(withoutPsaLabels(namespace));
        failsWith(psaCheck, `pod-security: ${tenant.namespace}: privileged pod: `);
        applyEdit(namespace.manifest);
        passesAgain(psaCheck);

        // The image policy's binding switched to Audit → the untrusted image is neither refused nor warned about.
        const registryRule = trustedRegistryValidation(run.intent.config.trustedRegistries).message;
        const registryPolicy = run.apply.applied.find(
            (o) =>
                o.kind === "ValidatingAdmissionPolicy" &&
                (((o.manifest.spec as Json).validations ?? []) as { message: string }[]).some((v) => v.message.endsWith(registryRule)),
        );
        const binding = run.apply.applied.find(
            (o) => o.kind === "ValidatingAdmissionPolicyBinding" && (o.manifest.spec as Json).policyName === registryPolicy?.name,
        )!;
        expect(binding).toBeDefined();
        const admissionCheck = () => admissionFindings(kubectl, run.apply.applied, tenant.spec, tenant.namespace, admissionIntent());
        applyEdit(auditOnly(binding));
        failsWith(admissionCheck, "Deployment with an image from an untrusted registry");
        applyEdit(binding.manifest);
        passesAgain(admissionCheck);

        // The tenant's editors bound to `admin` → they can bind roles and change NetworkPolicies.
        const model = accessModel(run.apply.applied);
        const editors = [...model.namespaceRoles.keys()].find((group) => editsIn(model, group, tenant.namespace))!;
        expect(editors).toBeDefined();
        const rbacCheck = () => rbacFindings(kubectl, accessExpectations(model));
        applyEdit(adminBinding(tenant.namespace, editors));
        failsWith(rbacCheck, `rbac: ${editors}: can create rolebindings.rbac.authorization.k8s.io in ${tenant.namespace}`);
        remove("rolebinding", "tier-weakened-admin", "-n", tenant.namespace);
        passesAgain(rbacCheck);

        // The tenant's ResourceQuota deleted → the oversized pod is admitted.
        const quota = run.apply.applied.find((o) => o.kind === "ResourceQuota" && o.namespace === tenant.namespace)!;
        const quotaCheck = () => quotaFindings(kubectl, run.apply.applied, tenant.namespace, image());
        remove("resourcequota", quota.name, "-n", tenant.namespace);
        failsWith(quotaCheck, "was admitted");
        applyEdit(quota.manifest);
        waitForQuotaStatus(kubectl, [quota]);
        passesAgain(quotaCheck);
    });
});

/**
 * Runs a check until its findings satisfy `done`: edits reach admission and the authorizer through their
 * informers a moment after the write. Returns the findings as lines; on time-out, the last ones.
 */
function eventually(description: string, check: () => CheckResult, done: (findings: string[]) => boolean, seconds = 30): string[] {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
        const findings = describeFindings(check().findings);
        if (done(findings) || Date.now() > deadline) {
            if (!done(findings))
                throw new Error(`timed out after ${seconds}s waiting for ${description}; last findings: ${JSON.stringify(findings)}`);
            return findings;
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
}
