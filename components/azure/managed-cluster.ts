import * as containerservice from "@pulumi/azure-native/containerservice";
import * as pulumi from "@pulumi/pulumi";
import { AzureConfig } from "../../config/types";
import { AksAddressPlan } from "./address-plan";
import { AzurePlacement } from "./context";
import { nodeResourceGroupName } from "./names";
import { AksPoolPlan } from "./pool-plan";
import { autoScalerProfile, poolUpgradeSettings } from "./maintenance-plan";
import { systemPoolProfile } from "./pools";
import { secretsProviderAddon } from "./tenant-secrets-plan";
import type { containerservice as aksInputs } from "@pulumi/azure-native/types/input";

export interface ManagedClusterArgs extends AzurePlacement {
    readonly config: AzureConfig;
    readonly addresses: AksAddressPlan;
    readonly systemPool: AksPoolPlan;
    readonly tenantId: pulumi.Input<string>;
    readonly nodeSubnetId: pulumi.Input<string>;
    readonly controlPlaneIdentityId: pulumi.Input<string>;
    /** Versioned key URI of the etcd key-encryption key. */
    readonly etcdKeyVersionedUri: pulumi.Input<string>;
    /** The KMS vault's network mode (kms-plan.ts) and resource id (required by AKS in the Private mode). */
    readonly kms: { readonly networkAccess: "Private" | "Public"; readonly vaultId: pulumi.Input<string> };
    /** The delegated subnet for API server VNet integration, when the plan carves one. */
    readonly apiServerSubnetId?: pulumi.Input<string>;
    readonly workspaceId: pulumi.Input<string>;
    /** The NAT gateway's public address, the nodes' source address towards a public API server. */
    readonly nodeEgressIp: pulumi.Input<string>;
}

/**
 * The API server endpoint (HC-API-01): private unless the stack lists CIDRs allowed to reach it. AKS
 * refuses authorized ranges on a private cluster, so the two modes exclude each other. With API server
 * VNet integration (`apiServerSubnetId`) the API server sits behind an internal load balancer in that
 * delegated subnet and the nodes reach it there. Without it, in the public mode the nodes reach the API
 * server through the cluster's outbound type (our NAT gateway), so the NAT gateway's address joins the
 * ranges: without it kubelets and konnectivity are locked out.
 */
export function apiServerAccess(
    authorizedCidrs: readonly string[],
    nodeEgressIp: pulumi.Input<string>,
    apiServerSubnetId?: pulumi.Input<string>,
): aksInputs.ManagedClusterAPIServerAccessProfileArgs {
    const integration = apiServerSubnetId === undefined ? {} : { enableVnetIntegration: true, subnetId: apiServerSubnetId };
    if (authorizedCidrs.length === 0) {
        // Private endpoint; AKS creates and links the private DNS zone in the node resource group.
        return { enablePrivateCluster: true, privateDNSZone: "system", ...integration };
    }
    const nodes = apiServerSubnetId === undefined ? [pulumi.interpolate`${nodeEgressIp}/32`] : [];
    return { enablePrivateCluster: false, authorizedIPRanges: [...authorizedCidrs, ...nodes], ...integration };
}

/** The KMS settings (HC-SEC-01): the versioned key, and in the Private mode the vault's resource id. */
export function kmsProfile(args: Pick<ManagedClusterArgs, "etcdKeyVersionedUri" | "kms">): aksInputs.AzureKeyVaultKmsArgs {
    const base = { enabled: true, keyId: args.etcdKeyVersionedUri, keyVaultNetworkAccess: args.kms.networkAccess };
    return args.kms.networkAccess === "Private" ? { ...base, keyVaultResourceId: args.kms.vaultId } : base;
}

/** Network profile: Azure CNI overlay, the configured policy engine (HC-NET-02), egress via our NAT gateway. */
export function networkProfile(config: AzureConfig, addresses: AksAddressPlan): aksInputs.ContainerServiceNetworkProfileArgs {
    const policy = config.aks.networkPolicy;
    return {
        networkPlugin: "azure",
        networkPluginMode: "overlay",
        // Cilium policy runs only on the Cilium dataplane; azure and calico run on the Azure dataplane.
        networkPolicy: policy,
        networkDataplane: policy === "cilium" ? "cilium" : "azure",
        podCidr: addresses.podCidr,
        serviceCidr: addresses.serviceCidr,
        dnsServiceIP: addresses.dnsServiceIP,
        loadBalancerSku: "standard",
        // userAssignedNATGateway, not managedNATGateway: AKS manages a NAT gateway only in a VNet it
        // owns; with our VNet the NAT gateway is ours, already associated with the node subnet.
        outboundType: "userAssignedNATGateway",
    };
}

/** The AKS cluster with its System pool. Every line below maps to a control of the catalogue. */
export function createManagedCluster(
    name: string,
    args: ManagedClusterArgs,
    opts: pulumi.CustomResourceOptions,
): containerservice.ManagedCluster {
    const { config } = args;
    const isProd = config.environment === "prod";
    return new containerservice.ManagedCluster(
        `${name}-aks`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: { ...args.tags },
            resourceName: config.clusterName,
            dnsPrefix: config.clusterName,
            nodeResourceGroup: nodeResourceGroupName(config.clusterName),
            kubernetesVersion: config.kubernetesVersion,
            // The Standard tier carries the API server SLA; dev runs on Free.
            sku: { name: "Base", tier: isProd ? "Standard" : "Free" },
            identity: { type: "UserAssigned", userAssignedIdentities: [args.controlPlaneIdentityId] },
            agentPoolProfiles: [
                systemPoolProfile(args.systemPool, {
                    nodeSubnetId: args.nodeSubnetId,
                    kubernetesVersion: config.kubernetesVersion,
                    upgradeSettings: poolUpgradeSettings(config.upgrades),
                    tags: args.tags,
                }),
            ],
            // The cluster autoscaler scales every pool within its min/max (config.autoscaling.profile).
            autoScalerProfile: autoScalerProfile(config.autoscaling.profile),
            apiServerAccessProfile: apiServerAccess(config.apiAccess.authorizedCidrs, args.nodeEgressIp, args.apiServerSubnetId),
            networkProfile: networkProfile(config, args.addresses),
            // HC-IAM-01: Entra ID sign-in and Azure RBAC for Kubernetes; no local (certificate) accounts.
            enableRBAC: true,
            aadProfile: {
                managed: true,
                enableAzureRBAC: true,
                adminGroupObjectIDs: [...config.access.admins],
                tenantID: args.tenantId,
            },
            disableLocalAccounts: true,
            // HC-IAM-02: pods federate their service account tokens with Entra ID; no node identity borrowing.
            oidcIssuerProfile: { enabled: true },
            securityProfile: {
                workloadIdentity: { enabled: true },
                // HC-SEC-01: etcd Secrets envelope-encrypted with our Key Vault key (kms-plan.ts: Private in prod).
                azureKeyVaultKms: kmsProfile(args),
                // HC-RUN-01: Defender for Containers sensor, reporting to the cluster's workspace.
                defender: { logAnalyticsWorkspaceResourceId: args.workspaceId, securityMonitoring: { enabled: true } },
                // Removes unused (possibly vulnerable) images from nodes every week.
                imageCleaner: { enabled: true, intervalHours: 168 },
            },
            addonProfiles: {
                // HC-RUN-01: Azure Policy for Kubernetes (Gatekeeper) reports posture to Azure Policy.
                azurepolicy: { enabled: true },
                // HC-IAM-06: the Key Vault secrets provider (Secrets Store CSI driver) when config.secretStore is on.
                ...secretsProviderAddon(config),
                ...(config.baseline.monitoring === "managed"
                    ? { omsagent: { enabled: true, config: { logAnalyticsWorkspaceResourceID: args.workspaceId, useAADAuth: "true" } } }
                    : {}),
            },
            // HC-NODE-05: AKS upgrades the control plane and node images on its channels.
            autoUpgradeProfile: { upgradeChannel: config.aks.upgradeChannel, nodeOSUpgradeChannel: config.aks.nodeOsUpgradeChannel },
            storageProfile: { diskCSIDriver: { enabled: true }, snapshotController: { enabled: true } },
        },
        // The autoscaler owns the System pool's node count once the cluster exists.
        { ...opts, ignoreChanges: [...(opts.ignoreChanges ?? []), "agentPoolProfiles[0].count"] },
    );
}
