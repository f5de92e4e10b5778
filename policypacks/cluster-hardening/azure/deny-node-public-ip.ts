import { controlResourcePolicy } from "../../lib/define";
import { poolValidation } from "./pools";

export const azureAksPoolDenyNodePublicIp = controlResourcePolicy({
    name: "azure-aks-pool-deny-node-public-ip",
    controlId: "HC-NET-01",
    description: "AKS node pools give nodes no public IP addresses.",
    remediationSteps: "Set enableNodePublicIP false (and no nodePublicIPPrefixID) on every agent pool; egress through a NAT gateway.",
    validateResource: poolValidation((pool, where, report) => {
        if (pool.enableNodePublicIP === true) {
            report(
                `${where} has enableNodePublicIP true, so every node gets a public address; set enableNodePublicIP false and route egress through a NAT gateway`,
            );
        }
        if (pool.nodePublicIPPrefixID) {
            report(`${where} sets nodePublicIPPrefixID ${pool.nodePublicIPPrefixID}, which gives nodes public addresses; remove it`);
        }
    }),
});
