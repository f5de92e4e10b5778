import * as containerservice from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** Channel values that leave upgrades to a human. */
const MANUAL_UPGRADE = ["none"];
const MANUAL_NODE_OS = ["none", "unmanaged"];

export const azureAksClusterRequireUpgradeChannels = controlResourcePolicy({
    name: "azure-aks-cluster-require-upgrade-channels",
    controlId: "HC-NODE-05",
    description: "AKS clusters upgrade the control plane and the node OS automatically.",
    remediationSteps:
        'Set autoUpgradeProfile { upgradeChannel: "patch" (or stable/rapid/node-image), nodeOSUpgradeChannel: "NodeImage" (or SecurityPatch) }.',
    validateResource: validateResourceOfType(containerservice.ManagedCluster, (cluster, _args, report) => {
        const profile = cluster.autoUpgradeProfile;
        const upgrade = profile?.upgradeChannel;
        if (upgrade === undefined || MANUAL_UPGRADE.includes(upgrade.toLowerCase())) {
            report(
                `autoUpgradeProfile.upgradeChannel is ${upgrade === undefined ? "not set" : `"${upgrade}"`}, so patches wait for a human; set it to "patch", "stable", "rapid" or "node-image"`,
            );
        }
        const nodeOs = profile?.nodeOSUpgradeChannel;
        if (nodeOs === undefined || MANUAL_NODE_OS.includes(nodeOs.toLowerCase())) {
            report(
                `autoUpgradeProfile.nodeOSUpgradeChannel is ${nodeOs === undefined ? "not set" : `"${nodeOs}"`}, so node OS fixes are not applied; set it to "NodeImage" or "SecurityPatch"`,
            );
        }
    }),
});
