import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * What every part of the EKS component shares: the parent to hang resources on, and the explicit
 * provider pinned to the stack's region (so `hardened-cluster:region`, not an ambient AWS_REGION,
 * decides where everything lands).
 */
export interface AwsContext {
    readonly parent: pulumi.Resource;
    readonly provider: aws.Provider;
    /** Resource name prefix: the component's name. */
    readonly name: string;
    readonly region: string;
    readonly partition: pulumi.Input<string>;
    readonly accountId: pulumi.Input<string>;
    readonly tags: Readonly<Record<string, string>>;
}

export function childOptions(ctx: AwsContext, extra: pulumi.CustomResourceOptions = {}): pulumi.CustomResourceOptions {
    return { parent: ctx.parent, provider: ctx.provider, ...extra };
}

export function invokeOptions(ctx: AwsContext): pulumi.InvokeOutputOptions {
    return { parent: ctx.parent, provider: ctx.provider };
}

/** A managed policy ARN in the stack's partition. */
export function managedPolicyArn(partition: pulumi.Input<string>, path: string): pulumi.Output<string> {
    return pulumi.interpolate`arn:${partition}:iam::aws:policy/${path}`;
}
