import * as containerservice from "@pulumi/azure-native/containerservice";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const azureAksClusterRequireKmsEtcdEncryption = controlResourcePolicy({
    name: "azure-aks-cluster-require-kms-etcd-encryption",
    controlId: "HC-SEC-01",
    description: "AKS clusters envelope-encrypt etcd Secrets with a customer-managed Key Vault key (KMS).",
    remediationSteps: "Set securityProfile.azureKeyVaultKms { enabled: true, keyId: <versioned key URI>, keyVaultNetworkAccess }.",
    validateResource: validateResourceOfType(containerservice.ManagedCluster, (cluster, _args, report) => {
        const kms = cluster.securityProfile?.azureKeyVaultKms;
        if (kms?.enabled !== true) {
            report(
                "securityProfile.azureKeyVaultKms.enabled is not true, so Secrets in etcd are not encrypted with a customer-managed key; enable KMS with a Key Vault key",
            );
            return;
        }
        if (!kms.keyId) {
            report("securityProfile.azureKeyVaultKms.keyId is empty; set it to the versioned URI of the Key Vault key");
        }
        if (kms.keyVaultNetworkAccess === "Private" && !kms.keyVaultResourceId) {
            report(
                'securityProfile.azureKeyVaultKms.keyVaultNetworkAccess is "Private" but keyVaultResourceId is empty; set the vault\'s resource id',
            );
        }
    }),
});
