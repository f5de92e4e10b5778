import * as containerservice from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const azureAksClusterRequireEntraRbac = controlResourcePolicy({
    name: "azure-aks-cluster-require-entra-rbac",
    controlId: "HC-IAM-01",
    description: "AKS clusters authenticate people with managed Entra ID integration and authorise them with Azure RBAC.",
    remediationSteps: "Set aadProfile { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: [...] } and leave enableRBAC true.",
    validateResource: validateResourceOfType(containerservice.ManagedCluster, (cluster, _args, report) => {
        const aad = cluster.aadProfile;
        if (aad?.managed !== true) {
            report("aadProfile.managed is not true, so people do not sign in through Entra ID; set aadProfile.managed true");
        }
        if (aad?.enableAzureRBAC !== true) {
            report(
                "aadProfile.enableAzureRBAC is not true, so access is not granted and revoked through Azure role assignments; set it true",
            );
        }
        if (cluster.enableRBAC === false) {
            report("enableRBAC is false, so Kubernetes RBAC is off; remove it or set it true");
        }
    }),
});
