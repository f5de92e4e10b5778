import { controlResourcePolicy } from "../../lib/define";
import { KINDS, validateObjects } from "./objects";
import { AGGREGATE_LABELS, anyRuleGrants, capabilitiesOf, PolicyRuleView, RBAC_GROUP, rulesOf } from "./rbac";

/** One escalation path: what it is called in messages, and the rules (1-based) that grant it. */
interface Finding {
    readonly what: string;
    readonly rules: readonly number[];
}

const RULE_LIST = (rules: readonly number[]) => `rule${rules.length > 1 ? "s" : ""} ${rules.join(", ")}`;

/** The escalation paths a role's rules open, whoever it is bound to (CIS 5.1.8, 5.1.10, 5.1.11, 5.1.13). */
export function escalationsOf(rules: readonly PolicyRuleView[]): Finding[] {
    const findings: Finding[] = [];
    const add = (what: string, hits: number[]) => {
        if (hits.length > 0) findings.push({ what, rules: hits });
    };
    add("escalate on roles (grant rights it does not hold)", anyRuleGrants(rules, RBAC_GROUP, ["roles", "clusterroles"], ["escalate"]));
    add("bind on roles (bind roles it does not hold)", anyRuleGrants(rules, RBAC_GROUP, ["roles", "clusterroles"], ["bind"]));
    add("impersonate (act as another user, group or service account)", [
        ...new Set([
            ...anyRuleGrants(rules, "", ["users", "groups", "serviceaccounts"], ["impersonate"]),
            ...anyRuleGrants(rules, "authentication.k8s.io", ["uids", "userextras/scopes"], ["impersonate"]),
        ]),
    ]);
    add(
        "nodes/proxy (the kubelet API of every node: exec, logs and more without admission)",
        anyRuleGrants(rules, "", ["nodes/proxy"], ["get", "create", "update", "patch", "delete", "list", "watch", "connect"]),
    );
    add("create on serviceaccounts/token (tokens of any service account)", anyRuleGrants(rules, "", ["serviceaccounts/token"], ["create"]));
    const approve = anyRuleGrants(rules, "certificates.k8s.io", ["certificatesigningrequests/approval"], ["update", "patch"]);
    const signers = anyRuleGrants(rules, "certificates.k8s.io", ["signers"], ["approve"]);
    if (approve.length > 0 && signers.length > 0) {
        findings.push({
            what: "CSR approval (issue client certificates, e.g. for system:masters)",
            rules: [...new Set([...approve, ...signers])],
        });
    }
    return findings;
}

/**
 * HC-RBAC-04: no Role or ClusterRole grants privilege escalation: escalate or bind on roles, impersonate,
 * nodes/proxy, create on serviceaccounts/token, or CSR approval (update on certificatesigningrequests/approval
 * together with approve on signers). Wildcards count ("*" verbs grant escalate). ClusterRoles that aggregate
 * into the built-in `view` (rbac.authorization.k8s.io/aggregate-to-view) must not read Secrets or exec into
 * pods either, since they widen every view binding, including the blueprint's cluster-wide auditors.
 *
 * Decision: the role is judged whether or not the stack binds it. Bindings are made outside Pulumi too
 * (kubectl, a chart, a controller), aggregation labels bind a ClusterRole without any binding, and an
 * escalation right is dangerous whoever holds it. Grants that are only dangerous cluster-wide (reading
 * Secrets, exec) are judged on the binding by kubernetes-rbac-deny-escalating-bindings. A role that
 * truly needs one of these rights (a controller) carries a reviewed exception for HC-RBAC-04.
 */
export const rbacDenyEscalationRules = controlResourcePolicy({
    name: "kubernetes-rbac-deny-escalation-rules",
    controlId: "HC-RBAC-04",
    description:
        "No Role or ClusterRole grants escalate, bind, impersonate, nodes/proxy, serviceaccounts/token create or CSR approval; no ClusterRole widens view with Secrets or exec.",
    remediationSteps:
        "Remove the escalation verbs and subresources from the role's rules; a controller that needs one carries a reviewed exception for HC-RBAC-04.",
    validateResource: validateObjects([KINDS.role, KINDS.clusterRole], (role, _args, report) => {
        const rules = rulesOf(role);
        const findings = escalationsOf(rules);
        if (findings.length > 0) {
            report(
                `${role.label} grants privilege escalation: ${findings.map((f) => `${f.what} (${RULE_LIST(f.rules)})`).join("; ")}; remove these rights from the role`,
            );
        }
        if (role.kind !== "ClusterRole" || role.meta.labels?.[AGGREGATE_LABELS.view] !== "true") return;
        const caps = capabilitiesOf(rules);
        const widened = [
            caps.readSecrets.length > 0 ? `reading Secrets (${RULE_LIST(caps.readSecrets)})` : undefined,
            caps.execIntoPods.length > 0 ? `exec, attach or port-forward into pods (${RULE_LIST(caps.execIntoPods)})` : undefined,
        ].filter((w): w is string => w !== undefined);
        if (widened.length > 0) {
            report(
                `${role.label} aggregates into the built-in view role (label ${AGGREGATE_LABELS.view}) and grants ${widened.join(" and ")}, widening every view binding; remove these rules or the aggregation label`,
            );
        }
    }),
});
