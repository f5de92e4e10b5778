import { createHash } from "crypto";
import * as network from "@pulumi/azure-native/network";
import * as storage from "@pulumi/azure-native/storage";
import * as pulumi from "@pulumi/pulumi";
import { AzurePlacement } from "./context";

/**
 * VNet flow logs (HC-NET-03): who talked to whom in the cluster VNet, kept for the environment's retention.
 * NSG flow logs can no longer be created; VNet flow logs replace them and cover every subnet and NIC.
 *
 * The flow log is a child of the region's Network Watcher, which Azure creates itself
 * (`NetworkWatcher_<region>` in `NetworkWatcherRG`) when the first VNet of a region appears, and which
 * allows one per region and subscription: the watcher is looked up (adopted), never created, and the run
 * stops with Azure's not-found error if a subscription opted out of automatic Network Watcher creation.
 */
export const NETWORK_WATCHER_GROUP = "NetworkWatcherRG";
export const networkWatcherName = (region: string): string => `NetworkWatcher_${region}`;

/** Azure keeps flow log records at most this many days in the storage account (retentionPolicy.days). */
export const MAX_FLOW_LOG_RETENTION_DAYS = 365;

export interface FlowLogPlan {
    readonly retentionDays: number;
    /** Traffic Analytics into the cluster's workspace: aggregated flows every 10 minutes (prod). */
    readonly trafficAnalytics: boolean;
}

/** Pure: the environment's log retention (capped at the flow log limit) and Traffic Analytics in prod. */
export function planFlowLogs(config: { readonly environment: string; readonly logRetentionDays: number }): FlowLogPlan {
    return {
        retentionDays: Math.min(config.logRetentionDays, MAX_FLOW_LOG_RETENTION_DAYS),
        trafficAnalytics: config.environment === "prod",
    };
}

/** A storage account name: 3-24 lowercase letters and digits, globally unique (hashed from subscription and cluster). */
export function flowLogAccountName(clusterName: string, subscriptionId: string): string {
    const suffix = createHash("sha256").update(`${subscriptionId}/${clusterName}/flowlogs`).digest("hex").slice(0, 8);
    const stem = clusterName.replace(/[^a-z0-9]/g, "").slice(0, 12);
    return `fl${stem}${suffix}`;
}

export interface FlowLogArgs extends AzurePlacement {
    readonly clusterName: string;
    readonly subscriptionId: pulumi.Input<string>;
    readonly vnetId: pulumi.Input<string>;
    readonly workspace: { readonly id: pulumi.Input<string>; readonly customerId: pulumi.Input<string> };
    readonly plan: FlowLogPlan;
    /** Protect and retain the storage account: it holds the flow records (config.deletionProtection). */
    readonly deletionProtection: boolean;
}

export function createFlowLogs(name: string, args: FlowLogArgs, opts: pulumi.CustomResourceOptions) {
    const account = new storage.StorageAccount(
        `${name}-flowlogs`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: { ...args.tags },
            accountName: pulumi.output(args.subscriptionId).apply((id) => flowLogAccountName(args.clusterName, id)),
            kind: "StorageV2",
            sku: { name: "Standard_LRS" },
            minimumTlsVersion: "TLS1_2",
            enableHttpsTrafficOnly: true,
            allowBlobPublicAccess: false,
            // Encrypted at rest twice (service and infrastructure layer); the flag can only be set at creation.
            encryption: {
                keySource: "Microsoft.Storage",
                requireInfrastructureEncryption: true,
                services: { blob: { enabled: true, keyType: "Account" } },
            },
            // No network reaches it except Azure's trusted services, Network Watcher among them.
            networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
        },
        { ...opts, protect: args.deletionProtection, retainOnDelete: args.deletionProtection },
    );
    const watcher = network.getNetworkWatcherOutput(
        { resourceGroupName: NETWORK_WATCHER_GROUP, networkWatcherName: networkWatcherName(args.location) },
        opts,
    );
    const flowLog = new network.FlowLog(
        `${name}-vnet-flowlog`,
        {
            resourceGroupName: NETWORK_WATCHER_GROUP,
            networkWatcherName: watcher.apply((w) => w.name ?? networkWatcherName(args.location)),
            flowLogName: `${args.clusterName}-vnet`,
            location: args.location,
            tags: { ...args.tags },
            targetResourceId: args.vnetId,
            storageId: account.id,
            enabled: true,
            format: { type: "JSON", version: 2 },
            retentionPolicy: { enabled: true, days: args.plan.retentionDays },
            ...(args.plan.trafficAnalytics
                ? {
                      flowAnalyticsConfiguration: {
                          networkWatcherFlowAnalyticsConfiguration: {
                              enabled: true,
                              workspaceResourceId: args.workspace.id,
                              workspaceId: args.workspace.customerId,
                              workspaceRegion: args.location,
                              trafficAnalyticsInterval: 10,
                          },
                      },
                  }
                : {}),
        },
        opts,
    );
    return { account, flowLog };
}
