import { controlResourcePolicy } from "../../lib/define";
import { poolValidation } from "./pools";

/** Azure Linux SKUs: Microsoft's minimal container host (CBL-Mariner was its former name). */
export const AZURE_LINUX_SKUS = ["AzureLinux", "AzureLinux3"] as const;

export const azureAksPoolRequireAzureLinux = controlResourcePolicy({
    name: "azure-aks-pool-require-azure-linux",
    controlId: "HC-NODE-04",
    description: "AKS node pools run Azure Linux, the minimal container host.",
    remediationSteps: 'Set osType "Linux" and osSKU "AzureLinux" on every agent pool.',
    validateResource: poolValidation((pool, where, report) => {
        if (pool.osType !== undefined && pool.osType !== "Linux") {
            report(`${where} has osType "${pool.osType}"; set osType "Linux" with osSKU "AzureLinux"`);
            return;
        }
        if (pool.osSKU === undefined || !(AZURE_LINUX_SKUS as readonly string[]).includes(pool.osSKU)) {
            report(
                `${where} has osSKU ${pool.osSKU === undefined ? "not set (AKS defaults to Ubuntu)" : `"${pool.osSKU}"`}; set it to one of ${AZURE_LINUX_SKUS.join(", ")}`,
            );
        }
    }),
});
