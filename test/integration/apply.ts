import { CheckResult, Finding } from "./findings";
import { Kubectl } from "./kubectl";
import { NotApplied, StackManifests, StackObject } from "./manifests";

/** The field manager the tier applies with; the negative controls apply their edits with it too. */
export const FIELD_MANAGER = "hardened-cluster-tier";

export interface ApplyResult extends CheckResult {
    readonly applied: StackObject[];
    /** Helm releases and objects whose kind the server does not serve (their CRD is not installed). */
    readonly notApplied: NotApplied[];
}

/** Whether the server serves a kind at an apiVersion (discovery, cached per group version). */
export class ServedKinds {
    private readonly cache = new Map<string, Set<string> | null>();

    constructor(private readonly kubectl: Kubectl) {}

    serves(apiVersion: string, kind: string): boolean {
        if (!this.cache.has(apiVersion)) {
            const path = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
            const result = this.kubectl.run(["get", "--raw", path]);
            const kinds = result.ok
                ? new Set((JSON.parse(result.stdout) as { resources: { kind: string }[] }).resources.map((r) => r.kind))
                : null;
            this.cache.set(apiVersion, kinds);
        }
        return this.cache.get(apiVersion)?.has(kind) ?? false;
    }
}

/**
 * Check 1: server-side apply of every object, in dependency order. A refusal or a warning (deprecated
 * API, unknown field) is a finding. Objects whose kind is not served are listed as not applied.
 */
export function applyStack(kubectl: Kubectl, manifests: StackManifests, served = new ServedKinds(kubectl)): ApplyResult {
    const findings: Finding[] = [];
    const applied: StackObject[] = [];
    const notApplied: NotApplied[] = [...manifests.notApplied];
    for (const object of manifests.objects) {
        if (!served.serves(object.apiVersion, object.kind)) {
            notApplied.push({
                urn: object.urn,
                type: object.type,
                reason: `${object.apiVersion} ${object.kind} is not served: its CRD is not installed (CRDs that come with Helm charts are not applied)`,
            });
            continue;
        }
        const result = kubectl.apply(object.manifest, FIELD_MANAGER);
        const subject = describeObject(object);
        if (!result.ok) findings.push({ check: "apply", subject, problem: `server-side apply refused: ${result.error}` });
        else applied.push(object);
        for (const warning of result.warnings) findings.push({ check: "apply", subject, problem: `warning: ${warning}` });
    }
    return { findings, probes: manifests.objects.length, applied, notApplied };
}

export function describeObject(object: Pick<StackObject, "kind" | "name" | "namespace">): string {
    return `${object.kind} ${object.namespace ? `${object.namespace}/` : ""}${object.name}`;
}

function sleep(ms: number): void {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Polls `read` until it returns a value, or throws after `seconds`. */
export function waitFor<T>(description: string, seconds: number, read: () => T | undefined): T {
    const deadline = Date.now() + seconds * 1000;
    for (;;) {
        const value = read();
        if (value !== undefined) return value;
        if (Date.now() > deadline) throw new Error(`timed out after ${seconds}s waiting for ${description}`);
        sleep(500);
    }
}

interface PolicyStatus {
    metadata: { generation: number };
    status?: {
        observedGeneration?: number;
        typeChecking?: { expressionWarnings?: { fieldRef: string; warning: string }[] };
    };
}

/**
 * Check 1, second half: the validatingadmissionpolicy-status controller type-checks each policy's CEL
 * against the schemas of the kinds it matches, with the Kubernetes CEL libraries, and writes warnings
 * into status. Waits until the status describes the applied generation.
 */
export function policyTypeChecking(kubectl: Kubectl, applied: readonly StackObject[]): CheckResult {
    const policies = applied.filter((o) => o.kind === "ValidatingAdmissionPolicy");
    const findings: Finding[] = [];
    for (const policy of policies) {
        const status = waitFor(`the type-checking status of ValidatingAdmissionPolicy ${policy.name}`, 90, () => {
            const current = kubectl.json<PolicyStatus>(["get", "validatingadmissionpolicy", policy.name]);
            return current.status?.observedGeneration === current.metadata.generation ? current : undefined;
        });
        for (const w of status.status?.typeChecking?.expressionWarnings ?? []) {
            findings.push({
                check: "apply",
                subject: describeObject(policy),
                problem: `type-checking warning at ${w.fieldRef}: ${w.warning}`,
            });
        }
    }
    return { findings, probes: policies.length };
}

/** Waits until the resourcequota controller has computed every quota's status (admission needs it). */
export function waitForQuotaStatus(kubectl: Kubectl, applied: readonly StackObject[]): void {
    for (const quota of applied.filter((o) => o.kind === "ResourceQuota")) {
        waitFor(`the status of ResourceQuota ${quota.namespace}/${quota.name}`, 90, () => {
            const current = kubectl.json<{ spec: { hard: object }; status?: { hard?: object; used?: object } }>([
                "get",
                "resourcequota",
                quota.name,
                "-n",
                quota.namespace!,
            ]);
            const hard = Object.keys(current.spec.hard).sort().join();
            return current.status?.used &&
                Object.keys(current.status.hard ?? {})
                    .sort()
                    .join() === hard
                ? true
                : undefined;
        });
    }
}

/** Waits until the serviceaccount controller has made `default` in every namespace (pods need it). */
export function waitForDefaultServiceAccounts(kubectl: Kubectl, applied: readonly StackObject[]): void {
    for (const namespace of applied.filter((o) => o.kind === "Namespace")) {
        waitFor(`the default ServiceAccount of namespace ${namespace.name}`, 60, () =>
            kubectl.run(["get", "serviceaccount", "default", "-n", namespace.name]).ok ? true : undefined,
        );
    }
}

const SYSTEM_NAMESPACES = new Set(["default", "kube-system", "kube-public", "kube-node-lease"]);

/**
 * Deletes what a stack applied, so the next stack starts from a fresh cluster's state: namespaced objects
 * outside the stack's namespaces, cluster-scoped objects, then the namespaces (the namespace controller
 * empties them). Waits until only Kubernetes' own namespaces are left.
 */
export function resetCluster(kubectl: Kubectl, applied: readonly StackObject[]): void {
    const stackNamespaces = new Set(applied.filter((o) => o.kind === "Namespace").map((o) => o.name));
    for (const object of [...applied].reverse()) {
        if (object.kind === "Namespace" || (object.namespace && stackNamespaces.has(object.namespace))) continue;
        const scope = object.namespace ? ["-n", object.namespace] : [];
        const result = kubectl.run(["delete", resourceArgument(object), object.name, ...scope, "--ignore-not-found", "--wait=false"]);
        if (!result.ok) throw new Error(`could not delete ${describeObject(object)}: ${result.error}`);
    }
    const doomed = kubectl
        .json<{ items: { metadata: { name: string } }[] }>(["get", "namespaces"])
        .items.map((n) => n.metadata.name)
        .filter((name) => !SYSTEM_NAMESPACES.has(name));
    for (const name of doomed) kubectl.run(["delete", "namespace", name, "--ignore-not-found", "--wait=false"]);
    waitFor("the previous stack's namespaces to be deleted", 120, () => {
        const left = kubectl
            .json<{ items: { metadata: { name: string } }[] }>(["get", "namespaces"])
            .items.filter((n) => !SYSTEM_NAMESPACES.has(n.metadata.name));
        return left.length === 0 ? true : undefined;
    });
}

/** Kind.group as kubectl takes it ("ValidatingAdmissionPolicy.admissionregistration.k8s.io", "ServiceAccount"). */
export function resourceArgument(object: Pick<StackObject, "apiVersion" | "kind">): string {
    return object.apiVersion.includes("/") ? `${object.kind}.${object.apiVersion.split("/")[0]}` : object.kind;
}
