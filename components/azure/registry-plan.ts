import { ACR_CACHE_UPSTREAMS, AcrCacheUpstream, registryName, UpstreamCredential } from "../../config/clouds/aks-registry";
import { AZURE_REGIONS_WITHOUT_ZONES } from "../../config/clouds/aks";
import { AzureConfig } from "../../config/types";

/**
 * The environment's Azure Container Registry (HC-SUP-05, HC-SUP-06). Pure: config in, plan out.
 *
 * Premium, the only tier with private endpoints, customer-managed keys, zone redundancy and retention of
 * untagged manifests. No admin user, no anonymous pull, no public network: nodes and the signature webhook pull
 * through the private endpoint with Entra ID identities (AcrPull). Content trust stays off: it is deprecated and
 * does not work with customer-managed keys; signatures are cosign (or Notation) OCI artifacts stored beside the
 * images and verified at admission by policy-controller (HC-SUP-04).
 */
export interface AcrCacheRulePlan {
    readonly upstream: AcrCacheUpstream;
    /** Cache rule and credential set names: letters, digits and '-'. */
    readonly ruleName: string;
    /** Every repository of the upstream ("docker.io/*"): registry-level wildcard rule. */
    readonly sourceRepository: string;
    /** Under a prefix of the registry ("docker/*"). */
    readonly targetRepository: string;
    readonly prefix: string;
    readonly credentials?: UpstreamCredential;
}

export interface AcrPlan {
    readonly name: string;
    readonly loginServer: string;
    /** Prod in a region with zones; ACR decides zone redundancy at creation only. */
    readonly zoneRedundancy: "Enabled" | "Disabled";
    /** Untagged manifests (overwritten tags, failed pushes) are purged after this many days. */
    readonly untaggedRetentionDays: number;
    /** Pull-through cache rules when registry.mirror; empty otherwise. */
    readonly cacheRules: readonly AcrCacheRulePlan[];
    /** Upstreams the baseline needs that are not mirrored, with the reason (README). */
    readonly unmirrored: readonly { readonly upstream: string; readonly reason: string }[];
    /** Protect the registry and its key from `pulumi destroy` (config.deletionProtection). */
    readonly protect: boolean;
    readonly manageDefender: boolean;
}

/** Untagged-manifest retention: a week in dev and staging, a month in prod (rollbacks by digest stay possible). */
export const UNTAGGED_RETENTION_DAYS = { dev: 7, staging: 7, prod: 30 } as const;

/** Hosts the baseline pulls from that ACR's artifact cache does not support as upstreams. */
export const UNSUPPORTED_UPSTREAMS = ["cr.fluentbit.io"] as const;

export function planAcr(config: AzureConfig): AcrPlan | undefined {
    if (!config.registry.enabled) return undefined;
    const name = registryName(config);
    // config/registry.ts refuses an enabled registry without a name known from config.
    if (!name) throw new Error("registry.enabled without an ACR name: config validation should have refused it");
    const zoned = !(AZURE_REGIONS_WITHOUT_ZONES as readonly string[]).includes(config.region);
    const cacheRules: AcrCacheRulePlan[] = [];
    const unmirrored: { upstream: string; reason: string }[] = [];
    if (config.registry.mirror) {
        for (const [upstream, spec] of Object.entries(ACR_CACHE_UPSTREAMS) as [
            AcrCacheUpstream,
            (typeof ACR_CACHE_UPSTREAMS)[AcrCacheUpstream],
        ][]) {
            const credentials = config.aks.registry.upstreamCredentials[upstream];
            if (spec.credentialsRequired && !credentials) {
                unmirrored.push({ upstream, reason: "ACR caches it only with a credential set: set aks.registry.upstreamCredentials" });
                continue;
            }
            cacheRules.push({
                upstream,
                ruleName: `mirror-${spec.prefix}`,
                sourceRepository: `${upstream}/*`,
                targetRepository: `${spec.prefix}/*`,
                prefix: spec.prefix,
                ...(credentials ? { credentials } : {}),
            });
        }
        for (const upstream of UNSUPPORTED_UPSTREAMS)
            unmirrored.push({ upstream, reason: "not an upstream ACR's artifact cache supports" });
    }
    return {
        name,
        loginServer: `${name}.azurecr.io`,
        zoneRedundancy: config.environment === "prod" && zoned ? "Enabled" : "Disabled",
        untaggedRetentionDays: UNTAGGED_RETENTION_DAYS[config.environment],
        cacheRules,
        unmirrored,
        protect: config.deletionProtection,
        manageDefender: config.aks.defenderForContainers === "manage",
    };
}

/** The hand-over's imageMirror: upstream host → `<login server>/<prefix>`, for each cache rule. */
export function acrImageMirror(plan: AcrPlan): Record<string, string> {
    return Object.fromEntries(plan.cacheRules.map((rule) => [rule.upstream, `${plan.loginServer}/${rule.prefix}`]));
}
