import { AzureConfig } from "../../config/types";
import { KmsPlan } from "./kms-plan";
import { vaultNameFor } from "./names";

/**
 * Workload secrets on AKS (HC-IAM-06). Pure: config in, plan out; tenant-secrets.ts turns it into resources.
 *
 * Key Vault has no name-prefix conditions on its data roles, so "a tenant reads only its own secrets" is built
 * from one of two shapes: role assignments scoped to each secret, or a vault per tenant. We give each tenant its
 * own vault. A role assignment's scope must exist when it is made, so per-secret grants would need every secret
 * written before the deploy (and a redeploy for each new one), and a shared vault would still let whoever can
 * write secrets there write another tenant's; a tenant's vault is a boundary Azure RBAC already understands,
 * its Key Vault Secrets User grant is on that one vault, and its audit log is the tenant's alone.
 *
 * A tenant that lists no secrets gets nothing: no vault, no identity, no SecretProviderClass (an empty class
 * would mount nothing and an empty vault only widens what exists). Listing its first secret creates them;
 * removing a tenant never deletes its vault (tenant-secrets.ts: retainOnDelete).
 */
export interface TenantSecretsPlan {
    readonly tenant: string;
    /** The service account the baseline creates in the tenant namespace and the federated credential names. */
    readonly serviceAccount: string;
    /** `system:serviceaccount:<tenant>:<serviceAccount>`: the one subject the identity trusts. */
    readonly subject: string;
    readonly secrets: readonly string[];
    /** The SecretProviderClass `objects` parameter: the provider's YAML `array` of secret objects. */
    readonly objects: string;
    /** Seeds the role assignment's GUID. */
    readonly grantKey: string;
}

/** The service account every tenant's pods run as to read the tenant's secrets. */
export const TENANT_SECRETS_SERVICE_ACCOUNT = "tenant-secrets";

/** The token audience Entra ID expects from a Kubernetes service account (AKS workload identity). */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

/**
 * How often the Key Vault secrets provider add-on re-reads mounted secrets (its `rotationPollInterval`;
 * the add-on's default is 2m). Rotation is on: a new secret version reaches the pod's files without a restart.
 */
export const SECRET_ROTATION_POLL_INTERVAL = "2m";

/** Tag on a tenant's vault and identity naming the tenant, so a reviewer (and HC-IAM-06's policy) can tell whose they are. */
export const TENANT_TAG = "hardened-cluster-tenant";

/**
 * The provider's `objects` parameter (Azure Key Vault provider for the Secrets Store CSI driver, as in the AKS
 * "use the Azure Key Vault provider" docs): a YAML document whose `array` holds one block string per object.
 * Secret names are validated `[a-z0-9-]` (config), so they need no quoting.
 */
export function secretObjects(secrets: readonly string[]): string {
    const lines = ["array:"];
    for (const secret of secrets) {
        lines.push("  - |", `    objectName: ${secret}`, "    objectType: secret", '    objectVersion: ""');
    }
    return `${lines.join("\n")}\n`;
}

/** The tenants that get a vault and an identity: those with secrets, when the secret store is on. */
export function planTenantSecrets(config: Pick<AzureConfig, "secretStore" | "tenants">): TenantSecretsPlan[] {
    if (!config.secretStore.enabled) return [];
    return config.tenants
        .filter((t) => t.secrets.length > 0)
        .map((t) => ({
            tenant: t.name,
            serviceAccount: TENANT_SECRETS_SERVICE_ACCOUNT,
            subject: `system:serviceaccount:${t.name}:${TENANT_SECRETS_SERVICE_ACCOUNT}`,
            secrets: [...t.secrets],
            objects: secretObjects(t.secrets),
            grantKey: `tenant/${t.name}/keyVaultSecretsUser`,
        }));
}

/**
 * A tenant vault's name, derived like the KMS vault's (names.ts): the tenant as the readable stem (hyphen runs
 * collapsed: Key Vault refuses consecutive hyphens), a hash of subscription, cluster, tenant and the deployment's
 * instance seed as the suffix, so it is globally unique, at most 24 characters and free again after a destroy.
 */
export function tenantVaultName(clusterName: string, tenant: string, subscriptionId: string, instanceSeed: string): string {
    return vaultNameFor(tenant.replace(/-+/g, "-"), `${subscriptionId}/${clusterName}/tenant/${tenant}/${instanceSeed}`);
}

/** The network mode of tenant vaults: the KMS vault's (private endpoint in prod, the reviewed exception elsewhere). */
export function tenantVaultNetwork(kms: KmsPlan): Pick<KmsPlan, "networkAccess" | "exceptionTags"> {
    return { networkAccess: kms.networkAccess, exceptionTags: kms.exceptionTags };
}

/**
 * The managed Key Vault secrets provider add-on (Secrets Store CSI driver with the Azure provider; AKS keeps it
 * at the version that matches the cluster's), with rotation on. Off when the secret store is: nothing to mount.
 */
export function secretsProviderAddon(
    config: Pick<AzureConfig, "secretStore">,
): Record<string, { enabled: boolean; config: Record<string, string> }> {
    if (!config.secretStore.enabled) return {};
    return {
        azureKeyvaultSecretsProvider: {
            enabled: true,
            config: { enableSecretRotation: "true", rotationPollInterval: SECRET_ROTATION_POLL_INTERVAL },
        },
    };
}
