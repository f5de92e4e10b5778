import { Json, StackManifests, StackObject } from "./manifests";

/**
 * Deliberately weakened copies of stack objects, for the negative controls (check 6): each one removes a
 * protection, and the matching check must then report a finding. `HC_TIER_WEAKEN=psa-label` applies the
 * first one to every tenant namespace before the whole tier runs, to watch the tier fail.
 */
const PSA_LABEL = /^pod-security\.kubernetes\.io\//;

/** The namespace without its Pod Security labels: pods are then admitted at the privileged level. */
export function withoutPsaLabels(namespace: StackObject): Json {
    const metadata = namespace.manifest.metadata as Json;
    const labels = Object.fromEntries(
        Object.entries((metadata.labels ?? {}) as Record<string, string>).filter(([k]) => !PSA_LABEL.test(k)),
    );
    return { ...namespace.manifest, metadata: { ...metadata, labels } };
}

/**
 * A copy of a policy (new name, no binding, so it admits and refuses nothing) with one more validation that
 * reads a field the matched kinds do not have: the server's type check must warn about it.
 */
export function withUndefinedField(policy: StackObject): StackObject {
    const name = `${policy.name}-tier-weakened`;
    const spec = policy.manifest.spec as Json;
    const validations = [
        ...((spec.validations ?? []) as Json[]),
        { expression: 'object.spec.tierNoSuchField == "x"', message: "weakened" },
    ];
    const manifest = { ...policy.manifest, metadata: { name }, spec: { ...spec, validations } };
    return { ...policy, urn: `${policy.urn}-tier-weakened`, name, manifest };
}

/** A binding that only audits: nothing is refused or warned any more. */
export function auditOnly(binding: StackObject): Json {
    const spec = binding.manifest.spec as Json;
    return { ...binding.manifest, spec: { ...spec, validationActions: ["Audit"] } };
}

/** A RoleBinding granting `admin` (which includes RBAC and NetworkPolicy writes) to a group in a namespace. */
export function adminBinding(namespace: string, group: string): Json {
    return {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "tier-weakened-admin", namespace },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "admin" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: group }],
    };
}

export const WEAKENINGS = ["psa-label"] as const;
export type Weakening = (typeof WEAKENINGS)[number];

export function weakeningFromEnvironment(value: string | undefined): Weakening | undefined {
    if (value === undefined || value === "") return undefined;
    if (!(WEAKENINGS as readonly string[]).includes(value))
        throw new Error(`HC_TIER_WEAKEN: got ${value}; allowed: ${WEAKENINGS.join(", ")}`);
    return value as Weakening;
}

/** The stack's manifests with the weakening applied (tenant namespaces are those with the tenant label). */
export function weakenManifests(
    manifests: StackManifests,
    weakening: Weakening,
    isTenantNamespace: (o: StackObject) => boolean,
): StackManifests {
    switch (weakening) {
        case "psa-label":
            return {
                ...manifests,
                objects: manifests.objects.map((o) =>
                    o.kind === "Namespace" && isTenantNamespace(o) ? { ...o, manifest: withoutPsaLabels(o) } : o,
                ),
            };
    }
}
