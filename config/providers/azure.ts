import { z } from "zod";
import { credential, flag, guid, text, url } from "./fields";

/** The clouds azure-native knows (its `environment` key). */
export const AZURE_ENVIRONMENTS = ["public", "usgovernment", "china"] as const;
export type AzureEnvironment = (typeof AZURE_ENVIRONMENTS)[number];

/**
 * Every key of the `azure-native:` namespace that @pulumi/azure-native 3.28 documents
 * (config/vars.d.ts), with the type the explicit provider takes (provider.d.ts, same names).
 */
export const azureProviderSchema = z
    .strictObject({
        auxiliaryTenantIds: z.array(guid, { error: "a list of tenant ids (GUIDs)" }),
        clientCertificatePassword: credential,
        clientCertificatePath: text("the path of the service principal's PFX certificate"),
        clientId: guid,
        clientSecret: credential,
        disableInstanceDiscovery: flag,
        disablePulumiPartnerId: flag,
        environment: z.enum(AZURE_ENVIRONMENTS, { error: AZURE_ENVIRONMENTS.join(", ") }),
        location: text("an Azure region"),
        metadataHost: text("the Azure metadata service host name"),
        msiEndpoint: url,
        oidcRequestToken: credential,
        oidcRequestUrl: url,
        oidcToken: credential,
        oidcTokenFilePath: text("the path of the OIDC token file"),
        partnerId: guid,
        subscriptionId: guid,
        tenantId: guid,
        useDefaultAzureCredential: flag,
        useMsi: flag,
        useOidc: flag,
    })
    .partial();

export const AZURE_CREDENTIAL_KEYS = ["clientCertificatePassword", "clientSecret", "oidcRequestToken", "oidcToken"] as const;

/** The `azure-native:` settings after validation: credential material never gets this far. */
export type AzureProviderSettings = Omit<z.infer<typeof azureProviderSchema>, (typeof AZURE_CREDENTIAL_KEYS)[number]>;
