import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childOpts } from "./options";
import { KubernetesSubjects } from "../shared/contract";
import { CLUSTER_RBAC_TYPE } from "../../core/kubernetes-labels";
import { groupSubjects } from "./rbac-subjects";

export interface ClusterRbacArgs {
    /** Only `admins` and `viewers` are bound cluster-wide; developers get namespaced edit in tenant namespaces. */
    readonly subjects: Pick<KubernetesSubjects, "admins" | "viewers">;
}

/**
 * The only cluster-wide bindings of the blueprint: the platform admin groups to cluster-admin (HC-RBAC-02,
 * CIS 5.1.1) and the auditor groups to the built-in `view` (no Secrets). Policy
 * kubernetes-rbac-restrict-cluster-admin judges who the cluster-admin binding names against the pack config's
 * adminGroups, not which component registered it.
 */
export class ClusterRbac extends pulumi.ComponentResource {
    constructor(name: string, args: ClusterRbacArgs, opts?: pulumi.ComponentResourceOptions) {
        super(CLUSTER_RBAC_TYPE, name, {}, opts);
        const bindings: { key: string; role: "cluster-admin" | "view"; groups: readonly string[] }[] = [
            { key: "admins", role: "cluster-admin", groups: args.subjects.admins },
            { key: "viewers", role: "view", groups: args.subjects.viewers },
        ];
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
