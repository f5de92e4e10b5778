import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import { resourceGroupName } from "./names";

export interface ClusterResourceGroupArgs {
    readonly clusterName: string;
    /** Azure region (config.region); every resource of the cluster is created there. */
    readonly location: string;
    readonly tags: Readonly<Record<string, string>>;
}

/** One resource group per cluster, so the cluster's resources share a lifecycle and an RBAC boundary. */
export function createResourceGroup(
    name: string,
    args: ClusterResourceGroupArgs,
    opts: pulumi.CustomResourceOptions,
): resources.ResourceGroup {
    return new resources.ResourceGroup(
        `${name}-rg`,
        { resourceGroupName: resourceGroupName(args.clusterName), location: args.location, tags: { ...args.tags } },
        opts,
    );
}
