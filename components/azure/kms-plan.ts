import { AzureConfig } from "../../config/types";
import { exceptionTagKey, formatCarriedException } from "../../core/exception-format";

/**
 * How the etcd key-encryption key is reached (HC-SEC-01, HC-SEC-03). Pure: config in, plan out.
 *
 * Prod: the Private mode AKS documents for KMS. The vault's public network access is off and it answers
 * only on a private endpoint in the cluster VNet; the API server, projected into a delegated subnet by API
 * server VNet integration (required for a private KMS vault: Konnectivity is not supported for it), reaches
 * it there. The key is HSM-protected (RSA-HSM, Premium vault): the Azure KMS plugin AKS runs documents
 * HSM-protected keys (github.com/Azure/kubernetes-kms), and the plugin only wraps and unwraps with the key.
 *
 * Other environments: the Public mode, where the KMS plugin calls the vault's public endpoint (AKS does not
 * support a vault firewall with selected networks). That is a HC-SEC-03 finding, carried on the vault as a
 * reviewed exception with an expiry, so the plan shows it and it cannot stay unreviewed for longer than a year.
 * AKS cannot switch a KMS vault between Public and Private while KMS is on: decide before the first deploy.
 */
export interface KmsPlan {
    readonly networkAccess: "Private" | "Public";
    readonly vaultSku: "premium" | "standard";
    readonly keyType: "RSA-HSM" | "RSA";
    /** Tags the vault carries: the reviewed exception of the Public mode, or none. */
    readonly exceptionTags: Readonly<Record<string, string>>;
}

/** The reviewed exception for a public KMS vault outside prod (core/exception-format.ts). */
export const PUBLIC_KMS_VAULT_EXCEPTION = {
    expires: "2027-06-30",
    approver: "platform-security@example.com",
    reason: "Non-prod KMS vault on its public endpoint (RBAC only, no access policies); prod uses a private endpoint. Review at expiry.",
} as const;

export function planKms(config: Pick<AzureConfig, "environment">): KmsPlan {
    if (config.environment === "prod") return { networkAccess: "Private", vaultSku: "premium", keyType: "RSA-HSM", exceptionTags: {} };
    return {
        networkAccess: "Public",
        vaultSku: "standard",
        keyType: "RSA",
        exceptionTags: { [exceptionTagKey("HC-SEC-03")]: formatCarriedException(PUBLIC_KMS_VAULT_EXCEPTION) },
    };
}
