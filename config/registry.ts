import { ConfigError } from "./errors";
import { keyName } from "./raw";
import { registryName } from "./clouds/aks-registry";
import { HardenedConfig } from "./types";

/**
 * The image prefix of the stack's own registry (HC-SUP-06), when it can be known from the stack config alone:
 * the admission policies are built from plain strings, so a prefix that only the cloud knows at run time
 * (an account id looked up when the run starts) cannot be the default. Undefined: not known from config.
 * Each cloud's component creates the registry under exactly this prefix.
 */
type PrefixRule<C extends HardenedConfig["cloud"]> = (config: Extract<HardenedConfig, { cloud: C }>) => string | undefined;

const STACK_REGISTRY_PREFIX: { readonly [C in HardenedConfig["cloud"]]: PrefixRule<C> } = {
    // ECR: the account's registry in the stack's region; the account only when aws:allowedAccountIds names exactly one.
    aws: (config) => {
        const accounts = config.providerSettings.allowedAccountIds ?? [];
        return accounts.length === 1 ? `${accounts[0]}.dkr.ecr.${config.region}.amazonaws.com/` : undefined;
    },
    // ACR: the stack's registry, when aks.registry.name or azure-native:subscriptionId names it (aks-registry.ts).
    azure: (config) => {
        const name = registryName(config);
        return name ? `${name}.azurecr.io/` : undefined;
    },
    // Artifact Registry: every repository of the project in the cluster's region (the stack's and its remote mirrors).
    gcp: (config) => `${config.region}-docker.pkg.dev/${config.gke.projectId}/`,
};

export function stackRegistryPrefix(config: HardenedConfig): string | undefined {
    if (!config.registry.enabled) return undefined;
    switch (config.cloud) {
        case "aws":
            return STACK_REGISTRY_PREFIX.aws(config);
        case "azure":
            return STACK_REGISTRY_PREFIX.azure(config);
        case "gcp":
            return STACK_REGISTRY_PREFIX.gcp(config);
    }
}

/** A resolved config whose trustedRegistries may still be unset (per cloud, so the cloud's own keys stay typed). */
export type ConfigBeforeRegistryDefault = HardenedConfig extends infer C
    ? C extends HardenedConfig
        ? Omit<C, "trustedRegistries"> & { readonly trustedRegistries?: readonly string[] }
        : never
    : never;

/**
 * `trustedRegistries` as set, or else the stack's own registry: the admission policies and the registry the cloud
 * layer creates then agree. A stack that sets neither gets one error naming what to set.
 */
export function withTrustedRegistriesDefault(config: ConfigBeforeRegistryDefault): HardenedConfig {
    requireAzureRegistryName(config);
    if (config.trustedRegistries) return { ...config, trustedRegistries: config.trustedRegistries };
    const provisional: HardenedConfig = { ...config, trustedRegistries: [] };
    const prefix = stackRegistryPrefix(provisional);
    if (prefix) return { ...provisional, trustedRegistries: [prefix] };
    throw new ConfigError([
        {
            key: keyName(["trustedRegistries"]),
            value: undefined,
            allowed: config.registry.enabled
                ? `a list of registry prefixes; it defaults to the stack's own registry only when that is known from config (${REGISTRY_PREFIX_NEEDS[config.cloud]})`
                : "a list of registry prefixes (required when registry.enabled is false)",
        },
    ]);
}

const REGISTRY_PREFIX_NEEDS: Readonly<Record<HardenedConfig["cloud"], string>> = {
    aws: "set aws:allowedAccountIds to the one account of the stack",
    azure: "set aks.registry.name, or azure-native:subscriptionId to derive it",
    gcp: "gke.projectId",
};

/**
 * The Azure registry's name must be known from config (aks.registry.name, or derived from azure-native:subscriptionId):
 * the admission policies and the mirror map are plain strings, so a name decided at run time could reach neither.
 */
function requireAzureRegistryName(config: ConfigBeforeRegistryDefault): void {
    if (config.cloud !== "azure" || !config.registry.enabled || registryName(config) !== undefined) return;
    throw new ConfigError([
        {
            key: keyName(["aks", "registry", "name"]),
            value: undefined,
            allowed:
                "5-50 lowercase letters and digits, the registry's globally unique name (required while registry.enabled is true and azure-native:subscriptionId is unset; with it the name is derived)",
        },
    ]);
}
