import { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from "kubernetes-models/admissionregistration.k8s.io/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { ClusterRole, ClusterRoleBinding, RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { StorageClass } from "kubernetes-models/storage.k8s.io/v1";
import { LimitRange, Namespace, ResourceQuota, ServiceAccount } from "kubernetes-models/v1";
import { inputsOf, RunResult } from "../harness";
import { runBaseline, testConfig } from "./fixture";

/**
 * Every manifest the baseline generates is validated against the Kubernetes OpenAPI schema
 * (kubernetes-models 4.5.1). Not covered by a schema here: the Helm Releases (Pulumi resources, not
 * Kubernetes objects; their values are the charts' own) and the Sigstore ClusterImagePolicy (a CRD that
 * kubernetes-models does not ship); those are asserted field by field in baseline.test.ts.
 */
interface Validatable {
    validate(): void;
}
type ModelFactory = (props: Record<string, unknown>) => Validatable;

const MODELS: Record<string, ModelFactory> = {
    "kubernetes:core/v1:Namespace": (p) => new Namespace(p as ConstructorParameters<typeof Namespace>[0]),
    "kubernetes:core/v1:ResourceQuota": (p) => new ResourceQuota(p as ConstructorParameters<typeof ResourceQuota>[0]),
    "kubernetes:core/v1:LimitRange": (p) => new LimitRange(p as ConstructorParameters<typeof LimitRange>[0]),
    // A server-side-apply patch is a partial ServiceAccount: it must still be a valid one.
    "kubernetes:core/v1:ServiceAccountPatch": (p) => new ServiceAccount(p as ConstructorParameters<typeof ServiceAccount>[0]),
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": (p) => new NetworkPolicy(p as ConstructorParameters<typeof NetworkPolicy>[0]),
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": (p) => new RoleBinding(p as ConstructorParameters<typeof RoleBinding>[0]),
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole": (p) => new ClusterRole(p as ConstructorParameters<typeof ClusterRole>[0]),
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding": (p) =>
        new ClusterRoleBinding(p as ConstructorParameters<typeof ClusterRoleBinding>[0]),
    "kubernetes:storage.k8s.io/v1:StorageClass": (p) => new StorageClass(p as ConstructorParameters<typeof StorageClass>[0]),
    "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy": (p) =>
        new ValidatingAdmissionPolicy(p as ConstructorParameters<typeof ValidatingAdmissionPolicy>[0]),
    "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding": (p) =>
        new ValidatingAdmissionPolicyBinding(p as ConstructorParameters<typeof ValidatingAdmissionPolicyBinding>[0]),
};
/** Kinds kubernetes-models has no schema for; their fields are checked by their own tests (image signatures, mesh.test.ts, mesh-authorization.test.ts). */
const NOT_SCHEMA_CHECKED = [
    "kubernetes:helm.sh/v3:Release",
    "kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy",
    "kubernetes:security.istio.io/v1:PeerAuthentication",
    "kubernetes:security.istio.io/v1:AuthorizationPolicy",
];

function checkAll(run: RunResult<unknown>): string[] {
    const checked: string[] = [];
    for (const r of run.resources) {
        if (!r.custom || !r.type.startsWith("kubernetes:") || r.name === "cni-ready" || NOT_SCHEMA_CHECKED.includes(r.type)) continue;
        const model = MODELS[r.type];
        if (!model) throw new Error(`no schema model for ${r.type} (${r.name}); add one`);
        try {
            model(inputsOf(r)).validate();
        } catch (e) {
            throw new Error(`${r.type} ${r.name} is not a valid Kubernetes object: ${(e as Error).message}`);
        }
        checked.push(r.type);
    }
    return checked;
}

test("every generated manifest validates against the Kubernetes schema (prod, in-cluster monitoring)", async () => {
    const run = await runBaseline(testConfig({ baseline: { monitoring: "in-cluster" } }));
    const checked = checkAll(run);
    expect(new Set(checked)).toEqual(new Set(Object.keys(MODELS)));
});

test("dev variant validates too", async () => {
    const run = await runBaseline(testConfig({ environment: "dev" }));
    expect(checkAll(run).length).toBeGreaterThan(20);
});

test("the schema check catches an invalid object", () => {
    expect(() =>
        MODELS["kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding"]({
            metadata: { name: "x" },
            spec: { validationActions: ["Block"] },
        }).validate(),
    ).toThrow(/validationActions/);
});
