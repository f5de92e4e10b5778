import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import { AzurePlacement } from "./context";
import { keyVaultName } from "./names";

export interface EtcdKeyArgs extends AzurePlacement {
    readonly clusterName: string;
    readonly tenantId: pulumi.Input<string>;
    readonly subscriptionId: pulumi.Input<string>;
    /** Stable for the deployment's life, new after a destroy: the control plane identity's principal id (names.ts). */
    readonly instanceSeed: pulumi.Input<string>;
    /** Protect the vault and key from `pulumi destroy` (config.deletionProtection). */
    readonly deletionProtection: boolean;
}

export interface EtcdKey {
    readonly vault: keyvault.Vault;
    readonly key: keyvault.Key;
}

/** Days a deleted vault or key stays recoverable (the maximum Key Vault allows). HC-SEC-02. */
export const SOFT_DELETE_RETENTION_DAYS = 90;

/**
 * Key rotation (HC-SEC-02): a new version every year, versions expire after two, and Event Grid
 * "near expiry" notifications 30 days before. AKS's KMS plugin keeps using the version named in
 * `azureKeyVaultKms.keyId`: after a rotation, `pulumi refresh` then `pulumi up` moves the cluster to
 * the new version; the one-year overlap is the window to do it before the old version expires.
 */
export const ETCD_KEY_ROTATION = {
    attributes: { expiryTime: "P2Y" },
    lifetimeActions: [
        { trigger: { timeAfterCreate: "P1Y" }, action: { type: "rotate" } },
        { trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" } },
    ],
} as const;

/**
 * The Key Vault and the key-encryption key for etcd (HC-SEC-01).
 *
 * Network access is public, on purpose, for a working first deploy: with KMS `keyVaultNetworkAccess:
 * "Public"` the API server's KMS plugin reaches the vault over its public endpoint, and AKS documents
 * that a vault firewall (selected networks / IP rules) blocks it. A Private vault needs API server VNet
 * integration and a private endpoint, which this blueprint leaves for a follow-up (the VNet keeps a
 * reserved range for it). The data plane is still closed: RBAC authorisation only, and the one
 * principal with a crypto role on the key is the cluster's control-plane identity.
 */
export function createEtcdKey(name: string, args: EtcdKeyArgs, opts: pulumi.CustomResourceOptions): EtcdKey {
    const keep = { protect: args.deletionProtection };
    const vault = new keyvault.Vault(
        `${name}-kv`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: { ...args.tags },
            vaultName: pulumi.all([args.subscriptionId, args.instanceSeed]).apply(([id, seed]) => keyVaultName(args.clusterName, id, seed)),
            properties: {
                tenantId: args.tenantId,
                sku: { family: "A", name: "standard" },
                // HC-SEC-03: data access only through Azure role assignments to named principals, no access policies.
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: SOFT_DELETE_RETENTION_DAYS,
                enablePurgeProtection: true,
                enabledForDeployment: false,
                enabledForDiskEncryption: false,
                enabledForTemplateDeployment: false,
                publicNetworkAccess: "Enabled",
                networkAcls: { defaultAction: "Allow", bypass: "AzureServices" },
            },
        },
        { ...opts, ...keep },
    );
    const key = new keyvault.Key(
        `${name}-etcd-key`,
        {
            resourceGroupName: args.resourceGroupName,
            vaultName: vault.name,
            keyName: "etcd-kek",
            tags: { ...args.tags },
            properties: {
                kty: "RSA",
                keySize: 2048,
                keyOps: ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
                attributes: { enabled: true },
                rotationPolicy: {
                    attributes: { ...ETCD_KEY_ROTATION.attributes },
                    lifetimeActions: ETCD_KEY_ROTATION.lifetimeActions.map((a) => ({ trigger: { ...a.trigger }, action: { ...a.action } })),
                },
            },
        },
        { ...opts, ...keep },
    );
    return { vault, key };
}
