import { controlResourcePolicy } from "../../lib/define";
import { poolValidation } from "./pools";

export const azureAksPoolRequireEncryptionAtHost = controlResourcePolicy({
    name: "azure-aks-pool-require-encryption-at-host",
    controlId: "HC-NODE-01",
    description: "AKS node pools encrypt OS, temp and cache disks on the VM host.",
    remediationSteps:
        "Set enableEncryptionAtHost true on every agent pool (the subscription needs the EncryptionAtHost feature registered).",
    validateResource: poolValidation((pool, where, report) => {
        if (pool.enableEncryptionAtHost !== true) {
            report(
                `${where} has enableEncryptionAtHost ${pool.enableEncryptionAtHost === undefined ? "not set" : "false"}, so temp and cache disks are not encrypted; set enableEncryptionAtHost true`,
            );
        }
    }),
});
