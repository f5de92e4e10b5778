import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, childOptions } from "./context";

export interface EncryptedLogGroupArgs {
    /** Exact name; services such as EKS write to a fixed name. */
    readonly logGroupName: string;
    /** HC-AUD-02: the environment's retention (config.logRetentionDays). */
    readonly retentionDays: number;
    /** The cluster key; its policy lets CloudWatch Logs use it for this group's ARN only. */
    readonly kmsKeyArn: pulumi.Input<string>;
    /**
     * Adopt the group if it already exists (eks.adoptExistingLogGroups): the `import` option with its name.
     * The engine imports it once, then treats it like any other resource while the id stays the same; a
     * retention or key that differs is then updated to ours (Pulumi CLI 3.170+; older CLIs refuse an import
     * whose inputs differ: align them or run `pulumi import` first).
     */
    readonly adopt?: boolean;
}

/** Log group names the component creates, known before any resource exists (the key policy names them). */
export function clusterLogGroupName(clusterName: string): string {
    return `/aws/eks/${clusterName}/cluster`;
}

export function flowLogGroupName(clusterName: string): string {
    return `/aws/vpc/${clusterName}/flow-logs`;
}

/**
 * The groups the amazon-cloudwatch-observability add-on writes to (Container Insights): container logs
 * (`application`), node-service logs (`dataplane`), host logs (`host`) and the agent's metric events
 * (`performance`). Fluent Bit and the agent create them, unencrypted and never expiring, when missing.
 */
export const CONTAINER_INSIGHTS_LOG_KINDS = ["application", "dataplane", "host", "performance"] as const;
export type ContainerInsightsLogKind = (typeof CONTAINER_INSIGHTS_LOG_KINDS)[number];

export function containerInsightsLogGroupName(clusterName: string, kind: ContainerInsightsLogKind): string {
    return `/aws/containerinsights/${clusterName}/${kind}`;
}

/**
 * An audit log store (HC-AUD-02): KMS-encrypted, kept for the configured retention, and retained on
 * `pulumi destroy` so the record outlives the cluster it describes. Because it outlives the stack, a
 * stack built again under the same cluster name finds it: `adopt` takes it over instead of failing.
 */
export function encryptedLogGroup(ctx: AwsContext, key: string, args: EncryptedLogGroupArgs): aws.cloudwatch.LogGroup {
    return new aws.cloudwatch.LogGroup(
        `${ctx.name}-${key}`,
        {
            name: args.logGroupName,
            retentionInDays: args.retentionDays,
            kmsKeyId: args.kmsKeyArn,
            tags: { ...ctx.tags, Name: args.logGroupName },
        },
        childOptions(ctx, { retainOnDelete: true, ...(args.adopt ? { import: args.logGroupName } : {}) }),
    );
}
