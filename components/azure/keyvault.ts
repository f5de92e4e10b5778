import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import { AzurePlacement } from "./context";
import { KmsPlan } from "./kms-plan";
import { keyVaultName } from "./names";

export interface EtcdKeyArgs extends AzurePlacement {
    readonly clusterName: string;
    readonly tenantId: pulumi.Input<string>;
    readonly subscriptionId: pulumi.Input<string>;
    /** Stable for the deployment's life, new after a destroy: the control plane identity's principal id (names.ts). */
    readonly instanceSeed: pulumi.Input<string>;
    /** Public or Private vault, key type, the Public mode's exception tag (kms-plan.ts). */
    readonly kms: KmsPlan;
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

export interface HardenedVaultArgs extends AzurePlacement {
    readonly vaultName: pulumi.Input<string>;
    readonly tenantId: pulumi.Input<string>;
    readonly sku: "premium" | "standard";
    /** Private: no public endpoint (reach it through a private endpoint); Public: open, RBAC only (a carried exception). */
    readonly networkAccess: "Private" | "Public";
}

/**
 * A Key Vault in the blueprint's shape (HC-SEC-02, HC-SEC-03): RBAC authorization only (no access policies),
 * soft delete for the maximum retention, purge protection, no platform access, and in the Private mode no
 * public endpoint. Used for the KMS vault and for each tenant's secrets vault (tenant-secrets.ts).
 */
export function createHardenedVault(name: string, args: HardenedVaultArgs, opts: pulumi.CustomResourceOptions): keyvault.Vault {
    return new keyvault.Vault(
        name,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: { ...args.tags },
            vaultName: args.vaultName,
            properties: {
                tenantId: args.tenantId,
                sku: { family: "A", name: args.sku },
                // HC-SEC-03: data access only through Azure role assignments to named principals, no access policies.
                enableRbacAuthorization: true,
                enableSoftDelete: true,
                softDeleteRetentionInDays: SOFT_DELETE_RETENTION_DAYS,
                enablePurgeProtection: true,
                enabledForDeployment: false,
                enabledForDiskEncryption: false,
                enabledForTemplateDeployment: false,
                ...(args.networkAccess === "Private"
                    ? { publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny", bypass: "AzureServices" } }
                    : { publicNetworkAccess: "Enabled", networkAcls: { defaultAction: "Allow", bypass: "AzureServices" } }),
            },
        },
        opts,
    );
}

/**
 * The Key Vault and the key-encryption key for etcd (HC-SEC-01, HC-SEC-03), in the network mode of the
 * KMS plan: Private (prod) closes the vault's public endpoint, Public keeps it open because the KMS plugin
 * then calls it from outside the VNet and AKS documents that a vault firewall with selected networks blocks
 * it. Either way the data plane is RBAC-only, and the one principal with a crypto role on the key is the
 * cluster's control-plane identity. Pulumi creates the key through ARM (the Key Vault resource provider),
 * not the data plane, so a closed vault does not need the deployer inside the VNet.
 */
export function createEtcdKey(name: string, args: EtcdKeyArgs, opts: pulumi.CustomResourceOptions): EtcdKey {
    const keep = { protect: args.deletionProtection };
    const vault = createHardenedVault(
        `${name}-kv`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: { ...args.tags, ...args.kms.exceptionTags },
            vaultName: pulumi.all([args.subscriptionId, args.instanceSeed]).apply(([id, seed]) => keyVaultName(args.clusterName, id, seed)),
            tenantId: args.tenantId,
            sku: args.kms.vaultSku,
            networkAccess: args.kms.networkAccess,
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
                kty: args.kms.keyType,
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
