import * as containerservice from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const azureAksClusterRequireWorkloadIdentity = controlResourcePolicy({
    name: "azure-aks-cluster-require-workload-identity",
    controlId: "HC-IAM-02",
    description: "AKS clusters enable Entra Workload ID and the OIDC issuer, so pods get identities of their own.",
    remediationSteps: "Set securityProfile.workloadIdentity.enabled true and oidcIssuerProfile.enabled true.",
    validateResource: validateResourceOfType(containerservice.ManagedCluster, (cluster, _args, report) => {
        if (cluster.securityProfile?.workloadIdentity?.enabled !== true) {
            report("securityProfile.workloadIdentity.enabled is not true, so pods can only borrow the node's identity; set it true");
        }
        if (cluster.oidcIssuerProfile?.enabled !== true) {
            report("oidcIssuerProfile.enabled is not true, so service account tokens cannot be federated with Entra ID; set it true");
        }
    }),
});
