import { ProviderArgs } from "@pulumi/azure-native/provider";
import { AzureConfig } from "../../config/types";

/**
 * The explicit azure-native provider's arguments: the stack's `azure-native:*` settings (subscription,
 * tenant, client, OIDC or managed identity, cloud environment, ...) and the stack's region as the
 * default location. Pure: config in, arguments out.
 */
export function azureProviderArgs(config: Pick<AzureConfig, "region" | "providerSettings">): ProviderArgs {
    // azure-native:location, when set, equals the stack's region (config/providers/rules.ts).
    const settings = { ...config.providerSettings };
    delete settings.location;
    return { ...settings, location: config.region };
}
