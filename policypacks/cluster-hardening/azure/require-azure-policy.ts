import * as containerservice from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const azureAksClusterRequireAzurePolicy = controlResourcePolicy({
    name: "azure-aks-cluster-require-azure-policy",
    controlId: "HC-RUN-01",
    description: "AKS clusters run the Azure Policy add-on, so posture is audited from outside the cluster.",
    remediationSteps: "Set addonProfiles.azurepolicy { enabled: true }.",
    validateResource: validateResourceOfType(containerservice.ManagedCluster, (cluster, _args, report) => {
        const addons = cluster.addonProfiles ?? {};
        // Add-on keys are case-insensitive in the AKS API ("azurepolicy", "azurePolicy").
        const entry = Object.entries(addons).find(([key]) => key.toLowerCase() === "azurepolicy")?.[1];
        if (entry?.enabled !== true) {
            report(
                `addonProfiles.azurepolicy is ${entry === undefined ? "not set" : "disabled"}, so Azure Policy does not audit the cluster; set addonProfiles.azurepolicy.enabled true`,
            );
        }
    }),
});
