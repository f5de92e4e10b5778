import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, childOptions } from "./context";
import { clusterKeyPolicy, KeyPolicyInput } from "./policy-documents";

export interface ClusterKeyArgs {
    readonly clusterName: string;
    readonly clusterRoleArn: pulumi.Input<string>;
    readonly ebsRoleArns: pulumi.Input<string>[];
    readonly logGroupNames: readonly string[];
    /** Protect the key from `pulumi destroy` (config.deletionProtection). */
    readonly protect: boolean;
}

export interface ClusterKey {
    readonly key: aws.kms.Key;
    readonly alias: aws.kms.Alias;
}

/** The longest deletion window KMS offers: a month to notice and cancel a scheduled deletion (HC-SEC-02). */
export const KEY_DELETION_WINDOW_DAYS = 30;

/**
 * The customer-managed key for Secrets envelope encryption (HC-SEC-01), node and persistent volumes
 * (HC-NODE-01) and the audit log groups (HC-AUD-02). Rotated yearly (HC-SEC-02).
 */
export function clusterKey(ctx: AwsContext, args: ClusterKeyArgs): ClusterKey {
    const policy = pulumi
        .all([ctx.partition, ctx.accountId, args.clusterRoleArn, pulumi.all(args.ebsRoleArns)])
        .apply(([partition, accountId, clusterRoleArn, ebsRoleArns]) => {
            const input: KeyPolicyInput = {
                partition,
                accountId,
                region: ctx.region,
                clusterRoleArn,
                ebsRoleArns,
                logGroupNames: args.logGroupNames,
            };
            return JSON.stringify(clusterKeyPolicy(input));
        });
    const key = new aws.kms.Key(
        `${ctx.name}-key`,
        {
            description: `EKS ${args.clusterName}: Secrets envelope encryption, node and persistent volumes, audit logs`,
            keyUsage: "ENCRYPT_DECRYPT",
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            enableKeyRotation: true,
            rotationPeriodInDays: 365,
            deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
            policy,
            tags: { ...ctx.tags, Name: `${args.clusterName}-eks` },
        },
        childOptions(ctx, { protect: args.protect }),
    );
    const alias = new aws.kms.Alias(
        `${ctx.name}-key-alias`,
        { name: `alias/${args.clusterName}-eks`, targetKeyId: key.keyId },
        childOptions(ctx),
    );
    return { key, alias };
}
