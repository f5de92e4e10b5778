import * as k8s from "@pulumi/kubernetes";
import { controlStackPolicy } from "../../lib/define";
import { isTenantNamespace, NamespaceIndex, namespaceLabel } from "./namespaces";
import { validateStackWithRelated } from "../../lib/stack";

interface NetworkPolicySpecView {
    readonly podSelector?: { readonly matchLabels?: Record<string, string>; readonly matchExpressions?: readonly unknown[] };
    readonly policyTypes?: readonly string[];
    readonly ingress?: readonly unknown[];
    readonly egress?: readonly unknown[];
}

function selectsAllPods(spec: NetworkPolicySpecView): boolean {
    const selector = spec.podSelector ?? {};
    return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/**
 * HC-ISO-02 (CIS 5.3.2): every tenant namespace has a NetworkPolicy selecting all pods that denies Ingress
 * and one that denies Egress (usually the same policy: policyTypes both, no rules). Linear: the
 * NetworkPolicies are indexed by namespace once.
 */
export const namespaceRequireDefaultDeny = controlStackPolicy({
    name: "kubernetes-namespace-require-default-deny",
    controlId: "HC-ISO-02",
    description: "Every tenant namespace has a default-deny NetworkPolicy for Ingress and Egress.",
    remediationSteps: "Add a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] and no rules to the namespace.",
    validateStack: validateStackWithRelated(k8s.core.v1.Namespace, (namespaces, all, report) => {
        const denyIngress = new NamespaceIndex();
        const denyEgress = new NamespaceIndex();
        for (const r of all) {
            if (!r.isType(k8s.networking.v1.NetworkPolicy)) continue;
            const spec = (r.props["spec"] ?? {}) as NetworkPolicySpecView;
            if (!selectsAllPods(spec)) continue;
            const types = spec.policyTypes ?? [];
            if (types.includes("Ingress") && (spec.ingress ?? []).length === 0) denyIngress.add(r);
            if (types.includes("Egress") && (spec.egress ?? []).length === 0) denyEgress.add(r);
        }
        for (const ns of namespaces) {
            if (!isTenantNamespace(ns)) continue;
            const missing = [denyIngress.has(ns) ? undefined : "Ingress", denyEgress.has(ns) ? undefined : "Egress"].filter(
                (m) => m !== undefined,
            );
            if (missing.length > 0) {
                report(
                    `Namespace ${namespaceLabel(ns)} has no default-deny NetworkPolicy for ${missing.join(" and ")}; add one with podSelector {} and policyTypes [Ingress, Egress] and no rules`,
                    ns.urn,
                );
            }
        }
    }),
});
