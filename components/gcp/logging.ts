import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";

export interface LogRetentionArgs {
    readonly projectId: string;
    /** config.logRetentionDays: 365 in prod, at least 30 elsewhere. */
    readonly retentionDays: number;
}

/**
 * HC-AUD-02: keep the cluster's logs for the environment's retention period. Admin Activity audit
 * logs land in the project's _Required bucket (400 days, fixed by Google); everything else the cluster
 * sends (Data Access audit logs of the Kubernetes API, control-plane, system and workload logs, flow
 * logs) lands in _Default, which keeps 30 days unless told otherwise. The bucket is a project
 * singleton that Pulumi adopts; destroying the stack leaves it, with this retention, in place.
 * It is not locked: a lock cannot be undone, and is the owner's decision.
 */
export class LogRetention extends pulumi.ComponentResource {
    readonly defaultBucket: gcp.logging.ProjectBucketConfig;

    constructor(name: string, args: LogRetentionArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:LogRetention", name, {}, opts);
        this.defaultBucket = new gcp.logging.ProjectBucketConfig(
            `${name}-default-bucket`,
            {
                project: args.projectId,
                location: "global",
                bucketId: "_Default",
                retentionDays: args.retentionDays,
                description: `Project logs, kept ${args.retentionDays} days (hardened-cluster HC-AUD-02)`,
            },
            childOptions(this, opts),
        );
        this.registerOutputs({});
    }
}
