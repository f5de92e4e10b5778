import { CapturedResource } from "../../tools/mock/captured";
import { predictFailures, selectorMatches, serverDenial, serverWarning } from "./admission-model";
import { cpuMillis } from "./checks/quota";
import { dependencyOrder, stackManifests, typeToKind } from "./manifests";
import { splitJsonDocuments } from "./kubectl";
import { probeService } from "./probes";

// Offline parts of the API server tier (npm test): how stack registrations become the objects the tier
// applies, and the admission model that predicts the server's verdicts. The tier itself needs the server.

function captured(urn: string, type: string, props: Record<string, unknown>, extra: Partial<CapturedResource> = {}): CapturedResource {
    return {
        urn,
        type,
        name: urn.split("::").pop()!,
        custom: true,
        props,
        dependencies: [],
        propertyDependencies: {},
        protect: false,
        retainOnDelete: false,
        ignoreChanges: [],
        additionalSecretOutputs: [],
        ...extra,
    };
}

describe("stack manifests", () => {
    test("type tokens map to apiVersion and kind; Patch types are server-side apply of the kind", () => {
        expect(typeToKind("kubernetes:core/v1:Namespace")).toEqual({ apiVersion: "v1", kind: "Namespace" });
        expect(typeToKind("kubernetes:core/v1:ServiceAccountPatch")).toEqual({ apiVersion: "v1", kind: "ServiceAccount" });
        expect(typeToKind("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding")).toEqual({
            apiVersion: "rbac.authorization.k8s.io/v1",
            kind: "RoleBinding",
        });
    });

    test("Helm releases are listed as not applied; components and other clouds' resources are ignored", () => {
        const result = stackManifests([
            captured("urn::rel", "kubernetes:helm.sh/v3:Release", { chart: "falco" }),
            captured("urn::comp", "hardened:kubernetes:Baseline", {}, { custom: false }),
            captured("urn::vpc", "aws:ec2/vpc:Vpc", {}),
            captured("urn::ns", "kubernetes:core/v1:Namespace", { apiVersion: "v1", kind: "Namespace", metadata: { name: "a" } }),
        ]);
        expect(result.objects.map((o) => o.name)).toEqual(["a"]);
        expect(result.notApplied.map((n) => n.type)).toEqual(["kubernetes:helm.sh/v3:Release"]);
    });

    test("an object without a name gets the provider's kind of auto-name", () => {
        const [object] = stackManifests([captured("urn::cm", "kubernetes:core/v1:ConfigMap", { metadata: { namespace: "a" } })]).objects;
        expect(object.name).toMatch(/^cm-[0-9a-f]{8}$/);
        expect(object.manifest).toMatchObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: object.name, namespace: "a" } });
    });

    test("dependency order: after explicit dependencies, after every child of a component depended on, after the namespace", () => {
        const resources = [
            captured("urn::binding", "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", { metadata: { name: "b", namespace: "a" } }),
            captured(
                "urn::policy-binding",
                "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
                { metadata: { name: "pb" } },
                {
                    dependencies: ["urn::component"],
                },
            ),
            captured("urn::component", "hardened:kubernetes:AdmissionControl", {}, { custom: false }),
            captured(
                "urn::policy",
                "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy",
                { metadata: { name: "p" } },
                {
                    parent: "urn::component",
                },
            ),
            captured("urn::ns", "kubernetes:core/v1:Namespace", { metadata: { name: "a" } }),
        ];
        const { objects } = stackManifests(resources);
        expect(objects.map((o) => o.name)).toEqual(["p", "pb", "a", "b"]);
        expect(dependencyOrder(objects, resources).map((o) => o.name)).toEqual(["p", "pb", "a", "b"]);
    });

    test("a dependency cycle is an error, not a silent order", () => {
        const resources = [
            captured("urn::x", "kubernetes:core/v1:ConfigMap", { metadata: { name: "x" } }, { dependencies: ["urn::y"] }),
            captured("urn::y", "kubernetes:core/v1:ConfigMap", { metadata: { name: "y" } }, { dependencies: ["urn::x"] }),
        ];
        expect(() => stackManifests(resources)).toThrow(/dependency cycle/);
    });
});

describe("admission model", () => {
    const namespace = (labels: Record<string, string>) => ({ metadata: { name: "t", labels } });
    test("label selectors: matchLabels, In, NotIn, Exists, DoesNotExist", () => {
        const selector = {
            matchLabels: { a: "1" },
            matchExpressions: [
                { key: "b", operator: "Exists" },
                { key: "c", operator: "DoesNotExist" },
                { key: "d", operator: "NotIn", values: ["x"] },
                { key: "e", operator: "In", values: ["y", "z"] },
            ],
        };
        expect(selectorMatches(selector, { a: "1", b: "", e: "z" })).toBe(true);
        expect(selectorMatches(selector, { a: "1", b: "", e: "z", c: "" })).toBe(false);
        expect(selectorMatches(selector, { a: "1", b: "", e: "z", d: "x" })).toBe(false);
        expect(selectorMatches(selector, { a: "1", e: "z" })).toBe(false);
        expect(selectorMatches(selector, { a: "2", b: "", e: "z" })).toBe(false);
        expect(selectorMatches(selector, { a: "1", b: "" })).toBe(false);
    });

    const policy = {
        urn: "urn::p",
        type: "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy",
        apiVersion: "admissionregistration.k8s.io/v1",
        kind: "ValidatingAdmissionPolicy",
        name: "svc",
        manifest: {
            spec: {
                failurePolicy: "Fail",
                matchConstraints: {
                    resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["services"] }],
                },
                validations: [{ expression: '!has(object.spec.type) || object.spec.type != "LoadBalancer"', message: "[HC-NET-05] no LB" }],
            },
        },
    };
    const binding = (actions: string[], extra: Record<string, unknown> = {}) => ({
        urn: "urn::b",
        type: "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding",
        apiVersion: "admissionregistration.k8s.io/v1",
        kind: "ValidatingAdmissionPolicyBinding",
        name: "svc-binding",
        manifest: {
            spec: {
                policyName: "svc",
                validationActions: actions,
                matchResources: { namespaceSelector: { matchLabels: { tenant: "t" } } },
                ...extra,
            },
        },
    });
    const request = (type: string, labels: Record<string, string>) => ({
        resource: "services",
        apiGroup: "",
        apiVersion: "v1",
        operation: "CREATE" as const,
        object: probeService("s", "t", type as "LoadBalancer"),
        namespaceObject: namespace(labels),
    });

    test("predicts the failing validation of a bound policy, with the server's texts", () => {
        const [failure] = predictFailures([policy, binding(["Deny"])], request("LoadBalancer", { tenant: "t" }));
        expect(failure).toEqual({ policy: "svc", binding: "svc-binding", message: "[HC-NET-05] no LB", actions: ["Deny"] });
        expect(serverDenial(failure)).toBe("ValidatingAdmissionPolicy 'svc' with binding 'svc-binding' denied request: [HC-NET-05] no LB");
        expect(serverWarning(failure)).toBe(
            "Validation failed for ValidatingAdmissionPolicy 'svc' with binding 'svc-binding': [HC-NET-05] no LB",
        );
    });

    test("predicts nothing where the binding does not select the namespace, or for a compliant object", () => {
        expect(predictFailures([policy, binding(["Deny"])], request("LoadBalancer", { other: "t" }))).toEqual([]);
        expect(predictFailures([policy, binding(["Deny"])], request("ClusterIP", { tenant: "t" }))).toEqual([]);
    });

    test("refuses to predict for binding features it does not model", () => {
        expect(() =>
            predictFailures([policy, binding(["Deny"], { paramRef: { name: "x" } })], request("LoadBalancer", { tenant: "t" })),
        ).toThrow(/paramRef, which the tier's admission model does not evaluate/);
    });
});

test("CPU quantities in millicores", () => {
    expect([cpuMillis("8"), cpuMillis("0.5"), cpuMillis("250m")]).toEqual([8000, 500, 250]);
    expect(() => cpuMillis("1Ki")).toThrow(/unsupported/);
});

test("kubectl's consecutive JSON documents are split in order, braces inside strings ignored", () => {
    const text = '{\n  "a": "x}{"\n}\n{"b": [1, {"c": "\\"}"}]}\n';
    expect(splitJsonDocuments(text)).toEqual([{ a: "x}{" }, { b: [1, { c: '"}' }] }]);
    expect(() => splitJsonDocuments('{"a": 1')).toThrow(/truncated/);
});
