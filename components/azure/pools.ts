import * as containerservice from "@pulumi/azure-native/containerservice";
import * as pulumi from "@pulumi/pulumi";
import type { containerservice as aksInputs } from "@pulumi/azure-native/types/input";
import { AksPoolPlan } from "./pool-plan";

/**
 * Node pools. The System pool is the managed cluster's inline pool (AKS requires one at creation and
 * the API does not update `agentPoolProfiles` in place); the user pools are AgentPool resources, so
 * they can be resized, upgraded or replaced without touching the cluster.
 */
export interface PoolPlacement {
    readonly nodeSubnetId: pulumi.Input<string>;
    readonly kubernetesVersion: string;
    /** Surge settings for node image and version upgrades (config.upgrades, maintenance-plan.ts). */
    readonly upgradeSettings: { readonly maxSurge: string; readonly maxUnavailable: string };
    readonly tags: Readonly<Record<string, string>>;
}

/** The settings every pool shares: the node hardening controls. */
function hardenedPoolSettings(plan: AksPoolPlan, placement: PoolPlacement) {
    return {
        mode: plan.mode,
        vmSize: plan.vmSize,
        type: "VirtualMachineScaleSets",
        osType: "Linux",
        // HC-NODE-04: Azure Linux, Microsoft's minimal container host.
        osSKU: "AzureLinux",
        // HC-NODE-01: temp disk, caches and OS disk encrypted on the VM host.
        enableEncryptionAtHost: true,
        // HC-NET-01: nodes are reachable only inside the VNet; egress goes through the NAT gateway.
        enableNodePublicIP: false,
        // HC-NODE-03: sshd is off; node access goes through `kubectl debug node/...` under Kubernetes RBAC.
        securityProfile: { sshAccess: "Disabled" },
        enableAutoScaling: true,
        minCount: plan.minCount,
        maxCount: plan.maxCount,
        count: plan.count,
        osDiskSizeGB: plan.osDiskSizeGB,
        osDiskType: plan.osDiskType,
        nodeTaints: [...plan.taints],
        nodeLabels: { ...plan.labels },
        availabilityZones: plan.zones.length > 0 ? [...plan.zones] : undefined,
        vnetSubnetID: placement.nodeSubnetId,
        orchestratorVersion: placement.kubernetesVersion,
        upgradeSettings: { ...placement.upgradeSettings },
        tags: { ...placement.tags },
    };
}

/** The inline System pool of the managed cluster. */
export function systemPoolProfile(plan: AksPoolPlan, placement: PoolPlacement): aksInputs.ManagedClusterAgentPoolProfileArgs {
    return { name: plan.name, ...hardenedPoolSettings(plan, placement) };
}

export interface UserPoolsArgs extends PoolPlacement {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly clusterName: pulumi.Input<string>;
    readonly plans: readonly AksPoolPlan[];
}

/**
 * One AgentPool per user pool plan, named by the plan's stable key, created one after another: AKS runs
 * one agent-pool operation per cluster at a time and refuses or cancels a second one started meanwhile
 * (409 OperationNotAllowed "Another agentpool operation is in progress"), so each pool waits for the previous.
 */
export function createUserPools(name: string, args: UserPoolsArgs, opts: pulumi.CustomResourceOptions): containerservice.AgentPool[] {
    const pools: containerservice.AgentPool[] = [];
    for (const plan of args.plans) {
        const previous = pools.length > 0 ? [pools[pools.length - 1]] : [];
        pools.push(
            new containerservice.AgentPool(
                `${name}-${plan.key}`,
                {
                    resourceGroupName: args.resourceGroupName,
                    resourceName: args.clusterName,
                    agentPoolName: plan.name,
                    ...hardenedPoolSettings(plan, args),
                },
                // The autoscaler owns the node count once the pool exists.
                { ...opts, dependsOn: [...dependencyList(opts.dependsOn), ...previous], ignoreChanges: ["count"] },
            ),
        );
    }
    return pools;
}

function dependencyList(deps: pulumi.CustomResourceOptions["dependsOn"]): pulumi.Input<pulumi.Resource>[] {
    if (deps === undefined) return [];
    return Array.isArray(deps) ? [...(deps as pulumi.Input<pulumi.Resource>[])] : [deps as pulumi.Input<pulumi.Resource>];
}
