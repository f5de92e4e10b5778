import * as keyvault from "@pulumi/azure-native/keyvault";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-SEC-03: a Key Vault key never leaves the vault. `attributes.exportable` with a `releasePolicy` (Secure
 * Key Release) hands the private key to any environment the policy's attestation claims accept; for the key
 * that wraps etcd's Secrets that turns one attested VM into a copy of every Secret. Not set means not
 * exportable (Key Vault's default).
 */
export const azureKeyvaultKeyDenyExport = controlResourcePolicy({
    name: "azure-keyvault-key-deny-export",
    controlId: "HC-SEC-03",
    description: "Key Vault keys are not exportable and carry no release policy: the private key never leaves the vault.",
    remediationSteps: "Remove properties.attributes.exportable (or set it false) and properties.releasePolicy.",
    validateResource: validateResourceOfType(keyvault.Key, (key, _args, report) => {
        const found: string[] = [];
        if (key.properties.attributes?.exportable === true) found.push("properties.attributes.exportable is true");
        if (key.properties.releasePolicy !== undefined) found.push("properties.releasePolicy is set");
        if (found.length === 0) return;
        report(
            `${found.join(" and ")}, so the private key can be released out of the vault (Secure Key Release) to whatever the release policy accepts; ` +
                "remove the release policy and set exportable false: the key must only ever be used inside Key Vault",
        );
    }),
});
