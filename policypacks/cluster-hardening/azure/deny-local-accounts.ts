import * as containerservice from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const azureAksClusterDenyLocalAccounts = controlResourcePolicy({
    name: "azure-aks-cluster-deny-local-accounts",
    controlId: "HC-IAM-01",
    description: "AKS clusters disable local accounts, so no static admin certificate can bypass Entra ID.",
    remediationSteps: "Set disableLocalAccounts true (requires managed Entra ID integration).",
    validateResource: validateResourceOfType(containerservice.ManagedCluster, (cluster, _args, report) => {
        if (cluster.disableLocalAccounts !== true) {
            report(
                `disableLocalAccounts is ${cluster.disableLocalAccounts === undefined ? "not set" : String(cluster.disableLocalAccounts)}, so listClusterAdminCredential hands out a static cluster-admin certificate; set disableLocalAccounts true`,
            );
        }
    }),
});
