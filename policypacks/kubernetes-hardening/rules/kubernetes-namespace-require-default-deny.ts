import * as k8s from "@pulumi/kubernetes";
import { controlStackPolicy } from "../../lib/define";
import { validateStackWithRelated } from "../../lib/stack";
import { NamespaceDirectory } from "./namespaces";
import { EffectiveNetworkPolicy, effectiveNetworkPolicies } from "./network-policies";
import { describeSelector, isEmptySelector } from "./selectors";

/** A policy shaped like a default deny (no allow rules at all) that misses something, and what it misses. */
function nearMiss(policy: EffectiveNetworkPolicy, missing: readonly string[]): string | undefined {
    if (policy.ingress.length > 0 || policy.egress.length > 0) return undefined;
    if (!isEmptySelector(policy.podSelector)) {
        return `${policy.label} selects only pods matching ${describeSelector(policy.podSelector)}, not every pod`;
    }
    const uncovered = missing.filter((m) => !policy.policyTypes.includes(m));
    return uncovered.length > 0
        ? `${policy.label} has policyTypes [${policy.policyTypes.join(", ")}], not ${uncovered.join(" and ")}`
        : undefined;
}

/**
 * HC-ISO-02 (CIS 5.3.2): every tenant namespace the stack creates has a NetworkPolicy selecting every pod
 * (podSelector {}) that denies Ingress, and one that denies Egress (usually one policy: policyTypes both,
 * no rules). policyTypes is read as the API defaults it (unset: Ingress only, plus Egress when egress
 * rules are given), and server-side-apply patches are applied over the policy of the same name, so a
 * default deny narrowed to some pods, to one direction, or given allow rules no longer counts. When a
 * policy is almost a default deny, the message says what it misses.
 */
export const namespaceRequireDefaultDeny = controlStackPolicy({
    name: "kubernetes-namespace-require-default-deny",
    controlId: "HC-ISO-02",
    description: "Every tenant namespace has a default-deny NetworkPolicy for Ingress and Egress.",
    remediationSteps: "Add a NetworkPolicy with podSelector {} and policyTypes [Ingress, Egress] and no rules to the namespace.",
    validateStack: validateStackWithRelated(k8s.core.v1.Namespace, (_namespaces, all, report) => {
        const directory = new NamespaceDirectory(all);
        const byNamespace = new Map<string, EffectiveNetworkPolicy[]>();
        for (const policy of effectiveNetworkPolicies(all, directory)) {
            byNamespace.set(policy.namespace, [...(byNamespace.get(policy.namespace) ?? []), policy]);
        }
        for (const ns of directory.tenants()) {
            const policies = byNamespace.get(ns.name) ?? [];
            const denies = (type: "Ingress" | "Egress") =>
                policies.some(
                    (p) =>
                        isEmptySelector(p.podSelector) &&
                        p.policyTypes.includes(type) &&
                        (type === "Ingress" ? p.ingress : p.egress).length === 0,
                );
            const missing = (["Ingress", "Egress"] as const).filter((t) => !denies(t));
            if (missing.length === 0) continue;
            const hints = policies.map((p) => nearMiss(p, missing)).filter((h): h is string => h !== undefined);
            report(
                `Namespace ${ns.name} has no default-deny NetworkPolicy for ${missing.join(" and ")}${hints.length > 0 ? ` (${hints.join("; ")})` : ""}; add one with podSelector {} and policyTypes [Ingress, Egress] and no rules`,
                ns.resource.urn,
            );
        }
    }),
});
