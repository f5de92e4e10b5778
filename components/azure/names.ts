import { createHash } from "crypto";

/**
 * Names derived from stable keys. Role assignment names must be GUIDs; deriving them from the
 * assignment's meaning (not an array index or a random value) keeps them stable across runs and
 * makes a second `pulumi up` a no-op.
 */

/** A name-based (RFC 4122 version 5 style, SHA-1) GUID for `key` inside `namespace`. */
export function stableGuid(namespace: string, key: string): string {
    const hash = createHash("sha1").update(`${namespace}\u0000${key}`).digest();
    const bytes = Buffer.from(hash.subarray(0, 16));
    bytes[6] = (bytes[6] & 0x0f) | 0x50;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The cluster's resource group: one per cluster, so its lifecycle and RBAC are the cluster's own. */
export function resourceGroupName(clusterName: string): string {
    return `rg-${clusterName}`;
}

/** The AKS-managed node resource group (VM scale sets, disks), named instead of AKS's MC_ default. */
export function nodeResourceGroupName(clusterName: string): string {
    return `rg-${clusterName}-nodes`;
}

/**
 * A Key Vault name (globally unique DNS label, 3-24 characters, letters, digits and '-'). The suffix
 * hashes the subscription, the cluster and `instanceSeed`, a value that stays the same for the life of
 * the deployment and changes when it is destroyed and created again (the control plane identity's
 * principal id). With purge protection a deleted vault keeps its name for the 90-day retention, so a
 * name derived from the cluster alone could not be created again after a destroy; two organisations
 * with a "platform-prod" cluster do not collide either.
 */
export function keyVaultName(clusterName: string, subscriptionId: string, instanceSeed: string): string {
    return vaultNameFor(clusterName, `${subscriptionId}/${clusterName}/${instanceSeed}`);
}

/**
 * `kv-<stem>-<6 hex>`: `stem` cut to 14 characters (no trailing '-'), the suffix a hash of `uniqueKey`, which
 * must hold the subscription and the instance seed (see keyVaultName). At most 24 characters.
 */
export function vaultNameFor(stem: string, uniqueKey: string): string {
    const suffix = createHash("sha256").update(uniqueKey).digest("hex").slice(0, 6);
    return `kv-${stem.slice(0, 14).replace(/-+$/, "")}-${suffix}`;
}
