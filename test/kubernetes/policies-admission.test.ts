import * as k8s from "@pulumi/kubernetes";
import { ADMISSION_POLICY_NAMES } from "../../core/kubernetes-labels";
import { CapturedResource } from "../harness";
import { passes, violations } from "../harness/policies";
import { assertApiValid, capture, edit, messages, statusesOf, unknownAt, without } from "./edits";
import { runBaseline, testConfig } from "./fixture";
import { evaluate } from "./policy-helpers";

let prod: CapturedResource[];
beforeAll(async () => {
    prod = (await runBaseline(testConfig())).resources;
});

async function added(build: () => void): Promise<CapturedResource[]> {
    const resources = await capture(build);
    expect(resources.length).toBeGreaterThan(0);
    assertApiValid(resources);
    return resources;
}

const POD_SECURITY = "test-baseline-admission-pod-security";
const BINDING = "ValidatingAdmissionPolicyBinding";
const POLICY = "ValidatingAdmissionPolicy";
const webhook = (name: string, failurePolicy?: string) => ({
    name,
    clientConfig: { service: { name: "webhook", namespace: "vendor" } },
    sideEffects: "None",
    admissionReviewVersions: ["v1"],
    ...(failurePolicy ? { failurePolicy } : {}),
});

describe("kubernetes-admission-require-fail-closed (HC-ADM-01)", () => {
    const NAME = "kubernetes-admission-require-fail-closed";

    test("wrong value: a prod binding switched to Audit, or to Warn", async () => {
        for (const actions of [["Audit"], ["Warn"]]) {
            expect(messages(await evaluate(NAME, edit(prod, POD_SECURITY, "spec.validationActions", actions, BINDING)))).toEqual([
                `[HC-ADM-01] ValidatingAdmissionPolicyBinding hardened-pod-security-binding has validationActions [${actions[0]}]; set validationActions to [Deny]`,
            ]);
        }
    });

    test("dev (allowWarn): Warn passes, Audit alone still fails", async () => {
        const audit = edit(prod, POD_SECURITY, "spec.validationActions", ["Audit"], BINDING);
        expect(messages(await evaluate(NAME, audit, { allowWarn: true }))).toEqual([
            "[HC-ADM-01] ValidatingAdmissionPolicyBinding hardened-pod-security-binding has validationActions [Audit]; set validationActions to [Deny] (or Warn in dev)",
        ]);
        expect(
            violations(await evaluate(NAME, edit(prod, POD_SECURITY, "spec.validationActions", ["Warn"], BINDING), { allowWarn: true })),
        ).toEqual([]);
    });

    test("unset: a binding without validationActions", async () => {
        expect(messages(await evaluate(NAME, edit(prod, POD_SECURITY, "spec.validationActions", undefined, BINDING)))).toEqual([
            "[HC-ADM-01] ValidatingAdmissionPolicyBinding hardened-pod-security-binding has validationActions []; set validationActions to [Deny]",
        ]);
    });

    test("a policy's failurePolicy Ignore fails; unset is the API's Fail and passes", async () => {
        expect(messages(await evaluate(NAME, edit(prod, POD_SECURITY, "spec.failurePolicy", "Ignore", POLICY)))).toEqual([
            "[HC-ADM-01] ValidatingAdmissionPolicy hardened-pod-security has failurePolicy Ignore; set failurePolicy to Fail so an evaluation error rejects the request",
        ]);
        expect(violations(await evaluate(NAME, edit(prod, POD_SECURITY, "spec.failurePolicy", undefined, POLICY)))).toEqual([]);
    });

    test("added: server-side-apply patches and a v1beta1 binding are judged on what they set", async () => {
        const resources = await capture(() => {
            new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBindingPatch("warn", {
                metadata: { name: "hardened-image-provenance-binding" },
                spec: { validationActions: ["Warn"] },
            });
            new k8s.admissionregistration.v1.ValidatingAdmissionPolicyPatch("ignore", {
                metadata: { name: "hardened-pod-security" },
                spec: { failurePolicy: "Ignore" },
            });
            new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBindingPatch("labels", {
                metadata: { name: "hardened-service-exposure-binding", labels: { team: "platform" } },
            });
            new k8s.admissionregistration.v1beta1.ValidatingAdmissionPolicyBinding("beta", {
                metadata: { name: "vendor-binding" },
                spec: { policyName: "vendor", validationActions: ["Audit"] },
            });
        });
        const outcomes = await evaluate(NAME, resources);
        expect(messages(outcomes).sort()).toEqual([
            "[HC-ADM-01] ValidatingAdmissionPolicy hardened-pod-security has failurePolicy Ignore; set failurePolicy to Fail so an evaluation error rejects the request",
            "[HC-ADM-01] ValidatingAdmissionPolicyBinding hardened-image-provenance-binding has validationActions [Warn]; set validationActions to [Deny]",
            "[HC-ADM-01] ValidatingAdmissionPolicyBinding vendor-binding has validationActions [Audit]; set validationActions to [Deny]",
        ]);
        expect(passes(outcomes, NAME)).toHaveLength(1);
    });

    test("preview: unknown validationActions are not evaluated", async () => {
        const outcomes = await evaluate(NAME, unknownAt(prod, POD_SECURITY, "spec.validationActions", BINDING));
        expect(outcomes.filter((o) => o.status === "not-evaluated")).toHaveLength(1);
    });
});

describe("kubernetes-webhook-require-fail-closed (HC-ADM-01)", () => {
    const NAME = "kubernetes-webhook-require-fail-closed";
    const RELEASE = "test-baseline-image-signatures-policy-controller";

    test("the baseline's releases pass (the policy-controller chart's default is Fail)", async () => {
        const outcomes = await evaluate(NAME, prod);
        expect(violations(outcomes)).toEqual([]);
        // policy-controller, Falco and the prod mesh's four Istio releases.
        expect(passes(outcomes, NAME)).toHaveLength(6);
    });

    test("wrong value: the signature controller's webhook set to Ignore through the release's values", async () => {
        expect(messages(await evaluate(NAME, edit(prod, RELEASE, "values.webhook.failurePolicy", "Ignore")))).toEqual([
            '[HC-ADM-01] Release test-baseline-image-signatures-policy-controller (chart policy-controller) sets values.webhook.failurePolicy to "Ignore", so its admission webhooks admit every request when the webhook is down; set it to "Fail" or leave it unset',
        ]);
    });

    test("added webhook configurations: Ignore; unset in v1beta1 (default Ignore); a patch to Ignore", async () => {
        const resources = await added(() => {
            new k8s.admissionregistration.v1.ValidatingWebhookConfiguration("vendor", {
                metadata: { name: "vendor-validating" },
                webhooks: [webhook("strict.vendor.example", "Fail"), webhook("lenient.vendor.example", "Ignore")],
            });
            new k8s.admissionregistration.v1beta1.MutatingWebhookConfiguration("legacy", {
                metadata: { name: "legacy-mutating" },
                webhooks: [webhook("legacy.vendor.example")],
            });
            new k8s.admissionregistration.v1.MutatingWebhookConfigurationPatch("soften", {
                metadata: { name: "defaulting.clusterimagepolicy.sigstore.dev" },
                webhooks: [{ name: "defaulting.clusterimagepolicy.sigstore.dev", failurePolicy: "Ignore" }],
            });
        });
        expect(messages(await evaluate(NAME, resources)).sort()).toEqual([
            "[HC-ADM-01] MutatingWebhookConfiguration defaulting.clusterimagepolicy.sigstore.dev webhook defaulting.clusterimagepolicy.sigstore.dev has failurePolicy Ignore, so it admits every request when the webhook is down; set failurePolicy to Fail",
            "[HC-ADM-01] MutatingWebhookConfiguration legacy-mutating webhook legacy.vendor.example has failurePolicy Ignore (unset: the v1beta1 default), so it admits every request when the webhook is down; set failurePolicy to Fail",
            "[HC-ADM-01] ValidatingWebhookConfiguration vendor-validating webhook lenient.vendor.example has failurePolicy Ignore, so it admits every request when the webhook is down; set failurePolicy to Fail",
        ]);
    });

    test("compliant: unset in v1 (default Fail), a patch that leaves failurePolicy alone, Fail in the chart values", async () => {
        const resources = await added(() => {
            new k8s.admissionregistration.v1.ValidatingWebhookConfiguration("v1-default", {
                metadata: { name: "v1-default" },
                webhooks: [webhook("default.vendor.example")],
            });
            new k8s.admissionregistration.v1.ValidatingWebhookConfigurationPatch("timeout", {
                metadata: { name: "validating.clusterimagepolicy.sigstore.dev" },
                webhooks: [{ name: "validating.clusterimagepolicy.sigstore.dev", timeoutSeconds: 10 }],
            });
        });
        const stack = [...edit(prod, RELEASE, "values.webhook.failurePolicy", "Fail"), ...resources];
        expect(violations(await evaluate(NAME, stack))).toEqual([]);
    });

    test("preview: unknown release values or webhook settings are not evaluated", async () => {
        expect(
            statusesOf(await evaluate(NAME, unknownAt(prod, RELEASE, "values")).then((o) => o.filter((x) => x.urn?.endsWith(RELEASE)))),
        ).toEqual(["not-evaluated"]);
        const resources = await added(() => {
            new k8s.admissionregistration.v1.ValidatingWebhookConfiguration("vendor", {
                metadata: { name: "vendor-validating" },
                webhooks: [webhook("a.vendor.example", "Fail")],
            });
        });
        expect(statusesOf(await evaluate(NAME, unknownAt(resources, "vendor", "webhooks.0.failurePolicy")))).toEqual(["not-evaluated"]);
    });
});

describe("kubernetes-admission-require-tenant-coverage (HC-ADM-02)", () => {
    const NAME = "kubernetes-admission-require-tenant-coverage";

    test("the baseline passes: three policies, each bound over both tenant namespaces", async () => {
        expect(Object.values(ADMISSION_POLICY_NAMES)).toHaveLength(3);
        expect(statusesOf(await evaluate(NAME, prod))).toEqual(["pass"]);
    });

    test("removed: a binding, or the policy and its binding", async () => {
        expect(messages(await evaluate(NAME, without(prod, POD_SECURITY, BINDING)))).toEqual([
            "[HC-ADM-02] ValidatingAdmissionPolicy hardened-pod-security has no ValidatingAdmissionPolicyBinding, so it enforces nothing; bind it (a binding with policyName hardened-pod-security)",
        ]);
        expect(messages(await evaluate(NAME, without(without(prod, POD_SECURITY, BINDING), POD_SECURITY, POLICY)))).toEqual([
            "[HC-ADM-02] ValidatingAdmissionPolicy hardened-pod-security is missing, so tenant namespaces payments, search are not guarded by it; keep the baseline's admission policies",
        ]);
    });

    test("wrong value: a binding selector that matches nothing", async () => {
        const stack = edit(
            prod,
            POD_SECURITY,
            "spec.matchResources.namespaceSelector",
            { matchLabels: { "hardened-cluster.io/tenant": "nobody" } },
            BINDING,
        );
        expect(messages(await evaluate(NAME, stack))).toEqual([
            '[HC-ADM-02] ValidatingAdmissionPolicy hardened-pod-security does not apply in tenant namespaces payments, search (ValidatingAdmissionPolicyBinding hardened-pod-security-binding: {"matchLabels":{"hardened-cluster.io/tenant":"nobody"}}); label every tenant namespace hardened-cluster.io/tenant and select it with the baseline\'s namespaceSelector',
        ]);
    });

    test("validations emptied, or replaced by the constant true", async () => {
        expect(messages(await evaluate(NAME, edit(prod, POD_SECURITY, "spec.validations", [], POLICY)))).toEqual([
            "[HC-ADM-02] ValidatingAdmissionPolicy hardened-pod-security has no validations, so it rejects nothing; restore its validations",
        ]);
        expect(messages(await evaluate(NAME, edit(prod, POD_SECURITY, "spec.validations.0.expression", " true ", POLICY)))).toEqual([
            '[HC-ADM-02] ValidatingAdmissionPolicy hardened-pod-security validation 1 is the constant "true", so it rejects nothing; restore its expression',
        ]);
    });

    test("unset: validations removed; a binding's objectSelector lets objects opt out", async () => {
        expect(messages(await evaluate(NAME, edit(prod, POD_SECURITY, "spec.validations", undefined, POLICY)))).toEqual([
            "[HC-ADM-02] ValidatingAdmissionPolicy hardened-pod-security has no validations, so it rejects nothing; restore its validations",
        ]);
        const optOut = edit(prod, POD_SECURITY, "spec.matchResources.objectSelector", { matchLabels: { checked: "yes" } }, BINDING);
        expect(messages(await evaluate(NAME, optOut))).toEqual([
            '[HC-ADM-02] ValidatingAdmissionPolicyBinding hardened-pod-security-binding has matchResources.objectSelector {"matchLabels":{"checked":"yes"}}, so objects choose whether they are checked; remove it so every object in a tenant namespace is checked',
        ]);
    });

    test("a tenant namespace whose labels take it out of admission", async () => {
        const ns = prod.find((r) => r.name === "test-baseline-tenant-search-ns")!;
        const nsLabels = (ns.props["metadata"] as { labels: Record<string, string> }).labels;
        const withoutTenant = { ...nsLabels };
        delete withoutTenant["hardened-cluster.io/tenant"];
        const found = messages(await evaluate(NAME, edit(prod, "test-baseline-tenant-search-ns", "metadata.labels", withoutTenant)));
        expect(found).toHaveLength(3);
        expect(found[0]).toBe(
            '[HC-ADM-02] ValidatingAdmissionPolicy hardened-pod-security does not apply in tenant namespaces search (not labelled hardened-cluster.io/tenant) (ValidatingAdmissionPolicyBinding hardened-pod-security-binding: {"matchExpressions":[{"key":"hardened-cluster.io/tenant","operator":"Exists"},{"key":"kubernetes.io/metadata.name","operator":"NotIn","values":["kube-system","kube-public","kube-node-lease"]},{"key":"hardened-cluster.io/platform","operator":"DoesNotExist"}]}); label every tenant namespace hardened-cluster.io/tenant and select it with the baseline\'s namespaceSelector',
        );

        const patch = await added(() => {
            new k8s.core.v1.NamespacePatch("hide", { metadata: { name: "payments", labels: { "hardened-cluster.io/platform": "true" } } });
            new k8s.core.v1.Namespace("sneaky", {
                metadata: {
                    name: "team-x",
                    labels: { "hardened-cluster.io/platform": "true", "pod-security.kubernetes.io/enforce": "restricted" },
                },
            });
        });
        const hidden = messages(await evaluate(NAME, [...prod, ...patch]));
        expect(hidden).toEqual(
            expect.arrayContaining([
                "[HC-ADM-02] Namespace payments is a tenant namespace (hardened-cluster.io/tenant=payments) labelled hardened-cluster.io/platform, so the tenant admission policies skip it; remove the platform label",
                "[HC-ADM-02] Namespace team-x is labelled hardened-cluster.io/platform but is not a platform namespace (cosign-system, falco, monitoring, istio-system), so the tenant admission policies skip it; remove the label, or add the namespace to platformNamespaces after review",
                expect.stringContaining(
                    "[HC-ADM-02] ValidatingAdmissionPolicy hardened-pod-security does not apply in tenant namespaces payments (",
                ),
            ]),
        );
        const patchUrn = patch.find((r) => r.name === "hide")!.urn;
        expect(
            (await evaluate(NAME, [...prod, ...patch])).find((o) => o.message?.includes("Namespace payments is a tenant namespace"))?.urn,
        ).toBe(patchUrn);
    });

    test("compliant: an unset binding selector (every namespace) and an extra team policy bound to one namespace pass", async () => {
        const everywhere = edit(prod, POD_SECURITY, "spec.matchResources.namespaceSelector", undefined, BINDING);
        const extra = await added(() => {
            const policy = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy("team-rule", {
                metadata: { name: "payments-labels" },
                spec: {
                    matchConstraints: {
                        resourceRules: [{ apiGroups: ["apps"], apiVersions: ["v1"], operations: ["CREATE"], resources: ["deployments"] }],
                    },
                    validations: [{ expression: "has(object.metadata.labels)" }],
                },
            });
            new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding("team-rule", {
                metadata: { name: "payments-labels-binding" },
                spec: {
                    policyName: policy.metadata.name,
                    validationActions: ["Deny"],
                    matchResources: { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "payments" } } },
                },
            });
        });
        expect(violations(await evaluate(NAME, [...everywhere, ...extra]))).toEqual([]);
    });

    test("preview: an unknown binding selector is not evaluated", async () => {
        const stack = unknownAt(prod, POD_SECURITY, "spec.matchResources.namespaceSelector", BINDING);
        expect(statusesOf(await evaluate(NAME, stack))).toEqual(["not-evaluated"]);
    });
});

describe("kubernetes-namespace-require-psa-enforce (HC-ISO-01): tenant namespaces enforce restricted", () => {
    const NAME = "kubernetes-namespace-require-psa-enforce";
    const TENANT = "test-baseline-tenant-payments-ns";

    test("wrong value: a tenant namespace lowered to baseline, or to privileged", async () => {
        const labels = (level: string) => {
            const ns = prod.find((r) => r.name === TENANT)!;
            return { ...(ns.props["metadata"] as { labels: Record<string, string> }).labels, "pod-security.kubernetes.io/enforce": level };
        };
        expect(messages(await evaluate(NAME, edit(prod, TENANT, "metadata.labels", labels("baseline"))))).toEqual([
            "[HC-ISO-01] Namespace payments is a tenant namespace and enforces only the baseline Pod Security level; set pod-security.kubernetes.io/enforce to restricted (baseline is for platform namespaces labelled hardened-cluster.io/platform)",
        ]);
        expect(messages(await evaluate(NAME, edit(prod, TENANT, "metadata.labels", labels("privileged"))))).toEqual([
            "[HC-ISO-01] Namespace payments enforces the privileged Pod Security level; set pod-security.kubernetes.io/enforce to restricted, or carry a reviewed exception for HC-ISO-01",
        ]);
    });

    test("added: a NamespacePatch that lowers a tenant namespace; a platform namespace may enforce baseline", async () => {
        const resources = await capture(() => {
            new k8s.core.v1.NamespacePatch("lower", {
                metadata: { name: "payments", labels: { "pod-security.kubernetes.io/enforce": "baseline" } },
            });
            new k8s.core.v1.NamespacePatch("annotate", { metadata: { name: "search", annotations: { owner: "team-search" } } });
            new k8s.core.v1.NamespacePatch("platform", {
                metadata: { name: "cosign-system", labels: { "pod-security.kubernetes.io/enforce": "baseline" } },
            });
        });
        const outcomes = await evaluate(NAME, [...prod, ...resources]);
        expect(messages(outcomes).filter((m) => !m.includes("waived"))).toEqual([
            "[HC-ISO-01] Namespace payments is a tenant namespace and enforces only the baseline Pod Security level; set pod-security.kubernetes.io/enforce to restricted (baseline is for platform namespaces labelled hardened-cluster.io/platform)",
        ]);
        // cosign-system enforces baseline as a platform namespace and passes, also when a patch sets it.
        expect(outcomes.find((o) => o.urn?.endsWith("::test-baseline-image-signatures-ns"))?.status).toBe("pass");
        expect(outcomes.find((o) => o.urn?.endsWith("::platform"))?.status).toBe("pass");
    });
});
