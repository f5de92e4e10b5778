import { z } from "zod";
import { credential, flag, stringMap, text, textList } from "./fields";

export const GCP_PROJECT_ID = /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const projectId = z.string({ error: "a Google Cloud project id" }).regex(GCP_PROJECT_ID, { error: "a Google Cloud project id" });
/** A service account e-mail: <name>@<project>.iam.gserviceaccount.com (or a Google-managed one). */
export const SERVICE_ACCOUNT_EMAIL = /^[a-z0-9][a-z0-9._-]*@[a-z0-9][a-z0-9.-]*\.gserviceaccount\.com$/;
const serviceAccount = z
    .string({ error: "a service account e-mail such as deployer@acme-platform-prod.iam.gserviceaccount.com" })
    .regex(SERVICE_ACCOUNT_EMAIL, { error: "a service account e-mail such as deployer@acme-platform-prod.iam.gserviceaccount.com" });

/** `<service>CustomEndpoint` keys (about two hundred, one per Google API): an endpoint URL each. */
export const GCP_CUSTOM_ENDPOINT_KEY = /^[a-z][A-Za-z0-9]*CustomEndpoint$/;
export const gcpCustomEndpoint = z.string({ error: "an endpoint URL" }).url({ error: "an endpoint URL" });

/**
 * Every key of the `gcp:` namespace that @pulumi/gcp 9.37 documents (config/vars.d.ts) apart from the
 * `<service>CustomEndpoint` family, with the type the explicit provider takes (provider.d.ts).
 */
export const gcpProviderSchema = z
    .strictObject({
        accessToken: credential,
        addPulumiAttributionLabel: flag,
        batching: z.strictObject({ enableBatching: flag.optional(), sendAfter: text("a duration such as 10s").optional() }),
        billingProject: projectId,
        /** A path only: the file the kubeconfig's plugin reads too. A key's contents are refused. */
        credentials: text("the path of a credentials file (service account key or external account configuration)"),
        defaultLabels: stringMap,
        deletionPolicy: text("a deletion policy"),
        /** Read by the Pulumi SDK, not by the provider. */
        disableGlobalProjectWarning: flag,
        disableGooglePartnerName: flag,
        externalCredentials: credential,
        googlePartnerName: text("a partner name"),
        impersonateServiceAccount: serviceAccount,
        impersonateServiceAccountDelegates: z.array(serviceAccount, { error: "a list of service account e-mails" }),
        pollInterval: text("a duration such as 10s"),
        preferGlobalEndpoints: flag,
        preferRegionalEndpoints: flag,
        project: projectId,
        pulumiAttributionLabelAdditionStrategy: text("an attribution label strategy"),
        region: text("a Google Cloud region"),
        requestReason: text("a request reason"),
        requestTimeout: text("a duration such as 120s"),
        scopes: textList("OAuth scopes"),
        /** Read by the Pulumi SDK, not by the provider. */
        skipRegionValidation: flag,
        universeDomain: text("a universe domain"),
        userProjectOverride: flag,
        zone: text("a Google Cloud zone"),
    })
    .partial();

export const GCP_CREDENTIAL_KEYS = ["accessToken", "externalCredentials"] as const;
/** Keys the Pulumi SDK reads itself; the explicit provider has no such argument. */
export const GCP_SDK_ONLY_KEYS = ["disableGlobalProjectWarning", "skipRegionValidation"] as const;

/** The `gcp:` settings after validation: credential material never gets this far. */
export type GcpProviderSettings = Omit<z.infer<typeof gcpProviderSchema>, (typeof GCP_CREDENTIAL_KEYS)[number]> & {
    /** `<service>CustomEndpoint` keys as given. */
    readonly customEndpoints?: Readonly<Record<string, string>>;
};
