import * as keyvault from "@pulumi/azure-native/keyvault";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-SEC-03: Key Vaults authorise data access (keys, secrets) with Azure RBAC, so every grant is a role
 * assignment to a named principal on the vault or one key: visible to the IAM policies, PIM and access
 * reviews. With access policies instead, anyone who may write the vault resource (Contributor) can add
 * an access policy for themselves. The Key Vault API (2024-11-01, azure-native 3.x) creates vaults with
 * access policies when enableRbacAuthorization is not set; the SDK fills in false.
 */
export const azureKeyvaultVaultRequireRbacAuthorization = controlResourcePolicy({
    name: "azure-keyvault-vault-require-rbac-authorization",
    controlId: "HC-SEC-03",
    description: "Key Vaults use Azure RBAC for data access (enableRbacAuthorization true), not vault access policies.",
    remediationSteps:
        "Set properties.enableRbacAuthorization true and grant data roles (e.g. Key Vault Crypto User) to each principal on the vault or the key.",
    validateResource: validateResourceOfType(keyvault.Vault, (vault, _args, report) => {
        const rbac = vault.properties.enableRbacAuthorization;
        if (rbac === true) return;
        const setting = rbac === undefined || rbac === false ? "false (also what an unset value becomes)" : JSON.stringify(rbac);
        const count = (vault.properties.accessPolicies ?? []).length;
        const how =
            count > 0 ? `its ${count} vault access polic${count === 1 ? "y decides" : "ies decide"}` : "vault access policies decide";
        report(
            `properties.enableRbacAuthorization is ${setting}, so ${how} who uses keys and reads secrets, outside Azure RBAC, ` +
                `and anyone who can write the vault can add a policy for themselves; set enableRbacAuthorization true and grant Key Vault data roles per principal`,
        );
    }),
});
