import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, childOptions } from "./context";
import { NodeGroupPlan } from "./nodegroup-plan";

export interface NodeGroupsArgs {
    readonly clusterName: pulumi.Input<string>;
    readonly kubernetesVersion: pulumi.Input<string>;
    readonly plans: readonly NodeGroupPlan[];
    readonly nodeRoleArn: pulumi.Input<string>;
    readonly subnetIds: pulumi.Input<string>[];
    readonly nodeSecurityGroupId: pulumi.Input<string>;
    readonly kmsKeyArn: pulumi.Input<string>;
    /** Node role policies, CNI add-on, NAT routes: what a node needs to join. */
    readonly dependsOn: pulumi.Resource[];
}

/** IMDSv2 only, one hop: pods (one hop further) cannot reach the node's credentials (HC-NODE-02). */
export const NODE_METADATA_OPTIONS = {
    httpEndpoint: "enabled",
    httpTokens: "required",
    httpPutResponseHopLimit: 1,
    instanceMetadataTags: "disabled",
} as const;

/**
 * One launch template and one managed node group per pool. The launch template carries what a node
 * group cannot say itself: IMDSv2 (HC-NODE-02), volumes encrypted with the cluster key (HC-NODE-01) and
 * the node security group. No key pair and no remote access (HC-NODE-03); the image is EKS's
 * Bottlerocket or AL2023 build for the amiType (HC-NODE-04), so no imageId is set.
 */
export function nodeGroups(ctx: AwsContext, args: NodeGroupsArgs): aws.eks.NodeGroup[] {
    return args.plans.map((plan) => {
        const launchTemplate = new aws.ec2.LaunchTemplate(
            `${ctx.name}-${plan.key}`,
            {
                description: `EKS nodes, pool ${plan.key}`,
                updateDefaultVersion: true,
                metadataOptions: { ...NODE_METADATA_OPTIONS },
                vpcSecurityGroupIds: [args.nodeSecurityGroupId],
                blockDeviceMappings: plan.volumes.map((v) => ({
                    deviceName: v.deviceName,
                    ebs: {
                        volumeType: "gp3",
                        volumeSize: v.sizeGb,
                        encrypted: "true",
                        kmsKeyId: args.kmsKeyArn,
                        deleteOnTermination: "true",
                    },
                })),
                tagSpecifications: ["instance", "volume"].map((resourceType) => ({
                    resourceType,
                    tags: { ...ctx.tags, Name: pulumi.interpolate`${args.clusterName}-${plan.key}` },
                })),
                tags: ctx.tags,
            },
            childOptions(ctx),
        );
        return new aws.eks.NodeGroup(
            `${ctx.name}-${plan.key}`,
            {
                clusterName: args.clusterName,
                version: args.kubernetesVersion,
                nodeRoleArn: args.nodeRoleArn,
                subnetIds: args.subnetIds,
                amiType: plan.amiType,
                capacityType: "ON_DEMAND",
                instanceTypes: [...plan.instanceTypes],
                scalingConfig: { ...plan.scaling },
                // HC-NODE-07: surge-first updates (nodegroup-plan.ts).
                updateConfig: { ...plan.update },
                nodeRepairConfig: { enabled: true },
                labels: { ...plan.labels },
                taints: plan.taints.map((t) => ({ ...t })),
                launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.apply((v) => String(v)) },
                tags: ctx.tags,
            },
            // The cluster autoscaler owns the desired size once the group exists.
            childOptions(ctx, { dependsOn: args.dependsOn, ignoreChanges: ["scalingConfig.desiredSize"] }),
        );
    });
}
