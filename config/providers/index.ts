import { Cloud, CLOUDS, Environment } from "../../core/vocabulary";
import { ConfigProblem } from "../errors";
import { RawConfig } from "../raw";
import { AwsProviderSettings } from "./aws";
import { AzureProviderSettings } from "./azure";
import { GCP_CUSTOM_ENDPOINT_KEY, GcpProviderSettings } from "./gcp";
import { PROVIDER_NAMESPACES } from "./namespaces";
import { checkProviderShapes, HIDDEN_VALUE, mayHoldCredential, providerValues } from "./read";
import { providerRuleProblems } from "./rules";

export type { AwsProviderSettings } from "./aws";
export type { AzureProviderSettings } from "./azure";
export type { GcpProviderSettings } from "./gcp";
export { isProviderKey, PROVIDER_NAMESPACES } from "./namespaces";
export { KUBELOGIN_MODES } from "./kubelogin";
export type { KubeloginMode } from "./kubelogin";

export interface ProviderSettingsFor {
    readonly aws: AwsProviderSettings;
    readonly azure: AzureProviderSettings;
    readonly gcp: GcpProviderSettings;
}

/** Every problem of the chosen cloud's provider namespace: shapes first, then the rules relating it to the stack. */
export function providerSettingsProblems(cloud: Cloud, raw: RawConfig, environment: Environment | undefined): ConfigProblem[] {
    const { values, problems } = checkProviderShapes(cloud, raw);
    return [...problems, ...providerRuleProblems(cloud, values, raw, environment)];
}

/**
 * The validated settings of the chosen cloud's namespace. Call only after `providerSettingsProblems`
 * found nothing: credential material has then been refused, and every value has its documented type.
 */
export function resolveProviderSettings<C extends Cloud>(cloud: C, raw: RawConfig): ProviderSettingsFor[C] {
    const { values } = checkProviderShapes(cloud, raw);
    if (cloud !== "gcp") return values as ProviderSettingsFor[C];
    const settings: Record<string, unknown> = {};
    const customEndpoints: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) {
        if (GCP_CUSTOM_ENDPOINT_KEY.test(key)) customEndpoints[key] = value as string;
        else settings[key] = value;
    }
    if (Object.keys(customEndpoints).length > 0) settings["customEndpoints"] = customEndpoints;
    return settings as ProviderSettingsFor[C];
}

/**
 * Every provider key (any cloud's namespace) of a stack that creates no cloud provider, a baseline-layer
 * stack, as one problem each with `allowed`; a value that may be credential material is never printed.
 */
export function providerKeysRefused(raw: RawConfig, allowed: string): ConfigProblem[] {
    return CLOUDS.flatMap((cloud) =>
        Object.entries(providerValues(cloud, raw)).map(([key, value]) => ({
            key: `${PROVIDER_NAMESPACES[cloud]}:${key}`,
            value: mayHoldCredential(cloud, key) ? HIDDEN_VALUE : value,
            allowed,
        })),
    );
}
