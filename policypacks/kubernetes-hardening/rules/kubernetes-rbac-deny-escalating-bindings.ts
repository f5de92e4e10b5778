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
interface Known {
    readonly known: true;
    readonly readSecrets: boolean;
    readonly execIntoPods: boolean;
    readonly writeRbac: boolean;
    readonly escalates: boolean;
}
type Judged = { readonly known: false } | Known;

function judgeRules(rules: readonly PolicyRuleView[]): Known {
    const caps = capabilitiesOf(rules);
    return {
        known: true,
        readSecrets: caps.readSecrets.length > 0,
        execIntoPods: caps.execIntoPods.length > 0,
        writeRbac: caps.writeRbac.length > 0,
        escalates: escalationsOf(rules).length > 0,
    };
}

/** Roles the stack defines: objects first, then patches (a patch that sets rules replaces them). */
function rolesByKey(resources: readonly PolicyResource[]): { clusterRoles: Map<string, Known>; roles: Map<string, Known> } {
    const clusterRoles = new Map<string, Known>();
    const roles = new Map<string, Known>();
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

/** What the subjects of a binding of a role can do, in `scope` ("of the cluster", "of the namespace"). */
function describeRisk(j: Known, scope: string, include: { escalates: boolean; writeRbac: boolean }): string[] {
    return [
        j.readSecrets ? `read every Secret ${scope}` : undefined,
        j.execIntoPods ? `exec, attach or port-forward into every pod ${scope}` : undefined,
        include.writeRbac && j.writeRbac ? `write Roles and RoleBindings ${scope}` : undefined,
        include.escalates && j.escalates ? "escalate their privileges" : undefined,
    ].filter((r): r is string => r !== undefined);
}

/**
 * HC-RBAC-04 (CIS 5.1.2, 5.1.8, 5.1.10), judged on what bindings grant:
 * - no ClusterRoleBinding grants reading Secrets or exec/attach/port-forward into pods cluster-wide;
 * - no binding grants a role that writes Roles or RoleBindings (the built-in `admin`, or a role with
 *   create/update/patch on RBAC objects): its holders can pass every right they hold to anyone, the
 *   everyone-groups included, with kubectl, where no pack sees it. The blueprint gives tenants `edit` for
 *   this reason;
 * - no RoleBinding gives a powerful role (admin, edit, or one that reads Secrets, execs, writes RBAC or
 *   escalates) to every service account of its namespace (system:serviceaccounts:<ns>).
 *
 * Decision, bound vs never bound: a ClusterRole that reads Secrets or execs is fine unbound or bound per
 * namespace (a RoleBinding confines it); only a ClusterRoleBinding makes it cluster-wide, so this is judged
 * on the binding, reading the roles and bindings of the stack together. The role a binding names is looked
 * up in the stack (patches included; a binding patch without roleRef keeps the stack binding's), else among
 * the built-in ClusterRoles (admin and edit read Secrets and exec, admin also writes RBAC; view does none of
 * these). A ClusterRoleBinding to a ClusterRole that is neither cannot be judged and is reported: define the
 * role in the stack, or bind it per namespace. cluster-admin is judged by kubernetes-rbac-restrict-cluster-admin;
 * escalation rights on the role itself by kubernetes-rbac-deny-escalation-rules, whether bound or not.
 */
export const rbacDenyEscalatingBindings = controlStackPolicy({
    name: "kubernetes-rbac-deny-escalating-bindings",
    controlId: "HC-RBAC-04",
    description:
        "No binding grants reading Secrets or exec cluster-wide, write access to Roles and RoleBindings, or a powerful role to every service account of a namespace.",
    remediationSteps:
        "Bind edit or view (not admin) per namespace, to named groups or single service accounts; keep cluster-wide bindings to view.",
    validateStack: (args, report) => {
        const bindings = stackObjects(args.resources, [KINDS.clusterRoleBinding, KINDS.roleBinding]);
        if (bindings.length === 0) return args.notApplicable("no RoleBinding or ClusterRoleBinding in the stack");
        const { clusterRoles, roles } = rolesByKey(args.resources);
        const key = (b: KubeObject) => `${b.kind}/${b.meta.namespace ?? ""}/${b.meta.name ?? ""}`;
        const refByName = new Map<string, { kind: string; name: string }>();
        for (const { object } of bindings) {
            const ref = roleRefOf(object);
            if (ref && object.variant !== "patch") refByName.set(key(object), ref);
        }

        for (const { resource, object: binding } of bindings) {
            const ref = roleRefOf(binding) ?? refByName.get(key(binding));
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
                                writeRbac: builtIn.writeRbac.length > 0,
                                escalates: false,
                            }
                          : { known: false }));
            const role = describeRoleRef(ref);
            const clusterWide = binding.kind === "ClusterRoleBinding";

            if (!judged.known) {
                if (clusterWide) {
                    report(
                        `${binding.label} binds ${role} cluster-wide, a role this stack does not define and that is not a built-in role, so what it grants cannot be checked; define the role in the stack, or bind it with RoleBindings in the namespaces that need it`,
                        resource.urn,
                    );
                }
            } else if (clusterWide) {
                const risks = describeRisk(judged, "of the cluster", { escalates: false, writeRbac: true });
                if (risks.length > 0) {
                    report(
                        `${binding.label} binds ${role} cluster-wide, so its subjects can ${risks.join(" and ")}; bind it with RoleBindings in the namespaces that need it${judged.writeRbac ? ", and give no one write access to RBAC objects" : ""}`,
                        resource.urn,
                    );
                }
            } else if (judged.writeRbac) {
                report(
                    `${binding.label} binds ${role}, which writes Roles and RoleBindings in namespace ${namespace}, so its subjects can pass every right they hold to anyone (everyone-groups included) outside Pulumi; bind edit, which cannot change RBAC, instead`,
                    resource.urn,
                );
            }

            if (clusterWide) continue; // every service account of a namespace, cluster-wide: kubernetes-rbac-deny-broad-subjects
            const everySa = subjectsOf(binding).filter(
                (s) => s.kind === "Group" && serviceAccountsGroupNamespace(s.name ?? "") === namespace,
            );
            if (everySa.length === 0) continue;
            const group = `Group system:serviceaccounts:${namespace}`;
            if (!judged.known) {
                report(
                    `${binding.label} binds ${role} to every service account of namespace ${namespace} (${group}), a role this stack does not define, so what it grants cannot be checked; bind the one service account that needs it`,
                    resource.urn,
                );
                continue;
            }
            const powerful = ref.kind === "ClusterRole" && (ref.name === "admin" || ref.name === "edit");
            const own = describeRisk(judged, "of the namespace", { escalates: true, writeRbac: true });
            const risks = powerful ? ["change every object of the namespace", ...own] : own;
            if (risks.length > 0) {
                report(
                    `${binding.label} binds ${role} to every service account of namespace ${namespace} (${group}), so any pod there can ${risks.join(", ")}; bind the one service account that needs it`,
                    resource.urn,
                );
            }
        }
    },
});
