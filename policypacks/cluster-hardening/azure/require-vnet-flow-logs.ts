import * as network from "@pulumi/azure-native/network";
import { controlStackPolicy } from "../../lib/define";

/**
 * HC-NET-03: every virtual network in the stack has an enabled VNet flow log (network.FlowLog whose
 * targetResourceId is the VNet), so the network side of an incident can be reconstructed. Found through
 * dependencies, so a preview with unknown ids still decides. `enabled` unset counts as off: the flow log
 * only records when it is switched on. NSG flow logs are retired (no new ones since June 2025); only a
 * flow log targeting the VNet counts.
 */
export const azureNetworkVnetRequireFlowLogs = controlStackPolicy({
    name: "azure-network-vnet-require-flow-logs",
    controlId: "HC-NET-03",
    description: "Every virtual network has an enabled VNet flow log writing to a storage account.",
    remediationSteps:
        "Add a network.FlowLog under the region's Network Watcher (NetworkWatcher_<region> in NetworkWatcherRG) with targetResourceId the VNet's id, enabled true, a storageId and a retentionPolicy.",
    validateStack: (args, report) => {
        const vnets = args.resources.filter((r) => r.isType(network.VirtualNetwork));
        if (vnets.length === 0) args.notApplicable("no virtual network in this stack");
        const logs = args.resources.filter((r) => r.isType(network.FlowLog));
        for (const vnet of vnets) {
            const mine = logs.filter((l) => (l.propertyDependencies["targetResourceId"] ?? []).some((d) => d.urn === vnet.urn));
            if (mine.length === 0) {
                report(
                    `virtual network ${vnet.name} has no VNet flow log, so who talked to whom inside it cannot be reconstructed after an incident; add a network.FlowLog targeting it under the region's Network Watcher`,
                    vnet.urn,
                );
                continue;
            }
            if (mine.some((l) => l.props["enabled"] === true)) continue;
            const states = mine.map(
                (l) => `${l.name} enabled ${l.props["enabled"] === undefined ? "not set" : JSON.stringify(l.props["enabled"])}`,
            );
            report(
                `virtual network ${vnet.name}'s flow logs record nothing (${states.join(", ")}); set enabled true on its network.FlowLog`,
                vnet.urn,
            );
        }
    },
});
