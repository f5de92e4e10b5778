import { controlStackPolicy } from "../../lib/define";
import { NamespaceDirectory } from "./namespaces";
import { describePorts, effectiveNetworkPolicies, openPeer } from "./network-policies";
import { KINDS, list, record, stackObjects } from "./objects";

/**
 * HC-ISO-04 (CIS 5.3.2): a NetworkPolicy in a tenant namespace never opens the pods it selects to
 * everything. NetworkPolicies are additive, so one extra policy with an open rule undoes the default deny:
 * - an ingress rule without `from` (every source), or from an ipBlock wider than /8 (0.0.0.0/0, ::/0: the
 *   internet, whatever its except list), or from a namespaceSelector that matches any namespace ({} or
 *   only NotIn/Exists expressions);
 * - an egress rule without `to` (every destination, the cloud's metadata endpoint included), or to such an
 *   ipBlock or namespaceSelector.
 * Only the directions the policy enforces count (policyTypes, defaulted as the API does). Server-side-apply
 * patches are applied over the policy of the same name. Tenant namespaces: every namespace except kube-*,
 * default and the platform's (labelled hardened-cluster.io/platform without the tenant label); a namespace
 * the stack does not create is judged as a tenant's, and so is a policy that names no namespace (it lands
 * in the provider's default namespace). An opening that is really needed (a public ingress
 * gateway) belongs in a platform namespace, or carries a reviewed exception for HC-ISO-04.
 */
export const networkPolicyDenyOpenRules = controlStackPolicy({
    name: "kubernetes-networkpolicy-deny-open-rules",
    controlId: "HC-ISO-04",
    description:
        "NetworkPolicies in tenant namespaces admit no ingress from everywhere (no from, 0.0.0.0/0, every namespace) and allow no egress to everywhere.",
    remediationSteps:
        "Name the peers: podSelector for the namespace's own pods, a namespaceSelector on kubernetes.io/metadata.name for another namespace, a narrow ipBlock for an external service.",
    validateStack: (args, report) => {
        if (stackObjects(args.resources, [KINDS.networkPolicy]).length === 0) return args.notApplicable("no NetworkPolicy in the stack");
        const directory = new NamespaceDirectory(args.resources);
        for (const policy of effectiveNetworkPolicies(args.resources, directory)) {
            // No namespace given: the provider's default namespace, which may be a tenant's; judged as one.
            if (policy.namespaceGiven && directory.roleOf(policy.namespace) !== "tenant") continue;
            const openings: string[] = [];
            const judge = (direction: "ingress" | "egress", rules: readonly Record<string, unknown>[]) => {
                const peersKey = direction === "ingress" ? "from" : "to";
                const verb = direction === "ingress" ? "admits traffic from" : "allows traffic to";
                rules.forEach((rule, i) => {
                    const where = `${direction} rule ${i + 1}`;
                    const peers = list<unknown>(rule[peersKey]);
                    if (peers.length === 0) {
                        openings.push(`${where} ${verb} everywhere (no ${peersKey})${describePorts(rule)}`);
                        return;
                    }
                    for (const peer of peers) {
                        const open = openPeer(record(peer) ?? {});
                        if (open) openings.push(`${where} ${verb} ${open}${describePorts(rule)}`);
                    }
                });
            };
            if (policy.policyTypes.includes("Ingress")) judge("ingress", policy.ingress);
            if (policy.policyTypes.includes("Egress")) judge("egress", policy.egress);
            if (openings.length === 0) continue;
            const urn = policy.resources[policy.resources.length - 1].urn;
            report(
                `${policy.label} opens the namespace: ${openings.join("; ")}; name the peers (podSelector, a namespaceSelector on kubernetes.io/metadata.name, a narrow ipBlock) instead`,
                urn,
            );
        }
    },
});
