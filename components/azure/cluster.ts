import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import { Provider } from "@pulumi/azure-native/provider";
import * as pulumi from "@pulumi/pulumi";
import { AzureConfig } from "../../config/types";
import { commonTags } from "../../core/labels";
import { CloudCluster, InProcessHandover, KubernetesAccess, KubernetesSubjects, StorageClassPlan } from "../shared/contract";
import { handoverFromConfig } from "../shared/handover-plan";
import { createClusterAccess } from "./access";
import { AzureDeployer } from "./connection";
import { planAddresses } from "./address-plan";
import { createContainerInsights } from "./container-insights";
import { createFlowLogs, planFlowLogs } from "./flow-logs";
import { createControlPlaneIdentity, grantControlPlaneAccess } from "./identity";
import { createDeletionLock } from "./lock";
import { planKms } from "./kms-plan";
import { createVaultEndpoint } from "./vault-endpoint";
import { createTenantSecrets } from "./tenant-secrets";
import { waitForRolePropagation } from "./propagation";
import { planTenantSecrets } from "./tenant-secrets-plan";
import { createEtcdKey } from "./keyvault";
import { kubeconfigFromUserCredentials } from "./kubeconfig";
import { kubeloginPlan } from "./kubelogin";
import { createAuditDiagnostics, createAuditWorkspace } from "./logging";
import { createManagedCluster } from "./managed-cluster";
import { createMaintenanceConfigurations } from "./maintenance";
import { planMaintenance, poolUpgradeSettings } from "./maintenance-plan";
import { createNetwork } from "./network";
import { planPools } from "./pool-plan";
import { createUserPools } from "./pools";
import { createResourceGroup } from "./resource-group";
import { createRunnerAccess } from "./runner-access";
import { acrImageMirror, planAcr } from "./registry-plan";
import { createStackRegistry, grantRegistryPulls, manageDefenderForContainers } from "./registry";
import { planRoleGrants } from "./role-plan";
import { planStorageClass } from "./storage";

export interface AksHardenedClusterArgs {
    /** The validated stack config (cloud: azure). Nothing else is read: no Pulumi config, no environment. */
    readonly config: AzureConfig;
    /** The stack's explicit azure-native provider, already checked against its identity guard (connection.ts). */
    readonly provider: Provider;
    /** Who runs the update: it gets RBAC Cluster Admin (or holds it through an admin group). */
    readonly deployer: AzureDeployer;
}

/**
 * An AKS cluster in the shape of Microsoft's AKS baseline, hardened further: private API server,
 * Entra ID with Azure RBAC and no local accounts, KMS etcd encryption with a rotated, purge-protected
 * key, Cilium network policy, control-plane audit logs in Log Analytics, Defender and Azure Policy,
 * Azure Linux nodes without public IPs or SSH, automatic upgrades.
 *
 * Order that matters on a real subscription: the control-plane identity gets Network Contributor on
 * the cluster's VNet and Key Vault Crypto User on the etcd key before the cluster is created; the
 * deployer gets RBAC Cluster Admin before anything is created inside the cluster.
 */
export class AksHardenedCluster extends pulumi.ComponentResource implements CloudCluster {
    readonly clusterName: pulumi.Output<string>;
    readonly kubeconfig: pulumi.Output<string>;
    readonly handover: InProcessHandover;
    readonly kubernetesAccess: KubernetesAccess;
    readonly subjects: KubernetesSubjects;
    readonly storageClass: StorageClassPlan;
    readonly imageVerification = "in-cluster" as const;
    readonly readyResources: pulumi.Resource[];
    readonly outputs: Record<string, pulumi.Output<unknown>>;

    constructor(name: string, args: AksHardenedClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:azure:AksCluster", name, {}, opts);
        const { config } = args;
        // Every Azure resource and invoke goes through the stack's provider (subscription, tenant, identity).
        const child = { parent: this, provider: args.provider };
        const tags = commonTags(config.clusterName, config.environment);
        const client = authorization.getClientConfigOutput(child);

        const group = createResourceGroup(name, { clusterName: config.clusterName, location: config.region, tags }, child);
        const placement = { resourceGroupName: group.name, location: config.region, tags };
        const guidNamespace = pulumi.interpolate`${client.subscriptionId}/${group.name}/${config.clusterName}`;

        const addresses = planAddresses(config.network);
        const kms = planKms(config);
        const acr = planAcr(config);
        const net = createNetwork(
            name,
            { ...placement, plan: addresses, privateControlPlane: kms.networkAccess === "Private", privateEndpoints: acr !== undefined },
            child,
        );
        const identity = createControlPlaneIdentity(name, placement, child);
        const etcd = createEtcdKey(
            name,
            {
                ...placement,
                clusterName: config.clusterName,
                tenantId: client.tenantId,
                subscriptionId: client.subscriptionId,
                instanceSeed: identity.principalId,
                kms,
                deletionProtection: config.deletionProtection,
            },
            child,
        );
        const controlPlaneAccess = grantControlPlaneAccess(
            name,
            { subscriptionId: client.subscriptionId, guidNamespace, vnetId: net.vnet.id, etcdKeyId: etcd.key.id },
            identity,
            child,
        );
        // Private KMS: the vault answers only on its endpoint in the cluster VNet, which must resolve before AKS checks the key.
        const vaultRoute =
            kms.networkAccess === "Private" && net.privateEndpointSubnet
                ? createVaultEndpoint(
                      name,
                      {
                          ...placement,
                          clusterName: config.clusterName,
                          vaultId: etcd.vault.id,
                          subnetId: net.privateEndpointSubnet.id,
                          vnetId: net.vnet.id,
                      },
                      child,
                  )
                : undefined;
        const workspace = createAuditWorkspace(
            name,
            {
                ...placement,
                clusterName: config.clusterName,
                retentionInDays: config.logRetentionDays,
                deletionProtection: config.deletionProtection,
            },
            child,
        );

        // HC-NET-03: VNet flow logs under the region's Network Watcher, kept for the environment's retention.
        createFlowLogs(
            name,
            {
                ...placement,
                clusterName: config.clusterName,
                subscriptionId: client.subscriptionId,
                vnetId: net.vnet.id,
                workspace: { id: workspace.id, customerId: workspace.customerId },
                plan: planFlowLogs(config),
                deletionProtection: config.deletionProtection,
            },
            child,
        );

        // Azure RBAC can take minutes to honour new grants: wait once, after they are first created (propagation.ts).
        const propagated = waitForRolePropagation(
            name,
            { seconds: config.aks.rolePropagationSeconds, grants: controlPlaneAccess.grants },
            { parent: this },
        );
        const [systemPool, ...userPools] = planPools(config);
        const cluster = createManagedCluster(
            name,
            {
                ...placement,
                config,
                addresses,
                systemPool,
                tenantId: client.tenantId,
                nodeSubnetId: net.nodeSubnet.id,
                controlPlaneIdentityId: identity.id,
                etcdKeyVersionedUri: etcd.key.keyUriWithVersion,
                kms: { networkAccess: kms.networkAccess, vaultId: etcd.vault.id },
                apiServerSubnetId: net.apiServerSubnet?.id,
                workspaceId: workspace.id,
                nodeEgressIp: net.egressIp.ipAddress.apply((ip) => ip ?? ""),
            },
            // AKS validates subnet and key access at creation: both grants must exist first (see
            // grantControlPlaneAccess on Azure RBAC propagation). Prod protects the cluster from `pulumi destroy`.
            {
                ...child,
                protect: config.deletionProtection,
                dependsOn: [...controlPlaneAccess.grants, ...propagated, ...(vaultRoute?.ready ?? [])],
            },
        );
        createAuditDiagnostics(name, { clusterId: cluster.id, workspaceId: workspace.id }, child);
        if (config.baseline.monitoring === "managed") {
            createContainerInsights(
                name,
                { ...placement, clusterName: config.clusterName, clusterId: cluster.id, workspaceId: workspace.id },
                child,
            );
        }
        // Prod: a CanNotDelete lock on the cluster, so neither the cluster nor its resource group can be deleted
        // outside Pulumi either (the portal, the CLI, another pipeline) until someone lifts the lock.
        if (config.deletionProtection) createDeletionLock(name, { scope: cluster.id, clusterName: config.clusterName }, child);
        const pools = createUserPools(
            name,
            {
                resourceGroupName: group.name,
                clusterName: cluster.name,
                plans: userPools,
                nodeSubnetId: net.nodeSubnet.id,
                kubernetesVersion: config.kubernetesVersion,
                upgradeSettings: poolUpgradeSettings(config.upgrades),
                tags,
            },
            child,
        );
        // Upgrades run only in the configured window (config.maintenance), after the pools exist: AKS runs
        // one operation per cluster at a time.
        createMaintenanceConfigurations(
            name,
            { resourceGroupName: group.name, clusterName: cluster.name, plans: planMaintenance(config.maintenance) },
            { ...child, dependsOn: pools },
        );
        // HC-IAM-06: each tenant with secrets gets its own vault and workload identity (tenant-secrets-plan.ts).
        const tenantSecrets = createTenantSecrets(
            name,
            {
                ...placement,
                clusterName: config.clusterName,
                plans: planTenantSecrets(config),
                tenantId: client.tenantId,
                subscriptionId: client.subscriptionId,
                instanceSeed: identity.principalId,
                guidNamespace,
                oidcIssuerUrl: cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? ""),
                network: { networkAccess: kms.networkAccess, exceptionTags: kms.exceptionTags },
                privateRoute:
                    vaultRoute && net.privateEndpointSubnet
                        ? { subnetId: net.privateEndpointSubnet.id, zoneId: vaultRoute.zoneId }
                        : undefined,
                deletionProtection: config.deletionProtection,
            },
            child,
        );
        const access = createClusterAccess(
            name,
            {
                clusterId: cluster.id,
                subscriptionId: client.subscriptionId,
                guidNamespace,
                grants: planRoleGrants(config, args.deployer),
            },
            child,
        );

        const credentials = containerservice.listManagedClusterUserCredentialsOutput(
            { resourceGroupName: group.name, resourceName: cluster.name, format: "exec" },
            child,
        );
        this.clusterName = cluster.name;
        this.kubeconfig = pulumi.secret(
            pulumi.all([cluster.name, credentials.kubeconfigs]).apply(([clusterName, kubeconfigs]) => {
                if (kubeconfigs.length === 0) throw new Error(`AKS returned no user credentials for ${clusterName}`);
                const login = kubeloginPlan(config.aks.kubeloginMode, config.providerSettings);
                return kubeconfigFromUserCredentials(clusterName, kubeconfigs[0].value, login);
            }),
        );
        // A runner VNet reaches the private API server once peered both ways and linked to the cluster's zone.
        const runner = config.aks.runnerVnet
            ? createRunnerAccess(
                  name,
                  {
                      clusterName: config.clusterName,
                      resourceGroupName: group.name,
                      clusterVnetName: net.vnet.name,
                      clusterVnetId: net.vnet.id,
                      runnerVnetId: config.aks.runnerVnet.id,
                      peerFromRunner: config.aks.runnerVnet.peerFromRunner,
                      privateFqdn: cluster.privateFQDN,
                      tags,
                  },
                  { ...child, dependsOn: [cluster] },
              )
            : [];
        // HC-SUP-05/06: the environment's registry, pulled by the kubelet and the signature webhook (registry.ts).
        const registry =
            acr && net.privateEndpointSubnet
                ? (() => {
                      const registryArgs = {
                          ...placement,
                          clusterName: config.clusterName,
                          plan: acr,
                          subscriptionId: client.subscriptionId,
                          guidNamespace,
                          vaultName: etcd.vault.name,
                          kms,
                          privateEndpoint: {
                              subnetId: net.privateEndpointSubnet.id,
                              vnetId: net.vnet.id,
                              runnerVnetId: config.aks.runnerVnet?.id,
                          },
                      };
                      const stackRegistry = createStackRegistry(name, registryArgs, child);
                      const pulls = grantRegistryPulls(
                          name,
                          {
                              ...registryArgs,
                              kubeletObjectId: cluster.identityProfile.apply((p) => p?.["kubeletidentity"]?.objectId ?? ""),
                              oidcIssuerUrl: cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? ""),
                          },
                          stackRegistry.registry,
                          child,
                      );
                      return { ...stackRegistry, ...pulls };
                  })()
                : undefined;
        if (acr?.manageDefender) manageDefenderForContainers(name, client.subscriptionId, child);
        // The in-process Kubernetes provider (layer all) waits for the deployer's RBAC Cluster Admin grant
        // and, with a runner VNet, for the peering and DNS link its calls travel over.
        this.kubernetesAccess = { dependsOn: [access.deployerAssignment, ...runner] };
        this.subjects = {
            admins: [...config.access.admins],
            viewers: [...config.access.viewers],
            developers: [...config.access.developers],
            tenants: Object.fromEntries(config.tenants.map((t) => [t.name, { editors: [...t.editors], viewers: [...t.viewers] }])),
        };
        this.storageClass = planStorageClass(config);
        this.handover = handoverFromConfig<pulumi.Input<string>>(config, {
            subjects: this.subjects,
            storageClass: this.storageClass,
            imageVerification: this.imageVerification,
            ...(registry ? { platformIdentities: registry.identities } : {}),
            ...(acr && acr.cacheRules.length > 0 ? { imageMirror: acrImageMirror(acr) } : {}),
            tenantIdentities: Object.fromEntries(tenantSecrets.map((t) => [t.tenant, t.handover])),
            secretStore: {
                enabled: config.secretStore.enabled,
                settings: config.secretStore.enabled ? { provider: "azure", addon: "azureKeyvaultSecretsProvider" } : {},
            },
        });
        this.readyResources = [cluster, ...pools, access.deployerAssignment, ...(registry?.ready ?? [])];
        this.outputs = {
            clusterId: cluster.id,
            resourceGroupName: group.name,
            oidcIssuerUrl: cluster.oidcIssuerProfile.apply((p) => p?.issuerURL ?? ""),
            keyVaultId: etcd.vault.id,
            logAnalyticsWorkspaceId: workspace.id,
            egressIp: net.egressIp.ipAddress,
            ...(registry ? { registryLoginServer: registry.registry.loginServer } : {}),
        };
        this.registerOutputs({
            clusterName: this.clusterName,
            kubeconfig: this.kubeconfig,
            ...this.outputs,
        });
    }
}
