import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GcpConfig } from "../../config/types";

/**
 * The explicit gcp provider's arguments: the stack's `gcp:*` settings (impersonation, credentials file,
 * billing project, labels, endpoints, ...) pinned to gke.projectId and the stack's region. The SDK-only
 * keys (disableGlobalProjectWarning, skipRegionValidation) are not provider arguments. The credentials
 * file path is marked secret: it names a key. Pure: config in, arguments out.
 */
export function gcpProviderArgs(config: Pick<GcpConfig, "region" | "gke" | "providerSettings">): gcp.ProviderArgs {
    const { customEndpoints, credentials, ...settings } = config.providerSettings;
    // gcp:project and gcp:region, when set, equal the stack's (config/providers/rules.ts).
    delete settings.project;
    delete settings.region;
    delete settings.disableGlobalProjectWarning;
    delete settings.skipRegionValidation;
    return {
        ...settings,
        ...customEndpoints,
        ...(credentials !== undefined ? { credentials: pulumi.secret(credentials) } : {}),
        project: config.gke.projectId,
        region: config.region,
    };
}

/**
 * gke-gcloud-auth-plugin as the provider signs in. Without impersonation the provider uses
 * Application Default Credentials (or the gcp:credentials file), so the plugin does too
 * (`--use_application_default_credentials`, GOOGLE_APPLICATION_CREDENTIALS). With
 * gcp:impersonateServiceAccount the plugin asks gcloud for a token of the same service account through
 * the same delegation chain (`--impersonate_service_account`, which gcloud takes as a comma-separated
 * chain ending with the target); gcloud's own login (or the credentials file, through
 * CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE) must be allowed to impersonate it, as the provider's must.
 */
export interface GkeAuthPlugin {
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
}

export function gkeAuthPlugin(settings: GcpConfig["providerSettings"] = {}): GkeAuthPlugin {
    const target = settings.impersonateServiceAccount;
    if (target) {
        const chain = [...(settings.impersonateServiceAccountDelegates ?? []), target].join(",");
        return {
            args: [`--impersonate_service_account=${chain}`],
            env: settings.credentials ? { CLOUDSDK_AUTH_CREDENTIAL_FILE_OVERRIDE: settings.credentials } : {},
        };
    }
    return {
        args: ["--use_application_default_credentials"],
        env: settings.credentials ? { GOOGLE_APPLICATION_CREDENTIALS: settings.credentials } : {},
    };
}
