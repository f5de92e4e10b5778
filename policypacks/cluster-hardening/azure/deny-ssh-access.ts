import { controlResourcePolicy } from "../../lib/define";
import { poolValidation } from "./pools";

export const azureAksPoolDenySshAccess = controlResourcePolicy({
    name: "azure-aks-pool-deny-ssh-access",
    controlId: "HC-NODE-03",
    description: "AKS node pools turn SSH off.",
    remediationSteps: 'Set securityProfile.sshAccess "Disabled" on every agent pool; use `kubectl debug node/...` for node access.',
    validateResource: poolValidation((pool, where, report) => {
        const ssh = pool.securityProfile?.sshAccess;
        if (ssh !== "Disabled") {
            report(
                `${where} has securityProfile.sshAccess ${ssh === undefined ? "not set (AKS defaults to LocalUser)" : `"${ssh}"`}; set it to "Disabled"`,
            );
        }
    }),
});
