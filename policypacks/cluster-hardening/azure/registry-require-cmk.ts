import * as containerregistry from "@pulumi/azure-native/containerregistry";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-SUP-06: a container registry encrypts its content with the organisation's own Key Vault key, so access to
 * the images can be revoked and every use of the key is audited. ACR decides this at creation: a registry
 * created with Microsoft-managed keys cannot be switched to a customer-managed key later.
 */
export const azureContainerregistryRegistryRequireCmk = controlResourcePolicy({
    name: "azure-containerregistry-registry-require-cmk",
    controlId: "HC-SUP-06",
    description: "Container registries encrypt their content with a customer-managed Key Vault key (set at creation).",
    remediationSteps:
        "Create the registry with encryption.status enabled, encryption.keyVaultProperties.keyIdentifier naming a versionless key, and a user-assigned identity holding Key Vault Crypto Service Encryption User on that key.",
    validateResource: validateResourceOfType(containerregistry.Registry, (registry, _args, report) => {
        const encryption = registry.encryption;
        if (encryption?.status === "enabled" && encryption.keyVaultProperties?.keyIdentifier) return;
        const state =
            encryption === undefined
                ? "encryption is not set"
                : encryption.status !== "enabled"
                  ? `encryption.status is ${encryption.status ?? "unset"}`
                  : "encryption.keyVaultProperties.keyIdentifier is not set";
        report(
            `${state}, so the registry is encrypted with a Microsoft-managed key the organisation cannot revoke or audit; create it with encryption.status enabled and a Key Vault key (ACR cannot add one later)`,
        );
    }),
});
