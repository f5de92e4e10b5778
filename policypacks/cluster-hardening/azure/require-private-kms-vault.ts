import * as containerservice from "@pulumi/azure-native/containerservice";
import * as keyvault from "@pulumi/azure-native/keyvault";
import { PolicyResource } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";
import { TENANT_TAG } from "./secret-roles";

/**
 * The vaults that hold a cluster's KMS key, found through the stack's dependencies only (never through
 * values, so a preview with unknown ids still decides): the vault the cluster's securityProfile depends on
 * (keyVaultResourceId in the Private mode) and the vault of each Key it depends on (keyId).
 */
function kmsVaults(cluster: PolicyResource, byUrn: ReadonlyMap<string, PolicyResource>): PolicyResource[] {
    const vaults = new Map<string, PolicyResource>();
    for (const target of cluster.propertyDependencies["securityProfile"] ?? []) {
        const dep = byUrn.get(target.urn);
        if (!dep) continue;
        if (dep.isType(keyvault.Vault)) vaults.set(dep.urn, dep);
        if (dep.isType(keyvault.Key)) {
            for (const v of dep.propertyDependencies["vaultName"] ?? []) {
                const vault = byUrn.get(v.urn);
                if (vault?.isType(keyvault.Vault)) vaults.set(vault.urn, vault);
            }
        }
    }
    return [...vaults.values()];
}

/** The tenant a vault holds secrets for (its hardened-cluster-tenant tag), or undefined. */
function tenantOf(vault: PolicyResource): string | undefined {
    const tags = vault.props["tags"];
    const tenant = tags !== null && typeof tags === "object" ? (tags as Record<string, unknown>)[TENANT_TAG] : undefined;
    return typeof tenant === "string" && tenant !== "" ? tenant : undefined;
}

/**
 * HC-SEC-03: a Key Vault that holds an AKS cluster's KMS key (the key that unwraps every Secret in etcd)
 * does not answer on its public endpoint: `properties.publicNetworkAccess` is "Disabled" and the cluster
 * reaches it through a private endpoint (KMS `keyVaultNetworkAccess: "Private"`, which AKS supports only
 * with API server VNet integration). Unset is the API's "Enabled". RBAC alone leaves the key one stolen
 * token away from anywhere on the internet. Non-prod stacks that keep the Public mode carry a reviewed,
 * expiring exception on the vault (tag hardened-cluster-exception-HC-SEC-03), which the plan shows as waived.
 * A tenant's secrets vault (tag hardened-cluster-tenant) is judged the same way, under the same exception.
 */
export const azureAksStackRequirePrivateKmsVault = controlStackPolicy({
    name: "azure-aks-stack-require-private-kms-vault",
    controlId: "HC-SEC-03",
    description:
        "A Key Vault holding an AKS cluster's KMS key, or a tenant's secrets, has public network access disabled and is reached through a private endpoint.",
    remediationSteps:
        'Set the vault\'s properties.publicNetworkAccess "Disabled", add a private endpoint (group "vault") with the privatelink.vaultcore.azure.net zone linked to the cluster VNet, and set the cluster\'s securityProfile.azureKeyVaultKms keyVaultNetworkAccess "Private" with keyVaultResourceId and apiServerAccessProfile.enableVnetIntegration.',
    validateStack: (args, report) => {
        const clusters = args.resources.filter((r) => r.isType(containerservice.ManagedCluster));
        if (clusters.length === 0) args.notApplicable("no AKS cluster in this stack");
        const byUrn = new Map(args.resources.map((r) => [r.urn, r]));
        let judged = 0;
        for (const cluster of clusters) {
            for (const vault of kmsVaults(cluster, byUrn)) {
                judged++;
                const access = (vault.props["properties"] as { publicNetworkAccess?: unknown } | undefined)?.publicNetworkAccess;
                if (access === "Disabled") continue;
                const now = access === undefined ? 'not set (the API\'s "Enabled")' : JSON.stringify(access);
                report(
                    `Key Vault ${vault.name} holds AKS cluster ${cluster.name}'s KMS key and its publicNetworkAccess is ${now}, so the key that unwraps every etcd Secret answers on the internet to any holder of a crypto-role token; ` +
                        'set properties.publicNetworkAccess "Disabled", reach the vault through a private endpoint and use KMS keyVaultNetworkAccess "Private"',
                    vault.urn,
                );
            }
        }
        // A tenant's secrets vault (tagged with its tenant, HC-IAM-06) is a key store of the cluster too.
        for (const vault of args.resources.filter((r) => r.isType(keyvault.Vault) && tenantOf(r) !== undefined)) {
            judged++;
            const access = (vault.props["properties"] as { publicNetworkAccess?: unknown } | undefined)?.publicNetworkAccess;
            if (access === "Disabled") continue;
            const now = access === undefined ? 'not set (the API\'s "Enabled")' : JSON.stringify(access);
            report(
                `Key Vault ${vault.name} holds tenant ${tenantOf(vault)}'s secrets and its publicNetworkAccess is ${now}, so they answer on the internet to any holder of a token for the tenant's identity; ` +
                    'set properties.publicNetworkAccess "Disabled" and reach the vault through a private endpoint in the cluster VNet',
                vault.urn,
            );
        }
        if (judged === 0) args.notApplicable("no AKS cluster's KMS key vault is in this stack");
    },
});
