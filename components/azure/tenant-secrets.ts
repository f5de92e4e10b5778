import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { TenantIdentity } from "../shared/handover";
import { AzurePlacement } from "./context";
import { createHardenedVault } from "./keyvault";
import { stableGuid } from "./names";
import { roleDefinitionId } from "./roles";
import { TENANT_TAG, TenantSecretsPlan, tenantVaultName, WORKLOAD_IDENTITY_AUDIENCE } from "./tenant-secrets-plan";
import { createPrivateVaultEndpoint } from "./vault-endpoint";

export interface TenantSecretsArgs extends AzurePlacement {
    readonly clusterName: string;
    readonly plans: readonly TenantSecretsPlan[];
    readonly tenantId: pulumi.Input<string>;
    readonly subscriptionId: pulumi.Input<string>;
    /** Seeds the vault names (names.ts): the control plane identity's principal id. */
    readonly instanceSeed: pulumi.Input<string>;
    readonly guidNamespace: pulumi.Input<string>;
    /** The cluster's OIDC issuer URL: the federated credentials trust tokens it signs. */
    readonly oidcIssuerUrl: pulumi.Input<string>;
    /** The KMS vault's network mode and exception tags (kms-plan.ts): tenant vaults follow it. */
    readonly network: { readonly networkAccess: "Private" | "Public"; readonly exceptionTags: Readonly<Record<string, string>> };
    /** Private mode: the private-endpoint subnet and the linked privatelink.vaultcore.azure.net zone. */
    readonly privateRoute?: { readonly subnetId: pulumi.Input<string>; readonly zoneId: pulumi.Input<string> };
    /** Protect each vault from `pulumi destroy` (config.deletionProtection). */
    readonly deletionProtection: boolean;
}

export interface TenantSecrets {
    readonly tenant: string;
    readonly vault: keyvault.Vault;
    readonly identity: managedidentity.UserAssignedIdentity;
    readonly credential: managedidentity.FederatedIdentityCredential;
    readonly grant: authorization.RoleAssignment;
    readonly handover: TenantIdentity<pulumi.Input<string>>;
}

/**
 * Per tenant with secrets (tenant-secrets-plan.ts, HC-IAM-06): its own vault, its own user-assigned identity
 * federated with exactly one service account of its namespace, and Key Vault Secrets User on that vault only.
 * The kubelet identity and the add-on's own identity get no secrets role anywhere: pods read through the
 * tenant's identity (`usePodIdentity: "false"` with `clientID`, i.e. workload identity).
 *
 * The vault holds data the platform cannot recreate: prod protects it, and every environment keeps it when the
 * tenant is removed from config (retainOnDelete), so a config change never deletes a tenant's secrets. Its name
 * and network settings depend only on the deployment (never on the tenant's secret list), so adding a secret
 * updates nothing but the SecretProviderClass.
 */
export function createTenantSecrets(name: string, args: TenantSecretsArgs, opts: pulumi.CustomResourceOptions): TenantSecrets[] {
    return args.plans.map((plan) => {
        const stem = `${name}-tenant-${plan.tenant}`;
        const tags = { ...args.tags, [TENANT_TAG]: plan.tenant };
        const vault = createHardenedVault(
            `${stem}-kv`,
            {
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                tags: { ...tags, ...args.network.exceptionTags },
                vaultName: pulumi
                    .all([args.subscriptionId, args.instanceSeed])
                    .apply(([id, seed]) => tenantVaultName(args.clusterName, plan.tenant, id, seed)),
                tenantId: args.tenantId,
                sku: "standard",
                networkAccess: args.network.networkAccess,
            },
            { ...opts, protect: args.deletionProtection, retainOnDelete: true },
        );
        const ready = args.privateRoute
            ? createPrivateVaultEndpoint(
                  `${stem}-kv`,
                  {
                      resourceGroupName: args.resourceGroupName,
                      location: args.location,
                      tags,
                      endpointName: `pe-kv-${args.clusterName}-${plan.tenant}`,
                      vaultId: vault.id,
                      subnetId: args.privateRoute.subnetId,
                      zoneId: args.privateRoute.zoneId,
                  },
                  opts,
              )
            : [];
        const identity = new managedidentity.UserAssignedIdentity(
            `${stem}-identity`,
            {
                resourceGroupName: args.resourceGroupName,
                location: args.location,
                resourceName: `id-${args.clusterName}-${plan.tenant}`,
                tags,
            },
            opts,
        );
        const credential = new managedidentity.FederatedIdentityCredential(
            `${stem}-federation`,
            {
                resourceGroupName: args.resourceGroupName,
                resourceName: identity.name,
                federatedIdentityCredentialResourceName: plan.serviceAccount,
                issuer: args.oidcIssuerUrl,
                subject: plan.subject,
                audiences: [WORKLOAD_IDENTITY_AUDIENCE],
            },
            opts,
        );
        const grant = new authorization.RoleAssignment(
            `${stem}-secrets-user`,
            {
                roleAssignmentName: pulumi.output(args.guidNamespace).apply((ns) => stableGuid(ns, plan.grantKey)),
                principalId: identity.principalId,
                // A new identity may not have replicated yet; the type lets ARM skip the directory lookup.
                principalType: "ServicePrincipal",
                roleDefinitionId: pulumi.output(args.subscriptionId).apply((id) => roleDefinitionId(id, "keyVaultSecretsUser")),
                scope: vault.id,
                description: `Tenant ${plan.tenant}: read its own secrets (HC-IAM-06)`,
            },
            { ...opts, dependsOn: ready },
        );
        const handover: TenantIdentity<pulumi.Input<string>> = {
            serviceAccount: plan.serviceAccount,
            annotations: { "azure.workload.identity/client-id": identity.clientId },
            podLabels: { "azure.workload.identity/use": "true" },
            secretProviderClass: {
                provider: "azure",
                parameters: {
                    usePodIdentity: "false",
                    clientID: identity.clientId,
                    keyvaultName: vault.name,
                    tenantId: args.tenantId,
                    objects: plan.objects,
                },
            },
        };
        return { tenant: plan.tenant, vault, identity, credential, grant, handover };
    });
}
