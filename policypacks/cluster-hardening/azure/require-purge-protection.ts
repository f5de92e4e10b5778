import * as keyvault from "@pulumi/azure-native/keyvault";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

export const azureKeyvaultVaultRequirePurgeProtection = controlResourcePolicy({
    name: "azure-keyvault-vault-require-purge-protection",
    controlId: "HC-SEC-02",
    description: "Key Vaults keep soft delete and purge protection on, so a deleted key can be recovered for the retention period.",
    remediationSteps:
        "Set properties.enablePurgeProtection true and softDeleteRetentionInDays to at least minimumSoftDeleteDays (90 by default).",
    configProperties: {
        minimumSoftDeleteDays: { type: "integer", minimum: 7, maximum: 90, default: 90 },
    },
    validateResource: validateResourceOfType(keyvault.Vault, (vault, args, report) => {
        const { minimumSoftDeleteDays } = args.getConfig<{ minimumSoftDeleteDays: number }>();
        const p = vault.properties;
        if (p.enablePurgeProtection !== true) {
            report(
                "properties.enablePurgeProtection is not true, so a deleted vault or key can be purged at once and etcd becomes unreadable; set enablePurgeProtection true",
            );
        }
        if (p.enableSoftDelete === false) {
            report("properties.enableSoftDelete is false; set it true (or leave it unset)");
        }
        const days = p.softDeleteRetentionInDays ?? 90;
        if (days < minimumSoftDeleteDays) {
            report(`properties.softDeleteRetentionInDays is ${days}; set it to at least ${minimumSoftDeleteDays}`);
        }
    }),
});
