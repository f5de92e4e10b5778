import { PolicyResource, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { metadataOf, ObjectMeta } from "./of-types";

/**
 * Kubernetes objects however a program registers them. The provider SDK has, for each kind and API
 * version, the object itself (`ClusterRoleBinding`), a server-side-apply patch (`ClusterRoleBindingPatch`)
 * and a list (`ClusterRoleBindingList`, whose `items` are objects); `apiextensions.CustomResource`,
 * `yaml.v2.ConfigGroup` and `helm.v4.Chart` register the same type tokens. Policies that judge an object's
 * content match on API group and kind through this module, so no variant or version slips past them.
 */
export type Variant = "object" | "patch" | "list";

/** An API group ("core" for the legacy group, as in the type token) and a kind. */
export interface KindRef {
    readonly group: string;
    readonly kind: string;
}

export interface KubeObject {
    readonly group: string;
    readonly version: string;
    readonly kind: string;
    readonly variant: Variant;
    /** The object's fields (for a list: one item). */
    readonly body: Record<string, unknown>;
    readonly meta: ObjectMeta;
    /** "ClusterRoleBinding ci-admin", "NetworkPolicy payments/allow-web", for messages. */
    readonly label: string;
}

const TYPE = /^kubernetes:([^/:]+)\/([^:]+):([A-Za-z0-9]+)$/;

/** "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBindingPatch" → group, version, kind, variant. */
export function parseKubernetesType(type: string): { group: string; version: string; kind: string; variant: Variant } | undefined {
    const match = TYPE.exec(type);
    if (!match) return undefined;
    const [, group, version, raw] = match;
    if (raw.endsWith("Patch")) return { group, version, kind: raw.slice(0, -"Patch".length), variant: "patch" };
    if (raw.endsWith("List")) return { group, version, kind: raw.slice(0, -"List".length), variant: "list" };
    return { group, version, kind: raw, variant: "object" };
}

/** "ClusterRoleBinding ci-admin", "RoleBinding payments/ci". */
export function describeObject(kind: string, meta: ObjectMeta, fallbackName: string): string {
    return `${kind} ${meta.namespace ? `${meta.namespace}/` : ""}${meta.name ?? fallbackName}`;
}

/** The objects a resource of `type` registers, when it is one of `kinds`; [] otherwise. */
export function objectsOf(type: string, props: Record<string, unknown>, name: string, kinds: readonly KindRef[]): KubeObject[] {
    const parsed = parseKubernetesType(type);
    if (!parsed || !kinds.some((k) => k.group === parsed.group && k.kind === parsed.kind)) return [];
    const bodies =
        parsed.variant === "list"
            ? ((props["items"] ?? []) as readonly unknown[]).filter(
                  (i): i is Record<string, unknown> => i !== null && typeof i === "object",
              )
            : [props];
    return bodies.map((body, i) => {
        const meta = metadataOf(body);
        const fallback = parsed.variant === "list" ? `${name}[${i}]` : name;
        return { ...parsed, body, meta, label: describeObject(parsed.kind, meta, fallback) };
    });
}

/** True when the resource's type is one of `kinds`, in any API version and variant. */
export function isKindOf(type: string, kinds: readonly KindRef[]): boolean {
    const parsed = parseKubernetesType(type);
    return parsed !== undefined && kinds.some((k) => k.group === parsed.group && k.kind === parsed.kind);
}

/**
 * A resource validation over every object of `kinds` a resource registers (object, patch or list items),
 * not applicable to any other type. Props are read as they come: an unknown value throws the SDK's
 * UnknownValueError, which the policy host reports as not evaluated.
 */
export function validateObjects(
    kinds: readonly KindRef[],
    check: (object: KubeObject, args: ResourceValidationArgs, report: (message: string) => void) => void,
): ResourceValidation {
    return (args, report) => {
        if (!isKindOf(args.type, kinds)) return args.notApplicable("not one of the policy's kinds");
        for (const object of objectsOf(args.type, args.props as Record<string, unknown>, args.name, kinds)) {
            check(object, args, (message) => report(message));
        }
    };
}

/** Every object of `kinds` in the stack, with the resource that registers it. */
export interface StackObject {
    readonly resource: PolicyResource;
    readonly object: KubeObject;
}

export function stackObjects(resources: readonly PolicyResource[], kinds: readonly KindRef[]): StackObject[] {
    return resources.flatMap((resource) =>
        objectsOf(resource.type, resource.props as Record<string, unknown>, resource.name, kinds).map((object) => ({ resource, object })),
    );
}

/** A plain object or undefined (never a crash on a wrong type). */
export function record(value: unknown): Record<string, unknown> | undefined {
    return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** An array or [] (a missing list is empty). */
export function list<T = unknown>(value: unknown): readonly T[] {
    return Array.isArray(value) ? (value as T[]) : [];
}

export const KINDS = {
    namespace: { group: "core", kind: "Namespace" },
    service: { group: "core", kind: "Service" },
    networkPolicy: { group: "networking.k8s.io", kind: "NetworkPolicy" },
    role: { group: "rbac.authorization.k8s.io", kind: "Role" },
    clusterRole: { group: "rbac.authorization.k8s.io", kind: "ClusterRole" },
    roleBinding: { group: "rbac.authorization.k8s.io", kind: "RoleBinding" },
    clusterRoleBinding: { group: "rbac.authorization.k8s.io", kind: "ClusterRoleBinding" },
    validatingAdmissionPolicy: { group: "admissionregistration.k8s.io", kind: "ValidatingAdmissionPolicy" },
    validatingAdmissionPolicyBinding: { group: "admissionregistration.k8s.io", kind: "ValidatingAdmissionPolicyBinding" },
    validatingWebhookConfiguration: { group: "admissionregistration.k8s.io", kind: "ValidatingWebhookConfiguration" },
    mutatingWebhookConfiguration: { group: "admissionregistration.k8s.io", kind: "MutatingWebhookConfiguration" },
    clusterImagePolicy: { group: "policy.sigstore.dev", kind: "ClusterImagePolicy" },
    peerAuthentication: { group: "security.istio.io", kind: "PeerAuthentication" },
    authorizationPolicy: { group: "security.istio.io", kind: "AuthorizationPolicy" },
    ec2NodeClass: { group: "karpenter.k8s.aws", kind: "EC2NodeClass" },
    nodePool: { group: "karpenter.sh", kind: "NodePool" },
    secretProviderClass: { group: "secrets-store.csi.x-k8s.io", kind: "SecretProviderClass" },
} as const satisfies Record<string, KindRef>;
