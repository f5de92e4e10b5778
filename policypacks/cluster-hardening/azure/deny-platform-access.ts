import * as keyvault from "@pulumi/azure-native/keyvault";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** Vault switches that let an Azure service fetch secrets or keys on a deployer's behalf. */
const PLATFORM_ACCESS = {
    enabledForDeployment: "Virtual Machines retrieve certificates stored as secrets",
    enabledForTemplateDeployment: "ARM template deployments retrieve secrets",
    enabledForDiskEncryption: "Azure Disk Encryption retrieves secrets and unwraps keys",
} as const;

/**
 * HC-SEC-03: the vault that holds the etcd key lets no Azure service read it on someone's behalf. Each of
 * these switches opens a path around the vault's own role assignments: whoever may deploy a VM or a
 * template (the vaults/deploy/action permission) gets the secrets copied onto a machine or into a
 * deployment. The API's default for each is false (the SDK sends false when unset).
 */
export const azureKeyvaultVaultDenyPlatformAccess = controlResourcePolicy({
    name: "azure-keyvault-vault-deny-platform-access",
    controlId: "HC-SEC-03",
    description: "Key Vaults do not let VM deployment, ARM template deployment or Azure Disk Encryption retrieve their secrets and keys.",
    remediationSteps:
        "Set properties.enabledForDeployment, enabledForTemplateDeployment and enabledForDiskEncryption false (or leave them unset).",
    validateResource: validateResourceOfType(keyvault.Vault, (vault, _args, report) => {
        const open = (Object.keys(PLATFORM_ACCESS) as (keyof typeof PLATFORM_ACCESS)[]).filter((flag) => vault.properties[flag] === true);
        if (open.length === 0) return;
        report(
            `${open.map((flag) => `properties.${flag} is true (${PLATFORM_ACCESS[flag]})`).join("; ")}, ` +
                `so anyone allowed to deploy into the subscription can have them copied out past the vault's role assignments; set ${open.join(", ")} false`,
        );
    }),
});
