import * as containerservice from "@pulumi/azure-native/containerservice";
import { ReportViolation, ResourceValidation, validateResourceOfType } from "@pulumi/policy";

/**
 * AKS node pools live in two places: the managed cluster's inline `agentPoolProfiles` (at least the
 * System pool) and separate AgentPool resources. Pool policies check both through this one accessor.
 */
export interface PoolSettings {
    readonly name?: string;
    readonly enableNodePublicIP?: boolean;
    readonly nodePublicIPPrefixID?: string;
    readonly enableEncryptionAtHost?: boolean;
    readonly osType?: string;
    readonly osSKU?: string;
    readonly securityProfile?: { readonly sshAccess?: string };
}

/** Checks one pool; `where` names it in messages ("agentPoolProfiles[system]" or "agent pool general"). */
export type PoolCheck = (pool: PoolSettings, where: string, report: ReportViolation) => void;

/**
 * One validation over both pool shapes. It dispatches on the resource type; any other type is "not
 * applicable" (validateResourceOfType reports that itself), so it never passes silently.
 */
export function poolValidation(check: PoolCheck): ResourceValidation {
    const onCluster = validateResourceOfType(containerservice.ManagedCluster, (cluster, _args, report) => {
        const pools: readonly PoolSettings[] = cluster.agentPoolProfiles ?? [];
        pools.forEach((pool, i) => check(pool, `agentPoolProfiles[${pool.name ?? i}]`, report));
    });
    const onAgentPool = validateResourceOfType(containerservice.AgentPool, (pool, args, report) => {
        check(pool, `agent pool ${pool.agentPoolName ?? args.name}`, report);
    });
    return (args, report) => (args.isType(containerservice.ManagedCluster) ? onCluster(args, report) : onAgentPool(args, report));
}
