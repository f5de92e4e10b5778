import { BuiltInRole } from "./roles";

/**
 * Built-in roles that read secret values in an RBAC-mode Key Vault ("Azure built-in roles", Security):
 * Secrets User (get/list), Secrets Officer (every secret action) and Administrator (every data action).
 * Key Vault Reader reads metadata only, never a value, so it is not one of them.
 */
export const SECRET_READER_ROLES: readonly BuiltInRole[] = [
    { name: "Key Vault Secrets User", guid: "4633458b-17de-408a-b874-0445c86b69e6" },
    { name: "Key Vault Secrets Officer", guid: "b86a8fe4-44ce-4948-aee5-eccb2c155cd7" },
    { name: "Key Vault Administrator", guid: "00482a5a-887f-4fb3-b363-3b7fe8e74483" },
];

/** Tag on a tenant's vault and identity naming the tenant (components/azure/tenant-secrets-plan.ts TENANT_TAG). */
export const TENANT_TAG = "hardened-cluster-tenant";
