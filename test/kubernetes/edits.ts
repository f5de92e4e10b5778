import { UNKNOWN_STRING } from "../../policypacks/lib/sdk-internals";
import { CapturedResource, runProgram } from "../harness";
import { Outcome } from "../../tools/policy/evaluate";

/**
 * One-property edits of captured resources, the way an insecure pull request changes a stack: set, unset
 * or make unknown (a preview) one field of one resource, add resources registered through the provider
 * SDK's own classes, remove one. The props are the wire form the policy host deserializes.
 */
type Json = Record<string, unknown>;

/** The resource of `name`, and of a type ending in `:kind` when several share the name (a VAP and its binding). */
export function named(resources: readonly CapturedResource[], name: string, kind?: string): CapturedResource {
    const found = resources.filter((r) => r.name === name && (kind === undefined || r.type.endsWith(`:${kind}`)));
    if (found.length !== 1) throw new Error(`expected one resource ${name}${kind ? ` of kind ${kind}` : ""}, found ${found.length}`);
    return found[0];
}

function parsePath(path: string): (string | number)[] {
    return path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** Sets `path` ("spec.policyTypes", "subjects.0.name") in a copy of the props; `undefined` removes the field. */
export function setAt(props: Json, path: string, value: unknown): Json {
    // JSON, not structuredClone: structuredClone builds objects of another realm under jest, which the SDK's
    // deserializer and unknown-checking proxy (instanceof checks) would not recognise.
    const copy = JSON.parse(JSON.stringify(props)) as Json;
    const parts = parsePath(path);
    let current: Record<string | number, unknown> = copy;
    for (const part of parts.slice(0, -1)) {
        if (current[part] === undefined || current[part] === null) current[part] = {};
        current = current[part] as Record<string | number, unknown>;
    }
    const last = parts[parts.length - 1];
    if (value === undefined) {
        if (Array.isArray(current) && typeof last === "number") current.splice(last, 1);
        else delete current[last];
    } else {
        current[last] = value;
    }
    return copy;
}

/** The stack with one resource's field set (or removed, with `undefined`). */
export function edit(
    resources: readonly CapturedResource[],
    name: string,
    path: string,
    value: unknown,
    kind?: string,
): CapturedResource[] {
    const target = named(resources, name, kind);
    return resources.map((r) => (r === target ? { ...r, props: setAt(r.props, path, value) } : r));
}

/** The stack with one resource's field unknown, as in a preview before its source exists. */
export function unknownAt(resources: readonly CapturedResource[], name: string, path: string, kind?: string): CapturedResource[] {
    return edit(resources, name, path, UNKNOWN_STRING, kind);
}

export function without(resources: readonly CapturedResource[], name: string, kind?: string): CapturedResource[] {
    const target = named(resources, name, kind);
    return resources.filter((r) => r !== target);
}

/** Resources registered by `build` through the provider SDK's classes (an object added outside the baseline). */
export async function capture(build: () => void): Promise<CapturedResource[]> {
    return (await runProgram(build)).resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
}

export function messages(outcomes: readonly Outcome[]): string[] {
    return outcomes.filter((o) => o.status === "violation").map((o) => o.message ?? "");
}

/** The statuses of a policy's outcomes, deduplicated: ["pass"], ["violation"], ["not-evaluated"]. */
export function statusesOf(outcomes: readonly Outcome[]): string[] {
    return [...new Set(outcomes.map((o) => o.status))].sort();
}

interface Validatable {
    validate(): void;
}
type Model = new (data: never) => Validatable;
/* eslint-disable @typescript-eslint/no-require-imports */
const MODELS: Record<string, Model> = {
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding": require("kubernetes-models/rbac.authorization.k8s.io/v1")
        .ClusterRoleBinding,
    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": require("kubernetes-models/rbac.authorization.k8s.io/v1").RoleBinding,
    "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole": require("kubernetes-models/rbac.authorization.k8s.io/v1").ClusterRole,
    "kubernetes:rbac.authorization.k8s.io/v1:Role": require("kubernetes-models/rbac.authorization.k8s.io/v1").Role,
    "kubernetes:networking.k8s.io/v1:NetworkPolicy": require("kubernetes-models/networking.k8s.io/v1").NetworkPolicy,
    "kubernetes:core/v1:Namespace": require("kubernetes-models/v1").Namespace,
    "kubernetes:core/v1:Service": require("kubernetes-models/v1").Service,
    "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy": require("kubernetes-models/admissionregistration.k8s.io/v1")
        .ValidatingAdmissionPolicy,
    "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding":
        require("kubernetes-models/admissionregistration.k8s.io/v1").ValidatingAdmissionPolicyBinding,
    "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration":
        require("kubernetes-models/admissionregistration.k8s.io/v1").ValidatingWebhookConfiguration,
    "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration": require("kubernetes-models/admissionregistration.k8s.io/v1")
        .MutatingWebhookConfiguration,
};
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The insecure objects a test adds are real Kubernetes objects (the API server would accept them), checked
 * against the OpenAPI schema of kubernetes-models: a policy tested on an object the API rejects proves
 * nothing. Patches, lists, CRDs and Helm releases have no model here and are skipped; returns how many
 * objects were checked.
 */
export function assertApiValid(resources: readonly CapturedResource[]): number {
    let checked = 0;
    for (const r of resources) {
        const model = MODELS[r.type];
        if (!model) continue;
        try {
            new model(JSON.parse(JSON.stringify(r.props)) as never).validate();
        } catch (e) {
            throw new Error(`${r.type} ${r.name} is not a valid Kubernetes object: ${(e as Error).message}`);
        }
        checked++;
    }
    return checked;
}
