import { createHash } from "crypto";
import { z } from "zod";

/**
 * The environment's Azure Container Registry (HC-SUP-05, HC-SUP-06), under `aks.registry`, and who manages the
 * subscription's Defender for Containers plan (`aks.defenderForContainers`). Pure: config in, settings out.
 */

/** ACR names: 5-50 alphanumerics, globally unique; lowercase here so the login server equals `<name>.azurecr.io`. */
export const ACR_NAME = /^[a-z0-9]{5,50}$/;

/**
 * Upstreams ACR's artifact cache can mirror that the baseline pulls from (artifact cache overview, "supported
 * upstream registries"). Docker Hub is cached only with a credential set (authenticated pulls); the others
 * also pull anonymously. cr.fluentbit.io is not a supported upstream, so fluent-bit is never mirrored.
 */
export const ACR_CACHE_UPSTREAMS = {
    "docker.io": { prefix: "docker", credentialsRequired: true },
    "ghcr.io": { prefix: "ghcr", credentialsRequired: false },
    "quay.io": { prefix: "quay", credentialsRequired: false },
    "registry.k8s.io": { prefix: "k8s", credentialsRequired: false },
    "mcr.microsoft.com": { prefix: "mcr", credentialsRequired: false },
} as const;
export type AcrCacheUpstream = keyof typeof ACR_CACHE_UPSTREAMS;
const UPSTREAMS = Object.keys(ACR_CACHE_UPSTREAMS) as [AcrCacheUpstream, ...AcrCacheUpstream[]];

/** A Key Vault secret URI (versionless or versioned): what an ACR credential set reads the user name and password from. */
const SECRET_URI = /^https:\/\/[a-zA-Z0-9-]{3,24}\.vault\.azure\.net\/secrets\/[a-zA-Z0-9-]{1,127}(\/[0-9a-f]{32})?$/;
const secretUri = z
    .string({ error: "a Key Vault secret URI: https://<vault>.vault.azure.net/secrets/<name>" })
    .regex(SECRET_URI, { error: "a Key Vault secret URI: https://<vault>.vault.azure.net/secrets/<name>" });

/**
 * Defender for Containers is a subscription-wide plan (Microsoft.Security/pricings "Containers"): `manage` sets it
 * to Standard with registry scanning from this stack; `assume-enabled` leaves it to the organisation that already
 * manages it (one stack per subscription should manage it, or none).
 */
export const DEFENDER_MODES = ["manage", "assume-enabled"] as const;
export type DefenderForContainersMode = (typeof DEFENDER_MODES)[number];

export const aksRegistrySchema = z.strictObject({
    /** The registry's name; unset: derived from the cluster name and azure-native:subscriptionId (registryName). */
    name: z
        .string({ error: "5-50 lowercase letters and digits (a globally unique ACR name)" })
        .regex(ACR_NAME, { error: "5-50 lowercase letters and digits (a globally unique ACR name)" })
        .optional(),
    /** Per upstream host: the Key Vault secrets holding its user name and password (an ACR credential set). */
    upstreamCredentials: z
        .partialRecord(
            z.enum(UPSTREAMS, { error: UPSTREAMS.join(", ") }),
            z.strictObject({ usernameSecretUri: secretUri, passwordSecretUri: secretUri }),
            { error: `a map from an upstream host (${UPSTREAMS.join(", ")}) to { usernameSecretUri, passwordSecretUri }` },
        )
        .optional(),
});
export type AksRegistryInput = z.infer<typeof aksRegistrySchema>;

export interface UpstreamCredential {
    readonly usernameSecretUri: string;
    readonly passwordSecretUri: string;
}

export interface AksRegistrySettings {
    /** As configured; the effective name is registryName(config). */
    readonly name?: string;
    readonly upstreamCredentials: Readonly<Partial<Record<AcrCacheUpstream, UpstreamCredential>>>;
}

export function resolveAksRegistry(input: AksRegistryInput | undefined): AksRegistrySettings {
    return { ...(input?.name ? { name: input.name } : {}), upstreamCredentials: { ...(input?.upstreamCredentials ?? {}) } };
}

/**
 * The registry's name: `aks.registry.name`, or else derived like the Key Vault name (components/azure/names.ts)
 * but only from config, so trustedRegistries can default to it: the cluster name's letters and digits (16 at
 * most) and 8 hex digits of a hash of the subscription and the cluster. Undefined when neither is in config.
 */
export function registryName(config: {
    readonly clusterName: string;
    readonly aks: { readonly registry: AksRegistrySettings };
    readonly providerSettings: { readonly subscriptionId?: string };
}): string | undefined {
    if (config.aks.registry.name) return config.aks.registry.name;
    const subscription = config.providerSettings.subscriptionId;
    return subscription ? derivedRegistryName(config.clusterName, subscription) : undefined;
}

/** The derived name (a subscription only known when the run starts cannot name it: see registry.ts). */
export function derivedRegistryName(clusterName: string, subscriptionId: string): string {
    const stem = clusterName
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "")
        .slice(0, 16);
    const suffix = createHash("sha256").update(`${subscriptionId.toLowerCase()}/${clusterName}`).digest("hex").slice(0, 8);
    return `acr${stem}${suffix}`;
}
