import { controlResourcePolicy } from "../../lib/define";
import { onNodeSettings } from "./node-configs";

const COMPUTE_DEFAULT_ACCOUNT = /-compute@developer\.gserviceaccount\.com$/;

/** Why an account is the Compute Engine default one, or undefined when it is a dedicated account. */
export function defaultAccountProblem(serviceAccount: string | undefined): string | undefined {
    if (!serviceAccount) return "serviceAccount is not set, so nodes run as the Compute Engine default service account";
    if (serviceAccount === "default") return 'serviceAccount is "default" (the Compute Engine default service account)';
    if (COMPUTE_DEFAULT_ACCOUNT.test(serviceAccount))
        return `serviceAccount is ${serviceAccount}, the Compute Engine default service account`;
    return undefined;
}

/**
 * HC-IAM-03 (CIS GKE 5.2.1). Nodes run as a dedicated least-privilege account, never the Compute
 * Engine default one (Editor on the project by default). Checked on NodePools, a cluster's inline
 * pools, and a cluster's own nodeConfig even when the default pool is removed: that pool runs during
 * creation (see node-configs.ts).
 */
export const gkePoolDenyDefaultServiceAccount = controlResourcePolicy({
    name: "gcp-gke-pool-deny-default-service-account",
    controlId: "HC-IAM-03",
    description: "GKE nodes run as a dedicated service account, not the Compute Engine default service account.",
    validateResource: onNodeSettings(
        (settings, report) => {
            const problem = defaultAccountProblem(settings.nodeConfig?.serviceAccount);
            if (problem)
                report(`${settings.nodeConfigPath}.${problem}; set it to a dedicated node service account with only the roles nodes need`);
        },
        { includeRemovedDefaultPool: true },
    ),
});
