import * as containerservice from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const azureAksClusterRequireDefender = controlResourcePolicy({
    name: "azure-aks-cluster-require-defender",
    controlId: "HC-RUN-01",
    description: "AKS clusters run the Defender for Containers sensor, reporting to a Log Analytics workspace.",
    remediationSteps:
        "Set securityProfile.defender { logAnalyticsWorkspaceResourceId: <workspace id>, securityMonitoring: { enabled: true } }.",
    validateResource: validateResourceOfType(containerservice.ManagedCluster, (cluster, _args, report) => {
        const defender = cluster.securityProfile?.defender;
        if (defender?.securityMonitoring?.enabled !== true) {
            report(
                "securityProfile.defender.securityMonitoring.enabled is not true, so Defender raises no runtime alerts for this cluster; enable it",
            );
        }
        if (!defender?.logAnalyticsWorkspaceResourceId) {
            report(
                "securityProfile.defender.logAnalyticsWorkspaceResourceId is not set; point it at the cluster's Log Analytics workspace",
            );
        }
    }),
});
