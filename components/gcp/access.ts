import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import { AccessPlan } from "./access-plan";

export interface GkeAccessArgs {
    readonly projectId: string;
    readonly plan: AccessPlan;
}

/**
 * Project-level access for the groups (just enough to fetch credentials; see access-plan.ts) and
 * Data Access audit logs for the Kubernetes API (HC-AUD-01): reads and writes of Kubernetes objects
 * are recorded in Cloud Audit Logs, outside the cluster, next to the always-on Admin Activity log.
 */
export class GkeAccess extends pulumi.ComponentResource {
    readonly members: readonly gcp.projects.IAMMember[];
    readonly auditConfig: gcp.projects.IAMAuditConfig;

    constructor(name: string, args: GkeAccessArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:Access", name, {}, opts);
        const child = childOptions(this, opts);
        this.members = args.plan.projectMembers.map(
            (m) => new gcp.projects.IAMMember(`${name}-${m.key}`, { project: args.projectId, role: m.role, member: m.member }, child),
        );
        // Authoritative for container.googleapis.com's audit config in this project (other services untouched).
        this.auditConfig = new gcp.projects.IAMAuditConfig(
            `${name}-k8s-audit`,
            {
                project: args.projectId,
                service: "container.googleapis.com",
                auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
            },
            child,
        );
        this.registerOutputs({});
    }
}
