import { controlResourcePolicy } from "../../lib/define";
import { KINDS, record, validateObjects } from "./objects";

/**
 * HC-IAM-06: a SecretProviderClass reads the store through the pod's own identity, never the node's or the
 * provider DaemonSet's, which every tenant's pods on the node share. Azure Key Vault provider:
 * parameters.useVMManagedIdentity "true" reads as the node pool's (or a VMSS-assigned) managed identity; GCP provider:
 * parameters.auth "provider-adc" reads as the provider's own credentials ("no namespace isolation", the provider's
 * authentication docs). AWS ASCP reads with the pod's IRSA or Pod Identity only. The cloud packs also refuse any
 * secret-store grant to node identities, so this is defence in depth for classes the stack creates.
 */
export const secretProviderClassDenyNodeIdentity = controlResourcePolicy({
    name: "kubernetes-secretproviderclass-deny-node-identity",
    controlId: "HC-IAM-06",
    description: "SecretProviderClasses read secrets through the pod's workload identity, not the node's or the provider's.",
    remediationSteps:
        'Remove parameters.useVMManagedIdentity (Azure) or set parameters.auth to "pod-adc" (GCP); give the pod the tenant service account with its workload identity.',
    validateResource: validateObjects([KINDS.secretProviderClass], (spc, _args, report) => {
        const parameters = record(record(spc.body["spec"])?.["parameters"]) ?? {};
        if (String(parameters["useVMManagedIdentity"]).toLowerCase() === "true") {
            report(
                `${spc.label} sets parameters.useVMManagedIdentity "true", so it reads Key Vault as the node's managed identity, shared by every pod on the node; remove it and use the tenant's workload identity (clientID)`,
            );
        }
        if (parameters["auth"] === "provider-adc") {
            report(
                `${spc.label} sets parameters.auth "provider-adc", so it reads Secret Manager as the provider's own identity, shared by every namespace; set it to "pod-adc" (the default) and use the tenant's workload identity`,
            );
        }
    }),
});
