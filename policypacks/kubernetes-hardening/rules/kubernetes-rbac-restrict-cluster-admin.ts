import * as k8s from "@pulumi/kubernetes";
import { controlResourcePolicy } from "../../lib/define";
import { CLUSTER_RBAC_TYPE } from "../../../core/kubernetes-labels";
import { kindOfType, metadataOf, validateResourceOfTypes } from "./of-types";

interface SubjectView {
    readonly kind?: string;
    readonly name?: string;
    readonly namespace?: string;
}

/**
 * HC-RBAC-02 (CIS 5.1.1): cluster-admin is bound only to the platform admin groups.
 *
 * How the policy knows the admin groups: pack config `adminGroups`, owned by whoever owns the pack, not by
 * the program (a label on the binding would be set by the very program being checked). With `adminGroups`
 * set, every subject must be one of those groups. Left empty (the default, since group names differ per
 * cloud and stack), only a ClusterRoleBinding registered by the baseline's ClusterRbac component (its type
 * token in the URN) may grant cluster-admin, and only to Groups. In both cases Users and ServiceAccounts
 * never get cluster-admin, and a RoleBinding never grants it.
 */
export const rbacRestrictClusterAdmin = controlResourcePolicy({
    name: "kubernetes-rbac-restrict-cluster-admin",
    controlId: "HC-RBAC-02",
    description: "cluster-admin is bound cluster-wide only to the platform admin groups.",
    remediationSteps:
        "Bind admin, edit or view (namespaced) instead; platform admins get cluster-admin through the baseline's ClusterRbac.",
    configProperties: {
        adminGroups: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Kubernetes group names allowed cluster-admin (as the API server sees them after the cloud's identity mapping).",
        },
    },
    validateResource: validateResourceOfTypes([k8s.rbac.v1.ClusterRoleBinding, k8s.rbac.v1.RoleBinding], (props, args, report) => {
        const roleRef = (props["roleRef"] ?? {}) as { kind?: string; name?: string };
        if (roleRef.kind !== "ClusterRole" || roleRef.name !== "cluster-admin") return;
        const meta = metadataOf(props);
        const kind = kindOfType(args.type);
        const binding = `${kind} ${meta.namespace ? `${meta.namespace}/` : ""}${meta.name ?? args.name}`;
        if (kind === "RoleBinding") {
            report(`${binding} grants cluster-admin inside a namespace; bind the admin, edit or view ClusterRole instead`);
            return;
        }
        const subjects = (props["subjects"] ?? []) as readonly SubjectView[];
        const nonGroups = subjects.filter((s) => s.kind !== "Group");
        if (nonGroups.length > 0) {
            report(
                `${binding} grants cluster-admin to ${nonGroups.map((s) => `${s.kind ?? "?"} ${s.namespace ? `${s.namespace}/` : ""}${s.name ?? "?"}`).join(", ")}; only the platform admin groups may hold cluster-admin`,
            );
        }
        const adminGroups = args.getConfig<{ adminGroups?: string[] }>().adminGroups ?? [];
        if (adminGroups.length > 0) {
            const others = subjects.filter((s) => s.kind === "Group" && !adminGroups.includes(s.name ?? ""));
            if (others.length > 0) {
                report(
                    `${binding} grants cluster-admin to groups ${others.map((s) => s.name).join(", ")} not listed in adminGroups (${adminGroups.join(", ")})`,
                );
            }
        } else if (!args.urn.includes(`${CLUSTER_RBAC_TYPE}$`)) {
            report(
                `${binding} grants cluster-admin outside the baseline's ClusterRbac component; remove it, or list the groups in the pack config's adminGroups`,
            );
        }
    }),
});
