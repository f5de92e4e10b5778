import { failingValidations } from "../kubernetes/cel-eval";
import { Json, StackObject } from "./manifests";

/**
 * The offline prediction of the unit tests, applied to the stack's own ValidatingAdmissionPolicies: which
 * policy and binding match a request, and which validations fail, evaluated by the same CEL evaluator
 * (test/kubernetes/cel-eval.ts). The tier compares the real server's verdict with this prediction.
 */
export interface PredictedFailure {
    readonly policy: string;
    readonly binding: string;
    /** The validation's message as the policy carries it (with its [control id]). */
    readonly message: string;
    readonly actions: readonly string[];
}

export interface AdmissionRequestModel {
    /** Plural resource, API group and version, as the policy's resourceRules name them. */
    readonly resource: string;
    readonly apiGroup: string;
    readonly apiVersion: string;
    readonly operation: "CREATE" | "UPDATE";
    readonly object: Json;
    /** The namespace object as the server stores it (with its kubernetes.io/metadata.name label). */
    readonly namespaceObject: Json;
}

interface LabelSelector {
    matchLabels?: Record<string, string>;
    matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Kubernetes label selector semantics (matchLabels and In/NotIn/Exists/DoesNotExist). */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
    if (!selector) return true;
    for (const [key, value] of Object.entries(selector.matchLabels ?? {})) if (labels[key] !== value) return false;
    for (const e of selector.matchExpressions ?? []) {
        const has = Object.prototype.hasOwnProperty.call(labels, e.key);
        switch (e.operator) {
            case "In":
                if (!has || !(e.values ?? []).includes(labels[e.key])) return false;
                break;
            case "NotIn":
                if (has && (e.values ?? []).includes(labels[e.key])) return false;
                break;
            case "Exists":
                if (!has) return false;
                break;
            case "DoesNotExist":
                if (has) return false;
                break;
            default:
                throw new Error(`unknown selector operator ${e.operator}`);
        }
    }
    return true;
}

interface ResourceRule {
    apiGroups?: string[];
    apiVersions?: string[];
    operations?: string[];
    resources?: string[];
}

const matchesList = (list: string[] | undefined, value: string) => (list ?? []).some((v) => v === "*" || v === value);

function ruleMatches(rule: ResourceRule, request: AdmissionRequestModel): boolean {
    return (
        matchesList(rule.apiGroups, request.apiGroup) &&
        matchesList(rule.apiVersions, request.apiVersion) &&
        matchesList(rule.operations, request.operation) &&
        matchesList(rule.resources, request.resource)
    );
}

/**
 * Fails loudly on policy or binding features this model does not evaluate (parameters, match conditions,
 * object selectors, exclusions), so a later policy that uses them cannot be mispredicted in silence.
 */
function assertModelled(kind: string, name: string, spec: Json, allowed: readonly string[]): void {
    const extra = Object.keys(spec).filter((k) => !allowed.includes(k));
    if (extra.length > 0) throw new Error(`${kind} ${name} uses ${extra.join(", ")}, which the tier's admission model does not evaluate`);
}

/** Every validation of the stack's policies that fails for the request, with the binding's actions. */
export function predictFailures(objects: readonly StackObject[], request: AdmissionRequestModel): PredictedFailure[] {
    const policies = objects.filter((o) => o.kind === "ValidatingAdmissionPolicy");
    const bindings = objects.filter((o) => o.kind === "ValidatingAdmissionPolicyBinding");
    const namespaceLabels = ((request.namespaceObject.metadata as Json | undefined)?.labels ?? {}) as Record<string, string>;
    const predicted: PredictedFailure[] = [];
    for (const binding of bindings) {
        const spec = binding.manifest.spec as Json;
        assertModelled("ValidatingAdmissionPolicyBinding", binding.name, spec, ["policyName", "validationActions", "matchResources"]);
        const matchResources = (spec.matchResources ?? {}) as Json;
        assertModelled("ValidatingAdmissionPolicyBinding", binding.name, matchResources, ["namespaceSelector"]);
        if (!selectorMatches(matchResources.namespaceSelector as LabelSelector | undefined, namespaceLabels)) continue;
        const policy = policies.find((p) => p.name === spec.policyName);
        if (!policy) throw new Error(`binding ${binding.name} names policy ${String(spec.policyName)}, which the stack does not create`);
        const policySpec = policy.manifest.spec as Json;
        assertModelled("ValidatingAdmissionPolicy", policy.name, policySpec, [
            "failurePolicy",
            "matchConstraints",
            "variables",
            "validations",
        ]);
        const constraints = (policySpec.matchConstraints ?? {}) as Json;
        assertModelled("ValidatingAdmissionPolicy", policy.name, constraints, ["resourceRules"]);
        if (!((constraints.resourceRules ?? []) as ResourceRule[]).some((rule) => ruleMatches(rule, request))) continue;

        const variables = (policySpec.variables ?? []) as { name: string; expression: string }[];
        const validations = ((policySpec.validations ?? []) as { expression: string; message: string }[]).map((v) => ({
            key: v.message,
            controlId: "",
            expression: v.expression,
            message: v.message,
        }));
        const failing = failingValidations(variables, validations, { object: request.object, namespaceObject: request.namespaceObject });
        for (const message of failing) {
            predicted.push({ policy: policy.name, binding: binding.name, message, actions: spec.validationActions as string[] });
        }
    }
    return predicted;
}

/** The texts the server sends for a failed validation: the refusal (Deny) and the warning (Warn). */
export function serverDenial(failure: PredictedFailure): string {
    return `ValidatingAdmissionPolicy '${failure.policy}' with binding '${failure.binding}' denied request: ${failure.message}`;
}

export function serverWarning(failure: PredictedFailure): string {
    return `Validation failed for ValidatingAdmissionPolicy '${failure.policy}' with binding '${failure.binding}': ${failure.message}`;
}

/** Any refusal or warning from a ValidatingAdmissionPolicy, whichever policy it names. */
export const POLICY_DENIAL = /ValidatingAdmissionPolicy '[^']+' (with binding '[^']+' )?denied request/;
export const POLICY_WARNING = /^Validation failed for ValidatingAdmissionPolicy /;
