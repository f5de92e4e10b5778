import { nonEmpty } from "../harness/non-empty";
import * as gcp from "@pulumi/gcp";
import * as k8s from "@pulumi/kubernetes";
import { exceptionAnnotationKey, formatCarriedException } from "../../core/exception-format";
import { CapturedResource, runProgram } from "../harness";
import { passes, violations } from "../harness/policies";
import { runBaseline, testConfig } from "./fixture";
import { evaluate, statuses } from "./policy-helpers";

/** One object, registered through the provider SDK's class, captured. */
async function capture(build: () => void): Promise<CapturedResource[]> {
    return (await runProgram(build)).resources;
}

const inAYear = (days: number) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
const validException = (control: string) => ({
    [exceptionAnnotationKey(control)]: formatCarriedException({
        expires: inAYear(90),
        approver: "jane@example.com",
        reason: "reviewed: public API gateway for payments",
    }),
});

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runBaseline(testConfig())).resources;
    dev = (await runBaseline(testConfig({ environment: "dev" }))).resources;
});

/** Outcomes keyed by the resource's name, so the test does not depend on registration order. */
const byResource = (outcomes: readonly { urn?: string; status: string; message?: string }[]) =>
    Object.fromEntries(outcomes.map((o) => [o.urn?.split("::").pop(), o.message ?? o.status]));

const without = (resources: readonly CapturedResource[], name: string) => resources.filter((r) => r.name !== name);

describe("blueprint passes every object policy", () => {
    test.each([
        ["kubernetes-namespace-require-psa-enforce", 3],
        ["kubernetes-namespace-require-default-deny", 1],
        ["kubernetes-namespace-require-resource-quota", 1],
        ["kubernetes-rbac-restrict-cluster-admin", 7, { adminGroups: ["platform:admins"] }],
        ["kubernetes-rbac-deny-wildcard-rules", 1],
        ["kubernetes-admission-require-fail-closed", 6],
        ["kubernetes-storageclass-require-encryption", 1],
        ["kubernetes-stack-require-image-signature-verification", 1],
        ["kubernetes-stack-require-runtime-defence", 1],
        ["kubernetes-serviceaccount-deny-default-automount", 2],
    ])("%s", async (name: string, expectedPasses: number, settings: Record<string, unknown> = {}) => {
        const outcomes = await evaluate(name, prod, settings);
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, name)).toHaveLength(expectedPasses);
    });

    test("the privileged platform namespaces (Falco, and the prod mesh's istio-system) are waived by their reviewed exceptions, not passed", async () => {
        const outcomes = await evaluate("kubernetes-namespace-require-psa-enforce", prod);
        const waived = outcomes.filter((o) => o.status === "waived");
        expect(waived.map((o) => o.urn?.split("::").pop()).sort()).toEqual(["test-baseline-mesh-ns", "test-baseline-runtime-ns"]);
        for (const o of nonEmpty(waived))
            expect(o.message).toContain(
                "waived by exception (annotation exceptions.hardened-cluster.io/HC-ISO-01; approved by platform-security",
            );
    });

    test("workload and service policies have nothing to check on the baseline", async () => {
        for (const name of ["kubernetes-workload-deny-privileged", "kubernetes-service-deny-external-types"]) {
            expect(await evaluate(name, prod)).toEqual([]);
        }
    });
});

describe("insecure variants fail", () => {
    test("Service of type LoadBalancer; ClusterIP passes; a reviewed exception waives", async () => {
        const resources = await capture(() => {
            new k8s.core.v1.Service("lb", {
                metadata: { name: "web", namespace: "payments" },
                spec: { type: "LoadBalancer", ports: [{ port: 443 }] },
            });
            new k8s.core.v1.Service("internal", {
                metadata: { name: "api", namespace: "payments" },
                spec: { type: "ClusterIP", ports: [{ port: 80 }] },
            });
            new k8s.core.v1.Service("excepted", {
                metadata: { name: "gateway", namespace: "payments", annotations: validException("HC-NET-05") },
                spec: { type: "NodePort", ports: [{ port: 80 }] },
            });
        });
        const outcomes = await evaluate("kubernetes-service-deny-external-types", resources);
        expect(byResource(outcomes)).toEqual({
            lb: "[HC-NET-05] Service payments/web has type LoadBalancer; use ClusterIP behind the platform ingress, or carry a reviewed exception for HC-NET-05",
            internal: "pass",
            excepted: expect.stringContaining(
                "[HC-NET-05] waived by exception (annotation exceptions.hardened-cluster.io/HC-NET-05; approved by jane@example.com",
            ),
        });
        expect(outcomes.find((o) => o.urn?.endsWith("::excepted"))?.status).toBe("waived");
    });

    test("namespace without PSA enforce, or privileged without exception", async () => {
        const resources = await capture(() => {
            new k8s.core.v1.Namespace("bare", { metadata: { name: "bare" } });
            new k8s.core.v1.Namespace("priv", {
                metadata: { name: "priv", labels: { "pod-security.kubernetes.io/enforce": "privileged" } },
            });
            new k8s.core.v1.Namespace("expired", {
                metadata: {
                    name: "expired",
                    labels: { "pod-security.kubernetes.io/enforce": "privileged" },
                    annotations: {
                        [exceptionAnnotationKey("HC-ISO-01")]: formatCarriedException({
                            expires: "2020-01-31",
                            approver: "jane",
                            reason: "old agent exception",
                        }),
                    },
                },
            });
        });
        const messages = violations(await evaluate("kubernetes-namespace-require-psa-enforce", resources)).map((v) => v.message);
        expect(messages).toHaveLength(3);
        expect(messages).toEqual(
            expect.arrayContaining([
                "[HC-ISO-01] Namespace bare has no pod-security.kubernetes.io/enforce label; set it to restricted",
                expect.stringContaining("[HC-ISO-01] Namespace priv enforces the privileged Pod Security level"),
                expect.stringContaining(
                    "(exception not applied: annotation exceptions.hardened-cluster.io/HC-ISO-01: expired on 2020-01-31",
                ),
            ]),
        );
    });

    test("tenant namespace without default-deny NetworkPolicy", async () => {
        const outcomes = await evaluate(
            "kubernetes-namespace-require-default-deny",
            without(prod, "test-baseline-tenant-payments-default-deny"),
        );
        expect(violations(outcomes).map((v) => v.message)).toEqual([
            "[HC-ISO-02] Namespace payments has no default-deny NetworkPolicy for Ingress and Egress; add one with podSelector {} and policyTypes [Ingress, Egress] and no rules",
        ]);
    });

    test("a NetworkPolicy that allows something is not a default deny", async () => {
        const resources = await capture(() => {
            const ns = new k8s.core.v1.Namespace("team", {
                metadata: { name: "team", labels: { "pod-security.kubernetes.io/enforce": "restricted" } },
            });
            new k8s.networking.v1.NetworkPolicy("allow-all", {
                metadata: { name: "allow-all", namespace: ns.metadata.name },
                spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{}], egress: [{}] },
            });
            new k8s.networking.v1.NetworkPolicy("deny-ingress", {
                metadata: { name: "deny-ingress", namespace: "team" },
                spec: { podSelector: {}, policyTypes: ["Ingress"] },
            });
        });
        expect(violations(await evaluate("kubernetes-namespace-require-default-deny", resources)).map((v) => v.message)).toEqual([
            expect.stringContaining("Namespace team has no default-deny NetworkPolicy for Egress"),
        ]);
    });

    test("tenant namespace without ResourceQuota", async () => {
        const outcomes = await evaluate("kubernetes-namespace-require-resource-quota", without(prod, "test-baseline-tenant-search-quota"));
        expect(violations(outcomes).map((v) => v.message)).toEqual([
            "[HC-ISO-03] Namespace search has no ResourceQuota; add one with hard limits for cpu, memory and pods",
        ]);
    });

    test("Role and ClusterRole rules with wildcards; explicit rules pass", async () => {
        const resources = await capture(() => {
            new k8s.rbac.v1.Role("reader", {
                metadata: { name: "reader", namespace: "payments" },
                rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }],
            });
            new k8s.rbac.v1.ClusterRole("god", {
                metadata: { name: "god" },
                rules: [
                    { apiGroups: [""], resources: ["pods"], verbs: ["get"] },
                    { apiGroups: ["*"], resources: ["*"], verbs: ["*"] },
                ],
            });
        });
        expect(byResource(await evaluate("kubernetes-rbac-deny-wildcard-rules", resources))).toEqual({
            reader: "pass",
            god: '[HC-RBAC-01] ClusterRole god rule 2 has "*" in verbs, resources, apiGroups; list the exact verbs, resources, apiGroups the role needs',
        });
    });

    test("cluster-admin is judged by who holds it: a ServiceAccount, a RoleBinding, a group not in adminGroups, no adminGroups at all", async () => {
        const resources = await capture(() => {
            const roleRef = { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" };
            new k8s.rbac.v1.ClusterRoleBinding("ci", {
                metadata: { name: "ci-admin" },
                roleRef,
                subjects: [{ kind: "ServiceAccount", name: "deployer", namespace: "ci" }],
            });
            new k8s.rbac.v1.RoleBinding("ns-admin", {
                metadata: { name: "ns-admin", namespace: "payments" },
                roleRef,
                subjects: [{ kind: "Group", name: "team:payments" }],
            });
        });
        const messages = violations(
            await evaluate("kubernetes-rbac-restrict-cluster-admin", resources, { adminGroups: ["platform:admins"] }),
        ).map((v) => v.message);
        expect(messages).toHaveLength(2);
        expect(messages).toEqual(
            expect.arrayContaining([
                "[HC-RBAC-02] ClusterRoleBinding ci-admin grants cluster-admin to ServiceAccount ci/deployer; only the platform admin groups may hold cluster-admin",
                "[HC-RBAC-02] RoleBinding payments/ns-admin grants cluster-admin inside a namespace; bind the admin, edit or view ClusterRole instead",
            ]),
        );
        const strict = await evaluate("kubernetes-rbac-restrict-cluster-admin", prod, { adminGroups: ["someone:else"] });
        expect(violations(strict).map((v) => v.message)).toEqual([
            "[HC-RBAC-02] ClusterRoleBinding hardened-platform-admins grants cluster-admin to groups platform:admins not listed in adminGroups (someone:else); bind a narrower role, or add the group to adminGroups after review",
        ]);
        // Unset adminGroups (the default) refuses even the baseline's own binding: the pack, not the program, names the admins.
        expect(violations(await evaluate("kubernetes-rbac-restrict-cluster-admin", prod)).map((v) => v.message)).toEqual([
            "[HC-RBAC-02] ClusterRoleBinding hardened-platform-admins grants cluster-admin to groups platform:admins, but no adminGroups are configured: list the platform admin groups in the kubernetes-hardening pack config's adminGroups",
        ]);
    });

    test("admission: Warn-only bindings fail unless allowWarn (dev); failurePolicy Ignore fails", async () => {
        const strict = violations(await evaluate("kubernetes-admission-require-fail-closed", dev));
        expect(strict).toHaveLength(3);
        expect(strict[0].message).toMatch(
            /^\[HC-ADM-01\] ValidatingAdmissionPolicyBinding hardened-[a-z-]+-binding has validationActions \[Warn, Audit\]; set validationActions to \[Deny\]$/,
        );
        expect(violations(await evaluate("kubernetes-admission-require-fail-closed", dev, { allowWarn: true }))).toEqual([]);
        const resources = await capture(() => {
            new k8s.admissionregistration.v1.ValidatingAdmissionPolicy("lenient", {
                metadata: { name: "lenient" },
                spec: { failurePolicy: "Ignore", validations: [{ expression: "true" }] },
            });
        });
        expect(violations(await evaluate("kubernetes-admission-require-fail-closed", resources)).map((v) => v.message)).toEqual([
            "[HC-ADM-01] ValidatingAdmissionPolicy lenient has failurePolicy Ignore; set failurePolicy to Fail so an evaluation error rejects the request",
        ]);
    });

    test("StorageClass: unencrypted EBS and unknown provisioners fail, GCE PD and Azure Disk pass", async () => {
        const resources = await capture(() => {
            new k8s.storage.v1.StorageClass("ebs-plain", {
                metadata: { name: "gp3" },
                provisioner: "ebs.csi.aws.com",
                parameters: { type: "gp3" },
            });
            new k8s.storage.v1.StorageClass("pd", {
                metadata: { name: "pd" },
                provisioner: "pd.csi.storage.gke.io",
                parameters: { type: "pd-balanced" },
            });
            new k8s.storage.v1.StorageClass("disk", { metadata: { name: "disk" }, provisioner: "disk.csi.azure.com" });
            new k8s.storage.v1.StorageClass("nfs", { metadata: { name: "nfs" }, provisioner: "example.com/nfs" });
        });
        const outcomes = byResource(await evaluate("kubernetes-storageclass-require-encryption", resources));
        expect(outcomes).toEqual({
            "ebs-plain":
                '[HC-DATA-01] StorageClass gp3 (ebs.csi.aws.com) has parameters.encrypted null; set parameters.encrypted to "true" and kmsKeyId to the cluster key',
            pd: "pass",
            disk: "pass",
            nfs: expect.stringContaining('StorageClass nfs uses provisioner "example.com/nfs", whose encryption this policy cannot check'),
        });
    });

    test("no signature verification: cloud-verified baseline passes on GKE only when Binary Authorization requires attestations", async () => {
        const cloud = (await runBaseline(testConfig(), { imageVerification: "cloud" })).resources;
        const NAME = "kubernetes-stack-require-image-signature-verification";
        const missing = "a policy-controller Helm release and a ClusterImagePolicy missing";
        const fix =
            "keep the baseline's image signatures on, or on GKE enforce Binary Authorization with a policy that requires attestations";
        expect(violations(await evaluate(NAME, cloud)).map((v) => v.message)).toEqual([
            `[HC-SUP-04] the stack runs Kubernetes but verifies no image signatures: ${missing}; ${fix}`,
        ]);
        const attestor = "projects/acme/attestors/release";
        const gke = (rule: Record<string, unknown>, patterns: { namePattern: string }[] = []) =>
            capture(() => {
                new gcp.container.Cluster("gke", {
                    location: "europe-west1",
                    binaryAuthorization: { evaluationMode: "PROJECT_SINGLETON_POLICY_ENFORCE" },
                });
                new gcp.binaryauthorization.Policy("binauthz", {
                    defaultAdmissionRule: rule as unknown as gcp.types.input.binaryauthorization.PolicyDefaultAdmissionRule,
                    admissionWhitelistPatterns: patterns,
                });
            });
        const enforced = {
            evaluationMode: "REQUIRE_ATTESTATION",
            enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
            requireAttestationsBies: [attestor],
        };
        expect(statuses(await evaluate(NAME, [...cloud, ...(await gke(enforced))]))).toEqual(["pass"]);
        const failing: [Record<string, unknown>, { namePattern: string }[], string, Record<string, unknown>][] = [
            [
                { evaluationMode: "ALWAYS_DENY", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
                [{ namePattern: "ghcr.io/acme/**" }],
                "Binary Authorization policy binauthz requires no attestor",
                {},
            ],
            [{ ...enforced, requireAttestationsBies: [] }, [], "Binary Authorization policy binauthz requires no attestor", {}],
            [
                { ...enforced, enforcementMode: "DRYRUN_AUDIT_LOG_ONLY" },
                [],
                "Binary Authorization policy binauthz does not enforce its attestations (DRYRUN_AUDIT_LOG_ONLY)",
                {},
            ],
            [
                enforced,
                [{ namePattern: "ghcr.io/acme/**" }],
                "Binary Authorization policy binauthz exempts images from attestation through admissionWhitelistPatterns",
                {},
            ],
        ];
        for (const [rule, patterns, why, config] of nonEmpty(failing)) {
            const messages = violations(await evaluate(NAME, [...cloud, ...(await gke(rule, patterns))], config)).map((v) => v.message);
            expect(messages).toEqual([expect.stringContaining(`${missing} (${why}); ${fix}`)]);
        }
        // Dev (allowWarn) accepts the dry run, as it accepts a ClusterImagePolicy in warn mode.
        const dryRun = await gke({ ...enforced, enforcementMode: "DRYRUN_AUDIT_LOG_ONLY" });
        expect(statuses(await evaluate(NAME, [...cloud, ...dryRun], { allowWarn: true }))).toEqual(["pass"]);
        // The cluster alone: the project's policy is not in the stack, so nothing shows it checks signatures.
        const clusterOnly = (await gke(enforced)).filter((r) => r.type === "gcp:container/cluster:Cluster");
        expect(violations(await evaluate(NAME, [...cloud, ...clusterOnly])).map((v) => v.message)).toEqual([
            expect.stringContaining("GKE enforces a Binary Authorization policy that is not in the stack"),
        ]);
    });

    test("ClusterImagePolicy in warn mode fails unless allowWarn; one created before its CRD's release fails", async () => {
        const warn = violations(await evaluate("kubernetes-stack-require-image-signature-verification", dev));
        expect(warn.map((v) => v.message)).toEqual([
            "[HC-SUP-04] ClusterImagePolicy test-baseline-image-signatures-policy is in warn mode; set mode to enforce",
        ]);
        expect(violations(await evaluate("kubernetes-stack-require-image-signature-verification", dev, { allowWarn: true }))).toEqual([]);
        const unordered = prod.map((r) => (r.type.endsWith(":ClusterImagePolicy") ? { ...r, dependencies: [] } : r));
        expect(
            violations(await evaluate("kubernetes-stack-require-image-signature-verification", unordered)).map((v) => v.message),
        ).toEqual([
            "[HC-SUP-04] ClusterImagePolicy test-baseline-image-signatures-policy does not depend on the policy-controller release that installs its CRD; add dependsOn the release",
        ]);
    });

    test("runtime defence switched off", async () => {
        const off = (await runBaseline(testConfig({ baseline: { runtimeDefence: false } }))).resources;
        expect(violations(await evaluate("kubernetes-stack-require-runtime-defence", off)).map((v) => v.message)).toEqual([
            "[HC-RUN-02] the stack runs Kubernetes without runtime threat detection: no falco Helm release; set hardened-cluster:baseline.runtimeDefence to true",
        ]);
    });

    test("an unpinned falco chart fails", async () => {
        const unpinned = prod.map((r) => {
            if (!r.name.endsWith("-runtime-falco")) return r;
            const props = { ...r.props };
            delete props["version"];
            return { ...r, props };
        });
        expect(violations(await evaluate("kubernetes-stack-require-runtime-defence", unpinned)).map((v) => v.message)).toEqual([
            "[HC-RUN-02] Release test-baseline-runtime-falco does not pin an exact chart version (version null); pin the falco chart version",
        ]);
    });

    test("default ServiceAccount that automounts its token", async () => {
        const resources = await capture(() => {
            new k8s.core.v1.ServiceAccount("sa-default", { metadata: { name: "default", namespace: "payments" } });
            new k8s.core.v1.ServiceAccountPatch("sa-patch", {
                metadata: { name: "default", namespace: "search" },
                automountServiceAccountToken: true,
            });
            new k8s.core.v1.ServiceAccount("sa-app", { metadata: { name: "app", namespace: "payments" } });
        });
        const outcomes = byResource(await evaluate("kubernetes-serviceaccount-deny-default-automount", resources));
        expect(outcomes).toEqual({
            "sa-default": "[HC-SA-01] ServiceAccount payments/default has automountServiceAccountToken unset (true); set it to false",
            "sa-patch": "[HC-SA-01] ServiceAccount search/default has automountServiceAccountToken true; set it to false",
            "sa-app": "pass",
        });
    });
});
