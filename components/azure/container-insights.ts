import * as monitor from "@pulumi/azure-native/monitor";
import * as pulumi from "@pulumi/pulumi";
import { AzurePlacement } from "./context";

/** The Container Insights stream group: container logs (ContainerLogV2), inventory, events and performance. */
export const CONTAINER_INSIGHTS_STREAMS = ["Microsoft-ContainerInsights-Group-Default"] as const;

/** The destination's name inside the rule (data flows refer to it). */
const WORKSPACE_DESTINATION = "ciworkspace";

export interface ContainerInsightsArgs extends AzurePlacement {
    readonly clusterName: string;
    readonly clusterId: pulumi.Input<string>;
    readonly workspaceId: pulumi.Input<string>;
}

export interface ContainerInsights {
    readonly rule: monitor.DataCollectionRule;
    readonly association: monitor.DataCollectionRuleAssociation;
}

/**
 * The Data Collection Rule and its association with the cluster that Container Insights needs when its
 * agent authenticates with Entra ID (`omsagent` with `useAADAuth: "true"`). `az aks enable-addons` creates
 * both; through ARM/IaC they are ours to create, and without them the agent runs but ships nothing
 * (review finding 5; hashicorp/terraform-provider-azurerm#21305). The rule sends the default stream group
 * to the cluster's workspace, so container logs land encrypted, with the workspace's retention (HC-AUD-02).
 * The names follow what the CLI creates (`MSCI-<region>-<cluster>`, association `ContainerInsightsExtension`).
 */
export function createContainerInsights(name: string, args: ContainerInsightsArgs, opts: pulumi.CustomResourceOptions): ContainerInsights {
    const rule = new monitor.DataCollectionRule(
        `${name}-container-insights`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: { ...args.tags },
            dataCollectionRuleName: `MSCI-${args.location}-${args.clusterName}`,
            kind: "Linux",
            dataSources: {
                extensions: [
                    {
                        name: "ContainerInsightsExtension",
                        extensionName: "ContainerInsights",
                        streams: [...CONTAINER_INSIGHTS_STREAMS],
                        extensionSettings: {
                            dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true },
                        },
                    },
                ],
            },
            destinations: { logAnalytics: [{ name: WORKSPACE_DESTINATION, workspaceResourceId: args.workspaceId }] },
            dataFlows: [{ streams: [...CONTAINER_INSIGHTS_STREAMS], destinations: [WORKSPACE_DESTINATION] }],
        },
        opts,
    );
    const association = new monitor.DataCollectionRuleAssociation(
        `${name}-container-insights`,
        {
            associationName: "ContainerInsightsExtension",
            resourceUri: args.clusterId,
            dataCollectionRuleId: rule.id,
            description: "Container Insights: the cluster's agent sends its streams through this rule.",
        },
        opts,
    );
    return { rule, association };
}
