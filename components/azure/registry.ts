import * as authorization from "@pulumi/azure-native/authorization";
import * as containerregistry from "@pulumi/azure-native/containerregistry";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as security from "@pulumi/azure-native/security";
import * as pulumi from "@pulumi/pulumi";
import { WorkloadIdentity } from "../shared/handover";
import { AzurePlacement } from "./context";
import { ETCD_KEY_ROTATION } from "./keyvault";
import { KmsPlan } from "./kms-plan";
import { stableGuid } from "./names";
import { createPrivateEndpoint } from "./private-endpoint";
import { AcrPlan } from "./registry-plan";
import { BuiltInRole, roleDefinitionId } from "./roles";

/** The private DNS zone ACR's private endpoints resolve in (registry and its regional data endpoint). */
export const ACR_PRIVATE_ZONE = "privatelink.azurecr.io";

/**
 * The Sigstore policy-controller's webhook account (chart policy-controller: `<release>-webhook` in cosign-system;
 * components/kubernetes/platform-identities.ts maps its identity into the chart values).
 */
export const POLICY_CONTROLLER_ACCOUNT = { namespace: "cosign-system", serviceAccount: "policy-controller-webhook" } as const;

/** The audience AKS workload identity's federated credentials use (Entra ID token exchange). */
export const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

export interface AcrArgs extends AzurePlacement {
    readonly clusterName: string;
    readonly plan: AcrPlan;
    readonly subscriptionId: pulumi.Input<string>;
    readonly guidNamespace: pulumi.Input<string>;
    /** The stack's Key Vault (RBAC, purge protection), where the registry's key lives beside the etcd key. */
    readonly vaultName: pulumi.Input<string>;
    readonly kms: KmsPlan;
    readonly privateEndpoint: {
        readonly subnetId: pulumi.Input<string>;
        readonly vnetId: pulumi.Input<string>;
        readonly runnerVnetId?: string;
    };
}

export interface AcrPullArgs {
    /** The kubelet identity's object id (ManagedCluster identityProfile.kubeletidentity). */
    readonly kubeletObjectId: pulumi.Input<string>;
    /** The cluster's OIDC issuer URL, for the signature webhook's federated credential. */
    readonly oidcIssuerUrl: pulumi.Input<string>;
}

export interface StackRegistry {
    readonly registry: containerregistry.Registry;
    /** Credential sets' system identities: each needs Key Vault Secrets User on its upstream's secrets (README). */
    readonly credentialSetPrincipals: Record<string, pulumi.Output<string>>;
}

function grant(
    name: string,
    args: Pick<AcrArgs, "subscriptionId" | "guidNamespace">,
    role: BuiltInRole,
    key: string,
    principalId: pulumi.Input<string>,
    scope: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions,
): authorization.RoleAssignment {
    return new authorization.RoleAssignment(
        name,
        {
            roleAssignmentName: pulumi.output(args.guidNamespace).apply((ns) => stableGuid(ns, `registry/${key}/${role}`)),
            principalId,
            principalType: "ServicePrincipal",
            roleDefinitionId: pulumi.output(args.subscriptionId).apply((id) => roleDefinitionId(id, role)),
            scope,
            description: `Stack registry: ${key} ${role}`,
        },
        opts,
    );
}

/**
 * The registry (HC-SUP-06), encrypted with the stack's own key, reachable only on its private endpoint, with
 * the pull-through cache rules of the plan.
 *
 * Customer-managed key: ACR reads the key through a user-assigned identity named in `encryption`, so the identity
 * and its Key Vault Crypto Service Encryption User grant on the key exist before the registry; ACR checks the key
 * at creation and Azure RBAC can take minutes to propagate, so a first `pulumi up` may fail on the registry once
 * and succeed when run again. The key id is versionless, so ACR follows the key's yearly rotation by itself.
 * Encryption is decided at creation: ACR cannot add or remove a customer-managed key later.
 */
export function createStackRegistry(name: string, args: AcrArgs, opts: pulumi.CustomResourceOptions): StackRegistry {
    const { plan } = args;
    const tags = { ...args.tags };
    const keep = { protect: plan.protect };
    const cmkIdentity = new managedidentity.UserAssignedIdentity(
        `${name}-acr-cmk`,
        { resourceGroupName: args.resourceGroupName, location: args.location, tags },
        opts,
    );
    const key = new keyvault.Key(
        `${name}-acr-key`,
        {
            resourceGroupName: args.resourceGroupName,
            vaultName: args.vaultName,
            keyName: "registry-cmk",
            tags,
            properties: {
                kty: args.kms.keyType,
                keySize: 2048,
                keyOps: ["wrapKey", "unwrapKey"],
                attributes: { enabled: true },
                rotationPolicy: {
                    attributes: { ...ETCD_KEY_ROTATION.attributes },
                    lifetimeActions: ETCD_KEY_ROTATION.lifetimeActions.map((a) => ({ trigger: { ...a.trigger }, action: { ...a.action } })),
                },
            },
        },
        { ...opts, ...keep },
    );
    const keyAccess = grant(
        `${name}-acr-cmk-key`,
        args,
        "keyVaultCryptoServiceEncryptionUser",
        "cmk",
        cmkIdentity.principalId,
        key.id,
        opts,
    );
    const registry = new containerregistry.Registry(
        `${name}-acr`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags,
            registryName: plan.name,
            sku: { name: "Premium" },
            adminUserEnabled: false,
            anonymousPullEnabled: false,
            publicNetworkAccess: "Disabled",
            // Trusted Azure services (Defender for Containers' registry scanning) still reach a registry without public access.
            networkRuleBypassOptions: "AzureServices",
            networkRuleSet: { defaultAction: "Deny" },
            // Regional data endpoints (<name>.<region>.data.azurecr.io): layer downloads resolve to the private endpoint too.
            dataEndpointEnabled: true,
            zoneRedundancy: plan.zoneRedundancy,
            identity: {
                type: "UserAssigned",
                userAssignedIdentities: pulumi.output(cmkIdentity.id).apply((id) => ({ [id]: {} })),
            },
            encryption: { status: "enabled", keyVaultProperties: { keyIdentifier: key.keyUri, identity: cmkIdentity.clientId } },
            policies: {
                retentionPolicy: { status: "enabled", days: plan.untaggedRetentionDays },
                // Content trust (Docker Content Trust) is deprecated and incompatible with a customer-managed key.
                trustPolicy: { status: "disabled", type: "Notary" },
                // Images leave only by pull: no export pipelines (export needs public access off anyway).
                exportPolicy: { status: "disabled" },
                // The signature webhook's ACR login exchanges an ARM-audience token (policy-controller's ACR helper).
                azureADAuthenticationAsArmPolicy: { status: "enabled" },
            },
        },
        { ...opts, ...keep, dependsOn: [keyAccess] },
    );
    const runnerVnet = args.privateEndpoint.runnerVnetId;
    createPrivateEndpoint(
        name,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: args.tags,
            key: "acr",
            clusterName: args.clusterName,
            zoneName: ACR_PRIVATE_ZONE,
            groupId: "registry",
            resourceId: registry.id,
            subnetId: args.privateEndpoint.subnetId,
            vnetId: args.privateEndpoint.vnetId,
            // The runner VNet pushes images: it resolves the registry privately too (aks.runnerVnet).
            ...(runnerVnet ? { extraVnets: { [`runner-${runnerVnet.split("/").pop()}`]: runnerVnet } } : {}),
        },
        opts,
    );
    const credentialSetPrincipals: Record<string, pulumi.Output<string>> = {};
    for (const rule of plan.cacheRules) {
        let credentialSet: containerregistry.CredentialSet | undefined;
        if (rule.credentials) {
            credentialSet = new containerregistry.CredentialSet(
                `${name}-acr-${rule.ruleName}-credentials`,
                {
                    resourceGroupName: args.resourceGroupName,
                    registryName: registry.name,
                    credentialSetName: rule.ruleName,
                    loginServer: rule.upstream,
                    identity: { type: "SystemAssigned" },
                    authCredentials: [
                        {
                            name: "Credential1",
                            usernameSecretIdentifier: rule.credentials.usernameSecretUri,
                            passwordSecretIdentifier: rule.credentials.passwordSecretUri,
                        },
                    ],
                },
                opts,
            );
            credentialSetPrincipals[rule.upstream] = credentialSet.identity.apply((i) => i?.principalId ?? "");
        }
        new containerregistry.CacheRule(
            `${name}-acr-${rule.ruleName}`,
            {
                resourceGroupName: args.resourceGroupName,
                registryName: registry.name,
                cacheRuleName: rule.ruleName,
                sourceRepository: rule.sourceRepository,
                targetRepository: rule.targetRepository,
                ...(credentialSet ? { credentialSetResourceId: credentialSet.id } : {}),
            },
            opts,
        );
    }
    return { registry, credentialSetPrincipals };
}

/**
 * Who pulls from the registry, each with AcrPull on it alone (HC-IAM-03): the kubelet identity (node image pulls),
 * and the signature webhook through its own user-assigned identity, federated with its service account (AKS
 * workload identity). Returns the webhook's hand-over entry and what must exist before its pods start.
 */
export function grantRegistryPulls(
    name: string,
    args: AcrArgs & AcrPullArgs,
    registry: containerregistry.Registry,
    opts: pulumi.CustomResourceOptions,
): { identities: Record<string, WorkloadIdentity<pulumi.Input<string>>>; ready: pulumi.Resource[] } {
    const kubelet = grant(`${name}-acr-pull-kubelet`, args, "acrPull", "kubelet", args.kubeletObjectId, registry.id, opts);
    const account = POLICY_CONTROLLER_ACCOUNT;
    const webhook = new managedidentity.UserAssignedIdentity(
        `${name}-policy-controller`,
        { resourceGroupName: args.resourceGroupName, location: args.location, tags: { ...args.tags } },
        opts,
    );
    const federation = new managedidentity.FederatedIdentityCredential(
        `${name}-policy-controller-federation`,
        {
            resourceGroupName: args.resourceGroupName,
            resourceName: webhook.name,
            federatedIdentityCredentialResourceName: "policy-controller-webhook",
            issuer: args.oidcIssuerUrl,
            subject: `system:serviceaccount:${account.namespace}:${account.serviceAccount}`,
            audiences: [WORKLOAD_IDENTITY_AUDIENCE],
        },
        opts,
    );
    const webhookPull = grant(
        `${name}-acr-pull-policy-controller`,
        args,
        "acrPull",
        "policy-controller",
        webhook.principalId,
        registry.id,
        opts,
    );
    return {
        identities: {
            [`${account.namespace}/${account.serviceAccount}`]: {
                annotations: { "azure.workload.identity/client-id": webhook.clientId },
                podLabels: { "azure.workload.identity/use": "true" },
                // policy-controller's Azure registry login reads the registry's name from ACR_NAME (upstream's
                // ACR credential helper; the workload identity webhook injects only the client and tenant ids).
                env: { ACR_NAME: args.plan.name },
            },
        },
        ready: [kubelet, federation, webhookPull],
    };
}

/**
 * HC-SUP-05: Defender for Containers on the subscription (Microsoft.Security/pricings "Containers", Standard) with
 * agentless registry vulnerability assessment and agentless discovery for Kubernetes. Subscription-wide: only with
 * aks.defenderForContainers "manage". Kept on `pulumi destroy` (retainOnDelete): other clusters and registries of
 * the subscription rely on it. The cluster's Defender sensor is set on the cluster itself (HC-RUN-01).
 */
export function manageDefenderForContainers(
    name: string,
    subscriptionId: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions,
): security.Pricing {
    return new security.Pricing(
        `${name}-defender-containers`,
        {
            scopeId: pulumi.interpolate`/subscriptions/${subscriptionId}`,
            pricingName: "Containers",
            pricingTier: "Standard",
            extensions: [
                { name: "ContainerRegistriesVulnerabilityAssessments", isEnabled: "True" },
                { name: "AgentlessDiscoveryForKubernetes", isEnabled: "True" },
                { name: "ContainerSensor", isEnabled: "True" },
            ],
        },
        { ...opts, retainOnDelete: true },
    );
}
