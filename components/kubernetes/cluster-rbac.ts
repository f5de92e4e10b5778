import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childOpts } from "./options";
import { KubernetesSubjects } from "../shared/contract";
import { CLUSTER_RBAC_TYPE } from "../../core/kubernetes-labels";
import { groupSubjects } from "./rbac-subjects";
import { TENANT_EDITOR_ROLE, TENANT_EDITOR_RULES } from "./tenant-roles";

export interface ClusterRbacArgs {
    /** Only `admins` and `viewers` are bound cluster-wide; developers get namespaced edit in tenant namespaces. */
    readonly subjects: Pick<KubernetesSubjects, "admins" | "viewers">;
}

/**
 * The only cluster-wide bindings of the blueprint: the platform admin groups to cluster-admin (HC-RBAC-02,
 * CIS 5.1.1) and the auditor groups to the built-in `view` (no Secrets). Policy
 * kubernetes-rbac-restrict-cluster-admin judges who the cluster-admin binding names against the pack config's
 * adminGroups, not which component registered it. Also the
 * tenant editors' ClusterRole (`tenant-roles.ts`), which tenant namespaces bind with RoleBindings only.
 */
export class ClusterRbac extends pulumi.ComponentResource {
    /** Bound in each tenant namespace by TenantNamespace; create tenants after it. */
    readonly tenantEditorRole: k8s.rbac.v1.ClusterRole;

    constructor(name: string, args: ClusterRbacArgs, opts?: pulumi.ComponentResourceOptions) {
        super(CLUSTER_RBAC_TYPE, name, {}, opts);
        const bindings: { key: string; role: "cluster-admin" | "view"; groups: readonly string[] }[] = [
            { key: "admins", role: "cluster-admin", groups: args.subjects.admins },
            { key: "viewers", role: "view", groups: args.subjects.viewers },
        ];
        // HC-ISO-02, HC-RBAC-01: named verbs and resources, no NetworkPolicy writes, no token minting.
        this.tenantEditorRole = new k8s.rbac.v1.ClusterRole(
            `${name}-tenant-editor`,
            {
                metadata: { name: TENANT_EDITOR_ROLE },
                rules: TENANT_EDITOR_RULES.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })),
            },
            childOpts(this, opts),
        );
        for (const binding of bindings) {
            if (binding.groups.length === 0) continue;
            new k8s.rbac.v1.ClusterRoleBinding(
                `${name}-${binding.key}`,
                {
                    metadata: { name: `hardened-platform-${binding.key}` },
                    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: binding.role },
                    subjects: groupSubjects(binding.groups),
                },
                childOpts(this, opts),
            );
        }
        this.registerOutputs({});
    }
}
