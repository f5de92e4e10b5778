import { controlResourcePolicy } from "../../lib/define";
import { KINDS, validateObjects } from "./objects";
import { describeSubject, roleRefOf, subjectsOf } from "./rbac";

/**
 * HC-RBAC-02 (CIS 5.1.1): cluster-admin is bound only to the platform admin groups, judged by WHO a binding
 * grants it to, never by where the binding was registered (a program can register a binding anywhere).
 *
 * The admin groups are pack config `adminGroups`, owned by whoever owns the pack, as the API server sees
 * them after the cloud's identity mapping: EKS access entries' kubernetesGroups, Entra ID group object ids
 * on AKS, Google Group e-mails on GKE. Empty (the default) refuses every cluster-admin binding (fail closed)
 * until the organisation names its admins. Users and ServiceAccounts never get cluster-admin, and a
 * RoleBinding never grants it (inside a namespace it is that namespace's every right, RBAC included).
 *
 * Every variant is judged: ClusterRoleBinding, RoleBinding, their server-side-apply patches and lists, in any
 * API version. A patch of Kubernetes' own `cluster-admin` binding grants cluster-admin without naming it; a
 * patch that sets subjects on any other binding without naming its roleRef cannot be judged and is reported.
 */
export const rbacRestrictClusterAdmin = controlResourcePolicy({
    name: "kubernetes-rbac-restrict-cluster-admin",
    controlId: "HC-RBAC-02",
    description: "cluster-admin is bound cluster-wide only to the platform admin groups listed in the pack config's adminGroups.",
    remediationSteps:
        "Bind admin, edit or view (namespaced) instead; give cluster-admin only to the platform admin groups and list them in the pack config's adminGroups.",
    configProperties: {
        adminGroups: {
            type: "array",
            items: { type: "string" },
            default: [],
            description:
                "Kubernetes group names allowed cluster-admin, as the API server sees them: EKS access-entry kubernetesGroups, AKS Entra group object ids, GKE Google Group e-mails.",
        },
    },
    validateResource: validateObjects([KINDS.clusterRoleBinding, KINDS.roleBinding], (binding, args, report) => {
        const subjects = subjectsOf(binding);
        const ref = roleRefOf(binding);
        if (ref === undefined) {
            if (binding.variant === "patch" && binding.body["subjects"] !== undefined) {
                report(
                    `${binding.label} (a patch) sets subjects without naming its roleRef, so the grant cannot be judged; repeat the binding's roleRef in the patch`,
                );
            }
            return;
        }
        if (ref.kind !== "ClusterRole" || ref.name !== "cluster-admin") return;
        if (binding.kind === "RoleBinding") {
            report(`${binding.label} grants cluster-admin inside a namespace; bind the admin, edit or view ClusterRole instead`);
            return;
        }
        const nonGroups = subjects.filter((s) => s.kind !== "Group");
        if (nonGroups.length > 0) {
            report(
                `${binding.label} grants cluster-admin to ${nonGroups.map(describeSubject).join(", ")}; only the platform admin groups may hold cluster-admin`,
            );
        }
        const groups = subjects.filter((s) => s.kind === "Group");
        if (groups.length === 0) return;
        const adminGroups = args.getConfig<{ adminGroups?: string[] }>().adminGroups ?? [];
        if (adminGroups.length === 0) {
            report(
                `${binding.label} grants cluster-admin to groups ${groups.map((s) => s.name ?? "?").join(", ")}, but no adminGroups are configured: list the platform admin groups in the kubernetes-hardening pack config's adminGroups`,
            );
            return;
        }
        const others = groups.filter((s) => !adminGroups.includes(s.name ?? ""));
        if (others.length > 0) {
            report(
                `${binding.label} grants cluster-admin to groups ${others.map((s) => s.name ?? "?").join(", ")} not listed in adminGroups (${adminGroups.join(", ")}); bind a narrower role, or add the group to adminGroups after review`,
            );
        }
    }),
});
