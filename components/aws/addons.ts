import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { EksSettings } from "../../config/clouds/eks";
import { AwsContext, childOptions } from "./context";
import { EBS_CSI_SERVICE_ACCOUNT, VPC_CNI_SERVICE_ACCOUNT } from "./identity";

/** HC-NET-02: the VPC CNI's network policy agent enforces NetworkPolicy objects. */
export const VPC_CNI_CONFIGURATION = JSON.stringify({ enableNetworkPolicy: "true" });

export interface AddonsArgs {
    readonly clusterName: pulumi.Input<string>;
    readonly versions: EksSettings["addonVersions"];
    readonly vpcCniRoleArn: pulumi.Input<string>;
    readonly ebsCsiRoleArn: pulumi.Input<string>;
    /** The add-on roles' policy attachments: the roles must work before the add-ons start. */
    readonly roleAttachments: pulumi.Resource[];
}

export interface BeforeNodesAddons {
    readonly podIdentityAgent: aws.eks.Addon;
    readonly vpcCni: aws.eks.Addon;
    readonly kubeProxy: aws.eks.Addon;
}

export interface AfterNodesAddons {
    readonly coreDns: aws.eks.Addon;
    readonly ebsCsi: aws.eks.Addon;
}

function addon(
    ctx: AwsContext,
    key: string,
    args: Omit<aws.eks.AddonArgs, "resolveConflictsOnCreate" | "resolveConflictsOnUpdate">,
    dependsOn: pulumi.Input<pulumi.Resource>[],
): aws.eks.Addon {
    return new aws.eks.Addon(
        `${ctx.name}-${key}`,
        { ...args, resolveConflictsOnCreate: "OVERWRITE", resolveConflictsOnUpdate: "OVERWRITE", tags: ctx.tags },
        childOptions(ctx, { dependsOn }),
    );
}

/**
 * DaemonSet add-ons that nodes need to become Ready: the Pod Identity agent (HC-IAM-02), the VPC CNI
 * (with network policy, HC-NET-02) and kube-proxy. They go in before the node groups.
 */
export function beforeNodesAddons(ctx: AwsContext, args: AddonsArgs): BeforeNodesAddons {
    const podIdentityAgent = addon(
        ctx,
        "eks-pod-identity-agent",
        { clusterName: args.clusterName, addonName: "eks-pod-identity-agent", addonVersion: args.versions.podIdentityAgent },
        [],
    );
    const vpcCni = addon(
        ctx,
        "vpc-cni",
        {
            clusterName: args.clusterName,
            addonName: "vpc-cni",
            addonVersion: args.versions.vpcCni,
            configurationValues: VPC_CNI_CONFIGURATION,
            podIdentityAssociations: [{ serviceAccount: VPC_CNI_SERVICE_ACCOUNT, roleArn: args.vpcCniRoleArn }],
        },
        [podIdentityAgent, ...args.roleAttachments],
    );
    const kubeProxy = addon(
        ctx,
        "kube-proxy",
        { clusterName: args.clusterName, addonName: "kube-proxy", addonVersion: args.versions.kubeProxy },
        [],
    );
    return { podIdentityAgent, vpcCni, kubeProxy };
}

/** Deployment add-ons: they only become ACTIVE once nodes can run their pods. */
export function afterNodesAddons(ctx: AwsContext, args: AddonsArgs, nodeGroups: pulumi.Resource[]): AfterNodesAddons {
    const coreDns = addon(
        ctx,
        "coredns",
        { clusterName: args.clusterName, addonName: "coredns", addonVersion: args.versions.coreDns },
        nodeGroups,
    );
    const ebsCsi = addon(
        ctx,
        "aws-ebs-csi-driver",
        {
            clusterName: args.clusterName,
            addonName: "aws-ebs-csi-driver",
            addonVersion: args.versions.ebsCsiDriver,
            podIdentityAssociations: [{ serviceAccount: EBS_CSI_SERVICE_ACCOUNT, roleArn: args.ebsCsiRoleArn }],
        },
        [...nodeGroups, ...args.roleAttachments],
    );
    return { coreDns, ebsCsi };
}
