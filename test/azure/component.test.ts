import { parse as parseYaml } from "yaml";
import * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/azure-native/provider";
import { AksHardenedCluster } from "../../components/azure";
import { parseAzureDeployer } from "../../components/azure/connection";
import { azureProviderArgs } from "../../components/azure/provider-args";
import { apiServerAccess } from "../../components/azure/managed-cluster";
import { stableGuid } from "../../components/azure/names";
import { parseVnetId, privateDnsZoneOf } from "../../components/azure/runner-access";
import { BUILT_IN_ROLES } from "../../components/azure/roles";
import { ISOLATED_TAINT, POOL_LABEL } from "../../core/labels";
import { rawConfigFrom } from "../../config/load";
import { AzureConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { MOCK_IDENTITY } from "../../tools/mock/answers";
import { readStackConfig } from "../../tools/mock/stack-files";
import { at, CapturedResource, inputsOf, isSecretOutput, ofType, runProgram, runStack, RunResult, single, valueOf } from "../harness";
import { nonEmpty } from "../harness/non-empty";

/** The cluster's own resources, without the tenants' secrets vaults and identities (test/azure/tenant-secrets.test.ts). */
function platform(resources: readonly CapturedResource[]): CapturedResource[] {
    return resources.filter((r) => !/-tenant-/.test(r.name));
}

const T = {
    rg: "azure-native:resources:ResourceGroup",
    vnet: "azure-native:network:VirtualNetwork",
    subnet: "azure-native:network:Subnet",
    nsg: "azure-native:network:NetworkSecurityGroup",
    nat: "azure-native:network:NatGateway",
    ip: "azure-native:network:PublicIPAddress",
    vault: "azure-native:keyvault:Vault",
    key: "azure-native:keyvault:Key",
    identity: "azure-native:managedidentity:UserAssignedIdentity",
    role: "azure-native:authorization:RoleAssignment",
    workspace: "azure-native:operationalinsights:Workspace",
    diagnostics: "azure-native:monitor:DiagnosticSetting",
    cluster: "azure-native:containerservice:ManagedCluster",
    pool: "azure-native:containerservice:AgentPool",
    k8sProvider: "pulumi:providers:kubernetes",
    dcr: "azure-native:monitor:DataCollectionRule",
    dcra: "azure-native:monitor:DataCollectionRuleAssociation",
    lock: "azure-native:authorization:ManagementLockByScope",
} as const;

const SUB = MOCK_IDENTITY.azureSubscriptionId;
const roleId = (role: keyof typeof BUILT_IN_ROLES) =>
    `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role].guid}`;

function named(resources: readonly CapturedResource[], type: string, name: string): CapturedResource {
    const found = ofType(resources, type).find((r) => r.name === name);
    if (!found) throw new Error(`no ${type} named ${name}`);
    return found;
}

let dev: RunResult<Record<string, unknown>>;
let prod: RunResult<Record<string, unknown>>;

beforeAll(async () => {
    dev = await runStack("azure-dev");
    prod = await runStack("azure-prod");
});

describe("resource group and network", () => {
    test("one resource group per cluster, in the configured region", () => {
        expect(inputsOf(single(platform(dev.resources), T.rg))).toMatchObject({
            resourceGroupName: "rg-platform-dev",
            location: "westeurope",
        });
    });

    test("VNet from network.cidr; node subnet is its first half with NSG and NAT gateway, no default outbound", () => {
        const vnet = single(platform(prod.resources), T.vnet);
        expect(at(inputsOf(vnet), "addressSpace.addressPrefixes")).toEqual(["10.50.0.0/16"]);
        const subnet = named(prod.resources, T.subnet, "platform-prod-nodes");
        const props = inputsOf(subnet);
        expect(props).toMatchObject({
            addressPrefix: "10.50.0.0/17",
            defaultOutboundAccess: false,
            virtualNetworkName: "platform-prod-vnet",
        });
        expect(subnet.propertyDependencies["networkSecurityGroup"]).toEqual([single(platform(prod.resources), T.nsg).urn]);
        expect(subnet.propertyDependencies["natGateway"]).toEqual([single(platform(prod.resources), T.nat).urn]);
    });

    test("egress: one Standard NAT gateway with one static public IP, the stack's only public IP", () => {
        const ip = single(platform(prod.resources), T.ip);
        expect(inputsOf(ip)).toMatchObject({ sku: { name: "Standard" }, publicIPAllocationMethod: "Static" });
        const nat = single(platform(prod.resources), T.nat);
        expect(inputsOf(nat)).toMatchObject({ sku: { name: "Standard" } });
        expect(nat.propertyDependencies["publicIpAddresses"]).toEqual([ip.urn]);
    });
});

describe("managed cluster", () => {
    const cluster = () => inputsOf(single(platform(prod.resources), T.cluster));

    test("private API server with the system private DNS zone, projected into the delegated subnet (VNet integration) in prod", () => {
        const subnetId = `/subscriptions/${SUB}/resourceGroups/rg-platform-prod/providers/Microsoft.Network/virtualNetworks/platform-prod-vnet/subnets/apiserver`;
        expect(cluster()["apiServerAccessProfile"]).toEqual({
            enablePrivateCluster: true,
            privateDNSZone: "system",
            enableVnetIntegration: true,
            subnetId,
        });
        expect(single(platform(prod.resources), T.cluster).propertyDependencies["apiServerAccessProfile"]).toContain(
            named(prod.resources, T.subnet, "platform-prod-apiserver").urn,
        );
        expect(at(inputsOf(single(platform(dev.resources), T.cluster)), "apiServerAccessProfile")).toEqual({
            enablePrivateCluster: true,
            privateDNSZone: "system",
        });
    });

    test("Azure CNI overlay with Cilium policy and dataplane, ranges from config, egress through our NAT gateway", () => {
        expect(cluster()["networkProfile"]).toEqual({
            networkPlugin: "azure",
            networkPluginMode: "overlay",
            networkPolicy: "cilium",
            networkDataplane: "cilium",
            podCidr: "10.244.0.0/16",
            serviceCidr: "172.20.0.0/16",
            dnsServiceIP: "172.20.0.10",
            loadBalancerSku: "standard",
            outboundType: "userAssignedNATGateway",
        });
    });

    test("Entra ID with Azure RBAC, admin groups from config, no local accounts", () => {
        expect(cluster()["aadProfile"]).toEqual({
            managed: true,
            enableAzureRBAC: true,
            adminGroupObjectIDs: ["11111111-1111-1111-1111-111111111111"],
            tenantID: MOCK_IDENTITY.azureTenantId,
        });
        expect(cluster()["disableLocalAccounts"]).toBe(true);
        expect(cluster()["enableRBAC"]).toBe(true);
    });

    test("user-assigned control-plane identity", () => {
        const identity = named(prod.resources, T.identity, "platform-prod-control-plane");
        expect(cluster()["identity"]).toEqual({
            type: "UserAssigned",
            userAssignedIdentities: [
                `/subscriptions/${SUB}/resourceGroups/rg-platform-prod/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${identity.name}`,
            ],
        });
    });

    test("workload identity, OIDC issuer, KMS with the versioned key URI, Defender, image cleaner", () => {
        const c = cluster();
        expect(at(c, "oidcIssuerProfile.enabled")).toBe(true);
        expect(at(c, "securityProfile.workloadIdentity.enabled")).toBe(true);
        expect(at(c, "securityProfile.azureKeyVaultKms")).toEqual({
            enabled: true,
            keyId: expect.stringMatching(/^https:\/\/kv-platform-prod-[0-9a-f]{6}\.vault\.azure\.net\/keys\/etcd-kek\/[0-9a-f]{32}$/),
            keyVaultNetworkAccess: "Private",
            keyVaultResourceId: expect.stringMatching(/\/providers\/Microsoft\.KeyVault\/vaults\/kv-platform-prod-[0-9a-f]{6}$/),
        });
        expect(at(inputsOf(single(platform(dev.resources), T.cluster)), "securityProfile.azureKeyVaultKms")).toEqual({
            enabled: true,
            keyId: expect.stringMatching(/^https:\/\/kv-platform-dev-/),
            keyVaultNetworkAccess: "Public",
        });
        const workspaceId = `/subscriptions/${SUB}/resourceGroups/rg-platform-prod/providers/Microsoft.OperationalInsights/workspaces/log-platform-prod`;
        expect(at(c, "securityProfile.defender")).toEqual({
            logAnalyticsWorkspaceResourceId: workspaceId,
            securityMonitoring: { enabled: true },
        });
        expect(at(c, "securityProfile.imageCleaner.enabled")).toBe(true);
        expect(at(c, "addonProfiles.azurepolicy")).toEqual({ enabled: true });
        expect(at(c, "addonProfiles.omsagent")).toEqual({
            enabled: true,
            config: { logAnalyticsWorkspaceResourceID: workspaceId, useAADAuth: "true" },
        });
    });

    test("upgrade channels from config; Standard tier in prod, Free in dev", () => {
        expect(cluster()["autoUpgradeProfile"]).toEqual({ upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" });
        expect(cluster()["sku"]).toEqual({ name: "Base", tier: "Standard" });
        expect(at(inputsOf(single(platform(dev.resources), T.cluster)), "sku.tier")).toBe("Free");
    });

    test("the System pool: Azure Linux, encryption at host, no public IP, SSH off, CriticalAddonsOnly, three zones", () => {
        const pools = cluster()["agentPoolProfiles"] as Record<string, unknown>[];
        expect(pools).toHaveLength(1);
        expect(pools[0]).toMatchObject({
            name: "system",
            mode: "System",
            osType: "Linux",
            osSKU: "AzureLinux",
            enableEncryptionAtHost: true,
            osDiskType: "Ephemeral",
            enableNodePublicIP: false,
            securityProfile: { sshAccess: "Disabled" },
            nodeTaints: ["CriticalAddonsOnly=true:NoSchedule"],
            nodeLabels: { [POOL_LABEL]: "system" },
            availabilityZones: ["1", "2", "3"],
            enableAutoScaling: true,
            minCount: 3,
            maxCount: 6,
            vnetSubnetID: `/subscriptions/${SUB}/resourceGroups/rg-platform-prod/providers/Microsoft.Network/virtualNetworks/platform-prod-vnet/subnets/nodes`,
        });
    });

    test("dev spreads the System pool over two zones", () => {
        expect(at(inputsOf(single(platform(dev.resources), T.cluster)), "agentPoolProfiles[0].availabilityZones")).toEqual(["1", "2"]);
    });
});

describe("identity grants and their order", () => {
    const grants = (r: RunResult<unknown>) => {
        const identity = ofType(r.resources, T.identity).find((i) => i.name.endsWith("-control-plane"))!;
        return ofType(r.resources, T.role).filter((g) => g.propertyDependencies["principalId"]?.includes(identity.urn));
    };

    test("the control plane gets Key Vault Crypto User on the etcd key and Network Contributor on the VNet", () => {
        const [key, vnet] = [named(prod.resources, T.key, "platform-prod-etcd-key"), single(prod.resources, T.vnet)];
        const byRole = new Map(grants(prod).map((g) => [inputsOf(g)["roleDefinitionId"], g]));
        const kms = byRole.get(roleId("keyVaultCryptoUser"));
        const net = byRole.get(roleId("networkContributor"));
        expect(kms && inputsOf(kms)).toMatchObject({
            principalType: "ServicePrincipal",
            principalId: "00000000-0000-0000-0000-0000000000a1",
        });
        expect(kms?.propertyDependencies["scope"]).toEqual([key.urn]);
        expect(net && inputsOf(net)["principalType"]).toBe("ServicePrincipal");
        expect(net?.propertyDependencies["scope"]).toEqual([vnet.urn]);
        expect(net && inputsOf(net)["scope"]).toBe(
            `/subscriptions/${SUB}/resourceGroups/rg-platform-prod/providers/Microsoft.Network/virtualNetworks/platform-prod-vnet`,
        );
    });

    test("the cluster depends on both grants, so AKS finds them when it is created", () => {
        const cluster = single(platform(prod.resources), T.cluster);
        for (const grant of nonEmpty(grants(prod))) expect(cluster.dependencies).toContain(grant.urn);
        expect(grants(prod)).toHaveLength(2);
    });
});

describe("etcd key", () => {
    test("the vault name is seeded by the control plane identity, so a destroy-and-recreate gets a fresh name", () => {
        const vault = single(platform(prod.resources), T.vault);
        expect(vault.propertyDependencies["vaultName"]).toEqual([named(prod.resources, T.identity, "platform-prod-control-plane").urn]);
        expect(inputsOf(vault)["vaultName"]).toMatch(/^kv-platform-prod-[0-9a-f]{6}$/);
    });

    test("vault: RBAC authorisation, 90-day soft delete, purge protection, protected in prod only", () => {
        const vault = single(platform(prod.resources), T.vault);
        expect(inputsOf(vault)["properties"]).toMatchObject({
            tenantId: MOCK_IDENTITY.azureTenantId,
            enableRbacAuthorization: true,
            enableSoftDelete: true,
            softDeleteRetentionInDays: 90,
            enablePurgeProtection: true,
        });
        expect(vault.protect).toBe(true);
        expect(single(platform(dev.resources), T.vault).protect).toBe(false);
    });

    test("key: RSA 2048 (HSM-backed in prod) with a yearly rotation and a notification before expiry, protected in prod", () => {
        expect(at(inputsOf(named(dev.resources, T.key, "platform-dev-etcd-key")), "properties.kty")).toBe("RSA");
        const key = named(prod.resources, T.key, "platform-prod-etcd-key");
        expect(inputsOf(key)["properties"]).toMatchObject({
            kty: "RSA-HSM",
            keySize: 2048,
            rotationPolicy: {
                attributes: { expiryTime: "P2Y" },
                lifetimeActions: [
                    { trigger: { timeAfterCreate: "P1Y" }, action: { type: "rotate" } },
                    { trigger: { timeBeforeExpiry: "P30D" }, action: { type: "notify" } },
                ],
            },
        });
        expect(key.protect).toBe(true);
    });
});

describe("KMS vault network mode", () => {
    const PE = "azure-native:network:PrivateEndpoint";
    const ZONE = "azure-native:privatedns:PrivateZone";
    const LINK = "azure-native:privatedns:VirtualNetworkLink";
    const GROUP = "azure-native:network:PrivateDnsZoneGroup";

    test("prod: Premium vault, public network access off, reachable on a private endpoint in its own subnet", () => {
        const vault = single(platform(prod.resources), T.vault);
        expect(inputsOf(vault)["properties"]).toMatchObject({
            sku: { family: "A", name: "premium" },
            publicNetworkAccess: "Disabled",
            networkAcls: { defaultAction: "Deny" },
        });
        const endpoint = named(prod.resources, PE, "platform-prod-kv-endpoint");
        expect(inputsOf(endpoint)).toMatchObject({
            privateEndpointName: "pe-kv-platform-prod",
            privateLinkServiceConnections: [{ name: "vault", groupIds: ["vault"] }],
        });
        expect(endpoint.propertyDependencies["privateLinkServiceConnections"]).toEqual([vault.urn]);
        expect(endpoint.propertyDependencies["subnet"]).toEqual([named(prod.resources, T.subnet, "platform-prod-endpoints").urn]);
    });

    test("prod: the endpoint's name resolves in the VNet through the linked privatelink.vaultcore.azure.net zone", () => {
        const zone = named(prod.resources, ZONE, "platform-prod-kv-zone");
        expect(inputsOf(zone)).toMatchObject({ privateZoneName: "privatelink.vaultcore.azure.net", location: "Global" });
        const link = ofType(prod.resources, LINK).find((l) => l.propertyDependencies["privateZoneName"]?.includes(zone.urn));
        expect(link && inputsOf(link)).toMatchObject({ registrationEnabled: false, virtualNetworkLinkName: "platform-prod-vnet" });
        expect(link?.propertyDependencies["virtualNetwork"]).toEqual([single(prod.resources, T.vnet).urn]);
        const group = named(prod.resources, GROUP, "platform-prod-kv-dns");
        expect(group.propertyDependencies["privateDnsZoneConfigs"]).toEqual([zone.urn]);
        expect(group.propertyDependencies["privateEndpointName"]).toEqual([named(prod.resources, PE, "platform-prod-kv-endpoint").urn]);
    });

    test("prod: the cluster waits for the endpoint, its DNS and the zone link before AKS checks the key", () => {
        const deps = single(platform(prod.resources), T.cluster).dependencies;
        const route = [
            named(prod.resources, PE, "platform-prod-kv-endpoint"),
            named(prod.resources, GROUP, "platform-prod-kv-dns"),
            named(prod.resources, LINK, "platform-prod-kv-zone-link"),
        ];
        for (const r of nonEmpty(route)) expect(deps).toContain(r.urn);
    });

    test("prod: side subnets come from the reserved half, one after another; the API server's is delegated to AKS", () => {
        const api = named(prod.resources, T.subnet, "platform-prod-apiserver");
        expect(inputsOf(api)).toMatchObject({
            addressPrefix: "10.50.128.0/28",
            delegations: [{ serviceName: "Microsoft.ContainerService/managedClusters" }],
            defaultOutboundAccess: false,
        });
        const endpoints = named(prod.resources, T.subnet, "platform-prod-endpoints");
        expect(inputsOf(endpoints)).toMatchObject({ addressPrefix: "10.50.128.16/28", defaultOutboundAccess: false });
        expect(api.dependencies).toContain(named(prod.resources, T.subnet, "platform-prod-nodes").urn);
        expect(endpoints.dependencies).toContain(api.urn);
    });

    test("dev: public vault carrying the reviewed, expiring HC-SEC-03 exception; no endpoint, no side subnets", () => {
        const vault = inputsOf(single(platform(dev.resources), T.vault));
        expect(vault["properties"]).toMatchObject({ sku: { name: "standard" }, publicNetworkAccess: "Enabled" });
        expect((vault["tags"] as Record<string, string>)["hardened-cluster-exception-HC-SEC-03"]).toMatch(
            /^expires=\d{4}-\d{2}-\d{2} approver=\S+@\S+ reason=.{10,}$/,
        );
        // Dev's only endpoint and side subnet are the registry's (no vault endpoint, no API server subnet).
        expect(ofType(dev.resources, PE).map((e) => e.name)).toEqual(["platform-dev-acr-endpoint"]);
        expect(ofType(dev.resources, T.subnet).map((s) => s.name)).toEqual(["platform-dev-nodes", "platform-dev-endpoints"]);
        expect(
            (inputsOf(single(platform(prod.resources), T.vault))["tags"] as Record<string, string>)["hardened-cluster-exception-HC-SEC-03"],
        ).toBeUndefined();
    });
});

describe("audit logging", () => {
    test("workspace retention follows the environment; protected and retained in prod", () => {
        const prodWs = single(platform(prod.resources), T.workspace);
        expect(inputsOf(prodWs)["retentionInDays"]).toBe(365);
        expect([prodWs.protect, prodWs.retainOnDelete]).toEqual([true, true]);
        const devWs = single(platform(dev.resources), T.workspace);
        expect(inputsOf(devWs)["retentionInDays"]).toBe(30);
        expect([devWs.protect, devWs.retainOnDelete]).toEqual([false, false]);
    });

    test("the diagnostic setting targets the cluster and ships the control-plane categories", () => {
        const setting = single(platform(prod.resources), T.diagnostics);
        const cluster = single(platform(prod.resources), T.cluster);
        expect(setting.propertyDependencies["resourceUri"]).toEqual([cluster.urn]);
        expect(inputsOf(setting)["resourceUri"]).toBe(
            `/subscriptions/${SUB}/resourceGroups/rg-platform-prod/providers/Microsoft.ContainerService/managedClusters/platform-prod`,
        );
        const categories = (inputsOf(setting)["logs"] as { category: string; enabled: boolean }[]).map((l) => l.enabled && l.category);
        expect(categories).toEqual([
            "kube-audit",
            "kube-apiserver",
            "kube-controller-manager",
            "kube-scheduler",
            "cluster-autoscaler",
            "guard",
        ]);
        // Reads are audited in every environment (review finding 7), not only in prod.
        expect(at(inputsOf(single(platform(dev.resources), T.diagnostics)), "logs[0].category")).toBe("kube-audit");
    });
});

describe("Container Insights (managed monitoring)", () => {
    test("a Data Collection Rule sends the Container Insights streams to the cluster's workspace", () => {
        const rule = single(platform(prod.resources), T.dcr);
        const workspace = single(platform(prod.resources), T.workspace);
        expect(inputsOf(rule)).toMatchObject({
            dataCollectionRuleName: "MSCI-westeurope-platform-prod",
            location: "westeurope",
            kind: "Linux",
            dataSources: {
                extensions: [
                    {
                        name: "ContainerInsightsExtension",
                        extensionName: "ContainerInsights",
                        streams: ["Microsoft-ContainerInsights-Group-Default"],
                    },
                ],
            },
            destinations: {
                logAnalytics: [{ name: "ciworkspace", workspaceResourceId: expect.stringMatching(/\/workspaces\/log-platform-prod$/) }],
            },
            dataFlows: [{ streams: ["Microsoft-ContainerInsights-Group-Default"], destinations: ["ciworkspace"] }],
        });
        expect(rule.propertyDependencies["destinations"]).toEqual([workspace.urn]);
    });

    test("the rule is associated with the cluster, as the agent with Entra ID auth needs", () => {
        const association = single(platform(prod.resources), T.dcra);
        expect(inputsOf(association)).toMatchObject({
            associationName: "ContainerInsightsExtension",
            resourceUri: clusterIdOf("platform-prod"),
        });
        expect(association.propertyDependencies["resourceUri"]).toEqual([single(platform(prod.resources), T.cluster).urn]);
        expect(association.propertyDependencies["dataCollectionRuleId"]).toEqual([single(platform(prod.resources), T.dcr).urn]);
    });

    test("no rule when monitoring runs in-cluster", async () => {
        const { resources } = await runStack("azure-dev", { "hardened-cluster:baseline": { monitoring: "in-cluster" } });
        expect(ofType(resources, T.dcr)).toEqual([]);
        expect(ofType(resources, T.dcra)).toEqual([]);
        expect(at(inputsOf(single(resources, T.cluster)), "addonProfiles.omsagent")).toBeUndefined();
    });
});

describe("day-2: maintenance windows, surge upgrades, autoscaler", () => {
    const MAINTENANCE = "azure-native:containerservice:MaintenanceConfiguration";

    test("prod: both AKS maintenance configurations on the cluster, weekly on Saturday 22:00 UTC for 12 hours", () => {
        const configs = ofType(prod.resources, MAINTENANCE);
        expect(configs.map((c) => inputsOf(c)["configName"]).sort()).toEqual([
            "aksManagedAutoUpgradeSchedule",
            "aksManagedNodeOSUpgradeSchedule",
        ]);
        for (const c of nonEmpty(configs)) {
            expect(inputsOf(c)).toMatchObject({
                resourceGroupName: "rg-platform-prod",
                resourceName: "platform-prod",
                maintenanceWindow: {
                    schedule: { weekly: { dayOfWeek: "Saturday", intervalWeeks: 1 } },
                    startTime: "22:00",
                    durationHours: 12,
                },
            });
            expect(c.propertyDependencies["resourceName"]).toEqual([single(platform(prod.resources), T.cluster).urn]);
            for (const pool of nonEmpty(ofType(prod.resources, T.pool))) expect(c.dependencies).toContain(pool.urn);
        }
    });

    test("dev: node OS upgrades any night (daily), cluster upgrades weekly", () => {
        const nodeOs = ofType(dev.resources, MAINTENANCE).find((c) => inputsOf(c)["configName"] === "aksManagedNodeOSUpgradeSchedule");
        expect(nodeOs && at(inputsOf(nodeOs), "maintenanceWindow.schedule")).toEqual({ daily: { intervalDays: 1 } });
    });

    test("every pool surges from config.upgrades: prod adds 33% and never takes a node away first; dev 1 and 1", () => {
        const system = () => (inputsOf(single(platform(prod.resources), T.cluster))["agentPoolProfiles"] as Record<string, unknown>[])[0];
        expect(system()["upgradeSettings"]).toEqual({ maxSurge: "33%", maxUnavailable: "0" });
        for (const pool of nonEmpty(ofType(prod.resources, T.pool)))
            expect(inputsOf(pool)["upgradeSettings"]).toEqual({ maxSurge: "33%", maxUnavailable: "0" });
        for (const pool of nonEmpty(ofType(dev.resources, T.pool)))
            expect(inputsOf(pool)["upgradeSettings"]).toEqual({ maxSurge: "1", maxUnavailable: "1" });
    });

    test("the cluster autoscaler profile follows config.autoscaling.profile (prod balanced, dev optimize-utilization) on autoscaled pools", () => {
        expect(at(inputsOf(single(platform(prod.resources), T.cluster)), "autoScalerProfile.scaleDownUtilizationThreshold")).toBe("0.5");
        expect(at(inputsOf(single(platform(dev.resources), T.cluster)), "autoScalerProfile.scaleDownUtilizationThreshold")).toBe("0.7");
        for (const pool of nonEmpty(ofType(prod.resources, T.pool))) expect(inputsOf(pool)).toMatchObject({ enableAutoScaling: true });
    });
});

describe("VNet flow logs (HC-NET-03)", () => {
    const FLOW_LOG = "azure-native:network:FlowLog";
    const ACCOUNT = "azure-native:storage:StorageAccount";

    test("the flow log belongs to the region's existing Network Watcher and targets the cluster VNet", () => {
        const log = single(platform(prod.resources), FLOW_LOG);
        expect(inputsOf(log)).toMatchObject({
            resourceGroupName: "NetworkWatcherRG",
            networkWatcherName: "NetworkWatcher_westeurope",
            flowLogName: "platform-prod-vnet",
            enabled: true,
            format: { type: "JSON", version: 2 },
        });
        expect(log.propertyDependencies["targetResourceId"]).toEqual([single(platform(prod.resources), T.vnet).urn]);
        expect(log.propertyDependencies["storageId"]).toEqual([single(platform(prod.resources), ACCOUNT).urn]);
        // Adopted, not created: no NetworkWatcher resource in the stack.
        expect(ofType(prod.resources, "azure-native:network:NetworkWatcher")).toEqual([]);
    });

    test("retention follows the environment; Traffic Analytics into the workspace in prod only", () => {
        const prodLog = inputsOf(single(platform(prod.resources), FLOW_LOG));
        expect(prodLog["retentionPolicy"]).toEqual({ enabled: true, days: 365 });
        expect(at(prodLog, "flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration")).toMatchObject({
            enabled: true,
            workspaceResourceId: expect.stringMatching(/\/workspaces\/log-platform-prod$/),
            workspaceId: "00000000-0000-0000-0000-0000000000b1",
            trafficAnalyticsInterval: 10,
        });
        const devLog = inputsOf(single(platform(dev.resources), FLOW_LOG));
        expect(devLog["retentionPolicy"]).toEqual({ enabled: true, days: 30 });
        expect(devLog["flowAnalyticsConfiguration"]).toBeUndefined();
    });

    test("the storage account: TLS 1.2, HTTPS only, no public blob access, infrastructure encryption, trusted services only; kept in prod", () => {
        const account = single(platform(prod.resources), ACCOUNT);
        expect(inputsOf(account)).toMatchObject({
            accountName: expect.stringMatching(/^flplatformprod[0-9a-f]{8}$/),
            minimumTlsVersion: "TLS1_2",
            enableHttpsTrafficOnly: true,
            allowBlobPublicAccess: false,
            encryption: { requireInfrastructureEncryption: true, services: { blob: { enabled: true } } },
            networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" },
        });
        expect([account.protect, account.retainOnDelete]).toEqual([true, true]);
        expect(single(platform(dev.resources), ACCOUNT).protect).toBe(false);
    });
});

describe("deletion protection (prod)", () => {
    test("prod: the cluster is Pulumi-protected and carries a CanNotDelete lock; dev has neither", () => {
        const cluster = single(platform(prod.resources), T.cluster);
        expect(cluster.protect).toBe(true);
        const lock = single(platform(prod.resources), T.lock);
        expect(inputsOf(lock)).toMatchObject({
            level: "CanNotDelete",
            scope: clusterIdOf("platform-prod"),
            lockName: "platform-prod-cannot-delete",
        });
        expect(lock.propertyDependencies["scope"]).toEqual([cluster.urn]);
        expect(single(platform(dev.resources), T.cluster).protect).toBe(false);
        expect(ofType(dev.resources, T.lock)).toEqual([]);
    });
});

describe("user pools", () => {
    test("general and isolated AgentPools share the node hardening; the isolated one is tainted", () => {
        const general = inputsOf(named(prod.resources, T.pool, "platform-prod-general"));
        const isolated = inputsOf(named(prod.resources, T.pool, "platform-prod-isolated"));
        for (const pool of [general, isolated]) {
            expect(pool).toMatchObject({
                resourceName: "platform-prod",
                mode: "User",
                osSKU: "AzureLinux",
                enableEncryptionAtHost: true,
                enableNodePublicIP: false,
                securityProfile: { sshAccess: "Disabled" },
                availabilityZones: ["1", "2", "3"],
                // Ephemeral OS disk on the VM's local disk, still encrypted at host.
                osDiskType: "Ephemeral",
                osDiskSizeGB: 50,
            });
        }
        expect(general["nodeLabels"]).toEqual({ [POOL_LABEL]: "general" });
        expect(general["nodeTaints"]).toEqual([]);
        expect(isolated["nodeLabels"]).toEqual({ [POOL_LABEL]: "isolated" });
        expect(isolated["nodeTaints"]).toEqual([`${ISOLATED_TAINT.key}=${ISOLATED_TAINT.value}:${ISOLATED_TAINT.effect}`]);
    });

    test("user pools are created one after another (AKS runs one agent-pool operation at a time)", () => {
        const general = named(prod.resources, T.pool, "platform-prod-general");
        const isolated = named(prod.resources, T.pool, "platform-prod-isolated");
        expect(isolated.dependencies).toContain(general.urn);
        expect(general.dependencies).not.toContain(isolated.urn);
        expect(ofType(prod.resources, T.pool)).toHaveLength(2);
    });

    test("the autoscaler owns the node count", () => {
        for (const pool of nonEmpty(ofType(prod.resources, T.pool))) expect(pool.ignoreChanges).toContain("count");
        expect(single(platform(prod.resources), T.cluster).ignoreChanges).toEqual(["agentPoolProfiles[0].count"]);
    });
});

describe("Kubernetes access", () => {
    const groupGrants = () => ofType(prod.resources, T.role).filter((g) => inputsOf(g)["principalType"] === "Group");
    const clusterId = `/subscriptions/${SUB}/resourceGroups/rg-platform-prod/providers/Microsoft.ContainerService/managedClusters/platform-prod`;

    test("tenant editors and developers are RBAC Writer scoped to the tenant namespace", () => {
        const writers = groupGrants().filter((g) => inputsOf(g)["roleDefinitionId"] === roleId("aksRbacWriter"));
        expect(writers.map((g) => `${inputsOf(g)["principalId"]} ${inputsOf(g)["scope"]}`).sort()).toEqual(
            [
                `22222222-2222-2222-2222-222222222222 ${clusterId}/namespaces/payments`,
                `22222222-2222-2222-2222-222222222222 ${clusterId}/namespaces/search`,
                `44444444-4444-4444-4444-444444444444 ${clusterId}/namespaces/payments`,
                `55555555-5555-5555-5555-555555555555 ${clusterId}/namespaces/search`,
            ].sort(),
        );
    });

    test("admins are RBAC Cluster Admin and viewers RBAC Reader on the cluster", () => {
        const at = (role: keyof typeof BUILT_IN_ROLES) =>
            groupGrants()
                .filter((g) => inputsOf(g)["roleDefinitionId"] === roleId(role))
                .map((g) => [inputsOf(g)["principalId"], inputsOf(g)["scope"]]);
        expect(at("aksRbacClusterAdmin")).toEqual([["11111111-1111-1111-1111-111111111111", clusterId]]);
        expect(at("aksRbacReader")).toEqual([["33333333-3333-3333-3333-333333333333", clusterId]]);
    });

    test("role assignment names are GUIDs derived from the grant, unique in the stack", () => {
        const names = ofType(prod.resources, T.role).map((g) => inputsOf(g)["roleAssignmentName"] as string);
        for (const name of nonEmpty(names)) expect(name).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(new Set(names).size).toBe(names.length);
        const writer = named(prod.resources, T.role, "platform-prod-access-aksRbacWriter-ns-payments-44444444-4444-4444-4444-444444444444");
        expect(inputsOf(writer)["roleAssignmentName"]).toBe(
            stableGuid(`${SUB}/rg-platform-prod/platform-prod`, "access/aksRbacWriter-ns-payments-44444444-4444-4444-4444-444444444444"),
        );
    });

    test("the deployer is RBAC Cluster Admin, and in one run (layer all) the Kubernetes provider waits for that grant", async () => {
        const deployer = named(prod.resources, T.role, "platform-prod-access-deployer");
        expect(inputsOf(deployer)).toMatchObject({
            principalId: MOCK_IDENTITY.azureClientObjectId,
            roleDefinitionId: roleId("aksRbacClusterAdmin"),
            scope: clusterId,
        });
        // The mock's client id is not the Azure CLI's: a CI service principal.
        expect(inputsOf(deployer)["principalType"]).toBe("ServicePrincipal");
        const inOneRun = (await runStack("azure-prod", { "hardened-cluster:layer": "all" })).resources;
        expect(single(inOneRun, T.k8sProvider).dependencies).toContain(named(inOneRun, T.role, "platform-prod-access-deployer").urn);
    });
});

describe("outputs", () => {
    test("the kubeconfig is secret and authenticates with kubelogin through the Azure CLI, in the stack's tenant", async () => {
        const kubeconfig = prod.outputs["kubeconfig"] as pulumi.Output<string>;
        expect(await isSecretOutput(kubeconfig)).toBe(true);
        const doc = parseYaml(await valueOf(kubeconfig)) as {
            clusters: { cluster: { server: string } }[];
            users: { user: { exec: { command: string; args: string[] } } & Record<string, unknown> }[];
        };
        expect(doc.users[0].user.exec.command).toBe("kubelogin");
        expect(doc.users[0].user.exec.args).toEqual([
            "get-token",
            "--login",
            "azurecli",
            "--server-id",
            "6dae42f8-4368-4678-94ff-3960e28e3630",
            "--tenant-id",
            MOCK_IDENTITY.azureTenantId,
        ]);
        expect(doc.clusters[0].cluster.server).toBe("https://platform-prod-mock.privatelink.westeurope.azmk8s.io:443");
        // No static credential: the user entry is the exec plugin and nothing else (no token, key or password).
        expect(Object.keys(doc.users[0].user)).toEqual(["exec"]);
    });

    test("cluster name and id are stack outputs", async () => {
        expect(await valueOf(prod.outputs["clusterName"] as pulumi.Output<string>)).toBe("platform-prod");
        expect(await valueOf(prod.outputs["clusterId"] as pulumi.Output<string>)).toBe(clusterIdOf("platform-prod"));
    });
});

function clusterIdOf(name: string): string {
    return `/subscriptions/${SUB}/resourceGroups/rg-${name}/providers/Microsoft.ContainerService/managedClusters/${name}`;
}

describe("the component alone", () => {
    const config = () => validateStackConfig(rawConfigFrom(readStackConfig("azure-prod"))) as AzureConfig;
    /** A provider and deployer as connectAzure hands them over, without its guard. */
    const standalone = () => ({
        provider: new Provider("t-azure", azureProviderArgs(config())),
        deployer: parseAzureDeployer(config().access.deployer ?? ""),
    });

    test("hands the baseline Entra group ids, the Azure Disk class and in-cluster image verification", async () => {
        const { outputs: c } = await runProgram(() => new AksHardenedCluster("t", { config: config(), ...standalone() }));
        expect(c.subjects).toEqual({
            admins: ["11111111-1111-1111-1111-111111111111"],
            viewers: ["33333333-3333-3333-3333-333333333333"],
            developers: ["22222222-2222-2222-2222-222222222222"],
            tenants: {
                payments: { editors: ["44444444-4444-4444-4444-444444444444"], viewers: [] },
                search: { editors: ["55555555-5555-5555-5555-555555555555"], viewers: [] },
            },
        });
        expect(c.storageClass).toEqual({
            provisioner: "disk.csi.azure.com",
            parameters: { skuName: "Premium_ZRS", cachingMode: "ReadOnly" },
        });
        expect(c.imageVerification).toBe("in-cluster");
        // Cluster, two user pools, the deployer grant, and the registry pulls (kubelet grant, webhook federation and grant).
        expect(c.readyResources).toHaveLength(7);
    });

    test("authorised CIDRs give a public API limited to them; with VNet integration the nodes need no NAT entry", async () => {
        const open = {
            ...config(),
            apiAccess: { ...config().apiAccess, authorizedCidrs: ["203.0.113.0/24"] },
            aks: { ...config().aks, runnerVnet: undefined },
        };
        const { resources } = await runProgram(() => new AksHardenedCluster("t", { config: open, ...standalone() }));
        // Prod integrates the API server into the VNet: nodes reach it on its internal address, not through the NAT.
        expect(inputsOf(single(resources, T.cluster))["apiServerAccessProfile"]).toMatchObject({
            enablePrivateCluster: false,
            authorizedIPRanges: ["203.0.113.0/24"],
            enableVnetIntegration: true,
        });
        // Without integration (dev) the NAT gateway's address (the mock's 203.0.113.10) joins the ranges.
        const devOpen = { ...open, environment: "dev" as const };
        const dev = await runProgram(() => new AksHardenedCluster("t", { config: devOpen, ...standalone() }));
        expect(inputsOf(single(platform(dev.resources), T.cluster))["apiServerAccessProfile"]).toEqual({
            enablePrivateCluster: false,
            authorizedIPRanges: ["203.0.113.0/24", "203.0.113.10/32"],
        });
        expect(ofType(resources, "azure-native:network:VirtualNetworkPeering")).toEqual([]);
    });

    test("network policy azure runs on the Azure dataplane", async () => {
        const azure = { ...config(), aks: { ...config().aks, networkPolicy: "azure" as const } };
        const { resources } = await runProgram(() => new AksHardenedCluster("t", { config: azure, ...standalone() }));
        expect(at(inputsOf(single(resources, T.cluster)), "networkProfile")).toMatchObject({
            networkPolicy: "azure",
            networkDataplane: "azure",
        });
    });
});

describe("a runner VNet reaches the private cluster (aks.runnerVnet)", () => {
    const RUNNER =
        "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-ci-runners/providers/Microsoft.Network/virtualNetworks/vnet-ci-runners";
    const PEERING = "azure-native:network:VirtualNetworkPeering";
    const LINK = "azure-native:privatedns:VirtualNetworkLink";

    test("peered both ways, VNet traffic only (no forwarding, no gateway transit)", () => {
        const peerings = ofType(dev.resources, PEERING);
        expect(peerings.map((p) => p.name).sort()).toEqual(["platform-dev-from-runner", "platform-dev-to-runner"]);
        const flags = {
            allowVirtualNetworkAccess: true,
            allowForwardedTraffic: false,
            allowGatewayTransit: false,
            useRemoteGateways: false,
        };
        expect(inputsOf(named(dev.resources, PEERING, "platform-dev-to-runner"))).toMatchObject({
            ...flags,
            resourceGroupName: "rg-platform-dev",
            virtualNetworkPeeringName: "to-vnet-ci-runners",
            remoteVirtualNetwork: { id: RUNNER },
        });
        const back = inputsOf(named(dev.resources, PEERING, "platform-dev-from-runner"));
        expect(back).toMatchObject({ ...flags, resourceGroupName: "rg-ci-runners", virtualNetworkName: "vnet-ci-runners" });
        expect(String(at(back, "remoteVirtualNetwork.id"))).toMatch(/\/virtualNetworks\/platform-dev-vnet/);
    });

    test("the cluster's private DNS zone (in the node resource group) is linked to the runner VNet, resolution only", () => {
        const link = inputsOf(named(dev.resources, LINK, "platform-dev-runner-dns"));
        expect(link).toEqual({
            resourceGroupName: "rg-platform-dev-nodes",
            privateZoneName: "0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e.privatelink.westeurope.azmk8s.io",
            virtualNetworkLinkName: "runner-vnet-ci-runners",
            location: "Global",
            virtualNetwork: { id: RUNNER },
            registrationEnabled: false,
            tags: expect.objectContaining({ "hardened-cluster": "platform-dev" }),
        });
        expect(named(dev.resources, LINK, "platform-dev-runner-dns").dependencies).toContain(single(dev.resources, T.cluster).urn);
        // The runner route needs the private cluster: its API stays off the internet.
        expect(at(inputsOf(single(platform(dev.resources), T.cluster)), "apiServerAccessProfile")).toEqual({
            enablePrivateCluster: true,
            privateDNSZone: "system",
        });
    });

    test("peerFromRunner false leaves the runner side to its owner; in one run the provider waits for the route", async () => {
        const { resources } = await runStack("azure-dev", {
            "hardened-cluster:layer": "all",
            "hardened-cluster:aks": { registry: { name: "acmeplatformdev" }, runnerVnet: { id: RUNNER, peerFromRunner: false } },
        });
        expect(ofType(resources, PEERING).map((p) => p.name)).toEqual(["platform-dev-to-runner"]);
        const provider = single(resources, T.k8sProvider);
        expect(provider.dependencies).toEqual(
            expect.arrayContaining([single(resources, PEERING).urn, named(resources, LINK, "platform-dev-runner-dns").urn]),
        );
    });

    test("the zone is the private FQDN without its host label; a VNet id splits into group and name", () => {
        expect(privateDnsZoneOf("aks-abc.0b1c.privatelink.westeurope.azmk8s.io")).toBe("0b1c.privatelink.westeurope.azmk8s.io");
        expect(() => privateDnsZoneOf("nodots")).toThrow("not a private FQDN");
        expect(parseVnetId(RUNNER)).toEqual({ resourceGroupName: "rg-ci-runners", name: "vnet-ci-runners" });
    });
});

test("apiServerAccess: private cluster without ranges; with ranges, public to them and to the nodes' NAT address", async () => {
    expect(apiServerAccess([], "198.51.100.7")).toEqual({ enablePrivateCluster: true, privateDNSZone: "system" });
    const open = apiServerAccess(["203.0.113.0/24"], "198.51.100.7");
    expect(open.enablePrivateCluster).toBe(false);
    expect(await valueOf(pulumi.output(open.authorizedIPRanges))).toEqual(["203.0.113.0/24", "198.51.100.7/32"]);
});
