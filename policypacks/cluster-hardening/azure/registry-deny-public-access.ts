import * as containerregistry from "@pulumi/azure-native/containerregistry";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-SUP-06: a container registry is private and signs nobody in with a shared secret. The admin user is one
 * user name and password for push and pull, outside Entra ID and its audit; anonymous pull lets anyone who
 * reaches the registry read every image; public network access (the API's default when unset) puts the login
 * server on the internet. Only the Premium tier takes private endpoints, so Basic and Standard registries can only
 * be public.
 */
export const azureContainerregistryRegistryDenyPublicAccess = controlResourcePolicy({
    name: "azure-containerregistry-registry-deny-public-access",
    controlId: "HC-SUP-06",
    description:
        "Container registries are Premium, with public network access disabled, no admin user and no anonymous pull, so images are read only through a private endpoint by Entra ID identities.",
    remediationSteps:
        "Set sku.name Premium, publicNetworkAccess Disabled with a private endpoint, adminUserEnabled false and anonymousPullEnabled false; grant AcrPull to the identities that pull.",
    validateResource: validateResourceOfType(containerregistry.Registry, (registry, _args, report) => {
        const findings: string[] = [];
        if (registry.sku.name !== "Premium")
            findings.push(`sku.name is ${registry.sku.name}, a tier without private endpoints, so the registry can only be public`);
        const access = registry.publicNetworkAccess ?? "Enabled (the API's default when unset)";
        if (registry.publicNetworkAccess !== "Disabled")
            findings.push(`publicNetworkAccess is ${access}, so the login server is on the internet`);
        if (registry.adminUserEnabled === true)
            findings.push("adminUserEnabled is true: one shared user name and password can push and pull, outside Entra ID");
        if (registry.anonymousPullEnabled === true)
            findings.push("anonymousPullEnabled is true: anyone who reaches the registry reads every image");
        if (findings.length === 0) return;
        report(
            `${findings.join("; ")}; use Premium with publicNetworkAccess Disabled, a private endpoint, and Entra ID pulls (AcrPull) only`,
        );
    }),
});
