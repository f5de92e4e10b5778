import { controlResourcePolicy } from "../../lib/define";
import { KINDS, validateObjects } from "./objects";
import {
    BOOTSTRAP_EVERYONE_GRANTS,
    describeRoleRef,
    EVERYONE_SUBJECTS,
    roleRefOf,
    serviceAccountsGroupNamespace,
    subjectsOf,
} from "./rbac";

/**
 * HC-RBAC-03 (CIS GKE 4.1.9, 4.1.10): no binding grants anything to the groups that stand for everyone:
 * system:unauthenticated / the user system:anonymous (whoever reaches the API server),
 * system:authenticated (every identity the cluster trusts: on GKE any Google account) and
 * system:serviceaccounts (every pod's token). Also system:serviceaccounts:<ns> where it widens a grant past
 * that namespace: in a ClusterRoleBinding (every service account of <ns>, cluster-wide) or in a RoleBinding
 * of another namespace. Inside its own namespace that group is the documented way to grant the namespace's
 * service accounts a role; kubernetes-rbac-deny-escalating-bindings judges what role it grants.
 *
 * Not findings: Kubernetes' own bootstrap grants (system:discovery and system:basic-user to
 * system:authenticated, system:public-info-viewer to system:authenticated and system:unauthenticated),
 * recognised by the role they bind, whatever the binding is called. Judged on every binding variant
 * (object, server-side-apply patch, list items) in any API version.
 */
export const rbacDenyBroadSubjects = controlResourcePolicy({
    name: "kubernetes-rbac-deny-broad-subjects",
    controlId: "HC-RBAC-03",
    description:
        "No RoleBinding or ClusterRoleBinding grants a role to system:unauthenticated, system:anonymous, system:authenticated or system:serviceaccounts (Kubernetes' own discovery bindings excepted).",
    remediationSteps: "Bind named groups (the cloud's identity groups) or individual service accounts instead of the everyone-groups.",
    validateResource: validateObjects([KINDS.clusterRoleBinding, KINDS.roleBinding], (binding, _args, report) => {
        const ref = roleRefOf(binding);
        const granted = ref ? describeRoleRef(ref) : "its role";
        const bindingNamespace = binding.meta.namespace ?? "default";
        for (const subject of subjectsOf(binding)) {
            const name = subject.name ?? "";
            if (subject.kind === "Group" || subject.kind === "User") {
                const who = EVERYONE_SUBJECTS[name];
                if (who !== undefined) {
                    const bootstrap = ref?.kind === "ClusterRole" && (BOOTSTRAP_EVERYONE_GRANTS[ref.name] ?? []).includes(name);
                    if (!bootstrap) {
                        report(
                            `${binding.label} grants ${granted} to ${subject.kind} ${name}, which is ${who}; bind named groups or service accounts instead`,
                        );
                    }
                    continue;
                }
            }
            if (subject.kind !== "Group") continue;
            const namespace = serviceAccountsGroupNamespace(name);
            if (namespace === undefined) continue;
            if (binding.kind === "ClusterRoleBinding") {
                report(
                    `${binding.label} grants ${granted} cluster-wide to Group ${name}, every service account of namespace ${namespace}; bind the one service account that needs it, in the namespace where it needs it`,
                );
            } else if (namespace !== bindingNamespace) {
                report(
                    `${binding.label} grants ${granted} in namespace ${bindingNamespace} to Group ${name}, every service account of another namespace (${namespace}); bind the one service account that needs it`,
                );
            }
        }
    }),
});
