import { PolicyResource } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";
import { escalationsOf } from "./kubernetes-rbac-deny-escalation-rules";
import { KINDS, KubeObject, stackObjects } from "./objects";
import {
    BUILT_IN_CLUSTER_ROLES,
    capabilitiesOf,
    describeRoleRef,
    PolicyRuleView,
    roleRefOf,
    rulesOf,
    serviceAccountsGroupNamespace,
    subjectsOf,
} from "./rbac";

/** What a bound role can do, as far as this policy can tell. */
type Judged =
    | { readonly known: false }
    | { readonly known: true; readonly readSecrets: boolean; readonly execIntoPods: boolean; readonly escalates: boolean };

function judgeRules(rules: readonly PolicyRuleView[]): Judged {
    const caps = capabilitiesOf(rules);
    return {
        known: true,
        readSecrets: caps.readSecrets.length > 0,
        execIntoPods: caps.execIntoPods.length > 0,
        escalates: escalationsOf(rules).length > 0,
    };
}

/** Roles the stack defines: objects first, then patches (a patch that sets rules replaces them). */
function rolesByKey(resources: readonly PolicyResource[]): { clusterRoles: Map<string, Judged>; roles: Map<string, Judged> } {
    const clusterRoles = new Map<string, Judged>();
    const roles = new Map<string, Judged>();
    const found = stackObjects(resources, [KINDS.clusterRole, KINDS.role]);
    const ordered = [...found.filter((f) => f.object.variant !== "patch"), ...found.filter((f) => f.object.variant === "patch")];
    for (const { object } of ordered) {
        if (object.variant === "patch" && object.body["rules"] === undefined) continue;
        const name = object.meta.name ?? "";
        if (object.kind === "ClusterRole") clusterRoles.set(name, judgeRules(rulesOf(object)));
        else roles.set(`${object.meta.namespace ?? "default"}/${name}`, judgeRules(rulesOf(object)));
    }
    return { clusterRoles, roles };
}

/** What the subjects of a binding of a judged role can do, in `scope` ("of the cluster", "of the namespace"). */
function describeRisk(j: Extract<Judged, { known: true }>, scope: string): string[] {
    return [
        j.readSecrets ? `read every Secret ${scope}` : undefined,
        j.execIntoPods ? `exec, attach or port-forward into every pod ${scope}` : undefined,
        j.escalates ? "escalate their privileges" : undefined,
    ].filter((r): r is string => r !== undefined);
}

/**
 * HC-RBAC-04 (CIS 5.1.2, 5.1.10): no ClusterRoleBinding grants reading Secrets or exec/attach/port-forward
 * into pods cluster-wide, and no RoleBinding gives a powerful role (admin, edit, cluster-admin, or one that
 * reads Secrets, execs or escalates) to every service account of a namespace (system:serviceaccounts:<ns>).
 *
 * Decision, bound vs never bound: a ClusterRole that reads Secrets or execs is fine unbound or bound per
 * namespace (a RoleBinding confines it); only a ClusterRoleBinding makes it cluster-wide, so this is judged
 * on the binding, reading the roles and bindings of the stack together. The role a binding names is looked
 * up in the stack (patches included), else among the built-in ClusterRoles (admin and edit read Secrets and
 * exec; view does neither). A ClusterRoleBinding to a ClusterRole that is neither cannot be judged and is
 * reported: define the role in the stack, or bind it per namespace. cluster-admin is judged by
 * kubernetes-rbac-restrict-cluster-admin; escalation rights on the role itself by
 * kubernetes-rbac-deny-escalation-rules, whether bound or not.
 */
export const rbacRestrictClusterWideGrants = controlStackPolicy({
    name: "kubernetes-rbac-restrict-cluster-wide-grants",
    controlId: "HC-RBAC-04",
    description:
        "No ClusterRoleBinding grants reading Secrets or exec into pods cluster-wide, and no RoleBinding gives a powerful role to every service account of a namespace.",
    remediationSteps:
        "Bind such roles with RoleBindings in the namespaces that need them, to named groups or single service accounts; keep cluster-wide bindings to view.",
    validateStack: (args, report) => {
        const bindings = stackObjects(args.resources, [KINDS.clusterRoleBinding, KINDS.roleBinding]);
        if (bindings.length === 0) return args.notApplicable("no RoleBinding or ClusterRoleBinding in the stack");
        const { clusterRoles, roles } = rolesByKey(args.resources);
        // A patch that names no roleRef keeps the roleRef of the binding of the same name in the stack.
        const refByName = new Map<string, { kind: string; name: string }>();
        for (const { object } of bindings) {
            const ref = roleRefOf(object);
            if (ref && object.variant !== "patch")
                refByName.set(`${object.kind}/${object.meta.namespace ?? ""}/${object.meta.name ?? ""}`, ref);
        }
        const refOf = (b: KubeObject) => roleRefOf(b) ?? refByName.get(`${b.kind}/${b.meta.namespace ?? ""}/${b.meta.name ?? ""}`);

        for (const { resource, object: binding } of bindings) {
            const ref = refOf(binding);
            // No roleRef at all: kubernetes-rbac-restrict-cluster-admin reports the patch that cannot be judged.
            if (ref === undefined || (ref.kind === "ClusterRole" && ref.name === "cluster-admin")) continue;
            const namespace = binding.meta.namespace ?? "default";
            const builtIn = ref.kind === "ClusterRole" ? BUILT_IN_CLUSTER_ROLES[ref.name] : undefined;
            const judged: Judged =
                ref.kind === "Role"
                    ? (roles.get(`${namespace}/${ref.name}`) ?? { known: false })
                    : (clusterRoles.get(ref.name) ??
                      (builtIn !== undefined && builtIn !== "all"
                          ? {
                                known: true,
                                readSecrets: builtIn.readSecrets.length > 0,
                                execIntoPods: builtIn.execIntoPods.length > 0,
                                escalates: false,
                            }
                          : { known: false }));
            const role = describeRoleRef(ref);

            if (binding.kind === "ClusterRoleBinding") {
                if (!judged.known) {
                    report(
                        `${binding.label} binds ${role} cluster-wide, a role this stack does not define and that is not a built-in role, so what it grants cannot be checked; define the role in the stack, or bind it with RoleBindings in the namespaces that need it`,
                        resource.urn,
                    );
                    continue;
                }
                const risks = describeRisk({ ...judged, escalates: false }, "of the cluster");
                if (risks.length > 0) {
                    report(
                        `${binding.label} binds ${role} cluster-wide, so its subjects can ${risks.join(" and ")}; bind it with RoleBindings in the namespaces that need it`,
                        resource.urn,
                    );
                }
                continue;
            }

            const everySa = subjectsOf(binding).filter(
                (s) => s.kind === "Group" && serviceAccountsGroupNamespace(s.name ?? "") === namespace,
            );
            if (everySa.length === 0) continue;
            const powerful = ref.kind === "ClusterRole" && (ref.name === "admin" || ref.name === "edit");
            if (!judged.known) {
                report(
                    `${binding.label} binds ${role} to every service account of namespace ${namespace} (Group system:serviceaccounts:${namespace}), a role this stack does not define, so what it grants cannot be checked; bind the one service account that needs it`,
                    resource.urn,
                );
            } else if (powerful || describeRisk(judged, "of the namespace").length > 0) {
                const own = describeRisk(judged, "of the namespace");
                const risks = powerful ? ["change every object of the namespace", ...own] : own;
                report(
                    `${binding.label} binds ${role} to every service account of namespace ${namespace} (Group system:serviceaccounts:${namespace}), so any pod there can ${[...new Set(risks)].join(", ")}; bind the one service account that needs it`,
                    resource.urn,
                );
            }
        }
    },
});
