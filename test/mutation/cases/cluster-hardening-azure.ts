import { exceptionTagKey } from "../../../core/exception-format";
import { addResource, combined, Inputs, removeResource, set, target, unset } from "../framework/edits";
import { MutationTable } from "../framework/rows";
import { EXPIRED_EXCEPTION } from "../framework/values";

/** Insecure (and compliant) edits to the shipped AKS stacks, judged by the cluster-hardening pack. */
const PROD = "azure-prod";
const DEV = "azure-dev";
const SUBSCRIPTION = "/subscriptions/00000000-0000-0000-0000-000000000001";

const cluster = target("azure-native:containerservice:ManagedCluster");
const pools = target("azure-native:containerservice:AgentPool");
const generalPool = target("azure-native:containerservice:AgentPool", "-general");
const vault = target("azure-native:keyvault:Vault", /^platform-(prod|dev)-kv$/, undefined, "the KMS vault");
const tenantSecretsGrant = target("azure-native:authorization:RoleAssignment", "-tenant-payments-secrets-user");
const tenantFederation = target("azure-native:managedidentity:FederatedIdentityCredential", "-tenant-payments-federation");
const etcdKey = target("azure-native:keyvault:Key");
const workspace = target("azure-native:operationalinsights:Workspace");
const diagnostics = target("azure-native:monitor:DiagnosticSetting");
const nsg = target("azure-native:network:NetworkSecurityGroup");
const nodeSubnet = target("azure-native:network:Subnet", "-nodes");
const flowLog = target("azure-native:network:FlowLog");
const registry = target("azure-native:containerregistry:Registry");
const containersPlan = target("azure-native:security:Pricing");
const deletionLock = target("azure-native:authorization:ManagementLockByScope");
const tenantWriter = target(
    "azure-native:authorization:RoleAssignment",
    /aksRbacWriter-ns-payments-2/,
    undefined,
    "the payments tenant's Writer RoleAssignment",
);
const controlPlaneNetwork = target("azure-native:authorization:RoleAssignment", "-control-plane-network");

const SYSTEM_POOL = "agentPoolProfiles[name=system]";
const DELETION_LOCK = "azure-aks-stack-require-deletion-lock";
const PRIVATE_API = "azure-aks-cluster-require-private-api";
const PUBLIC_IP = "azure-aks-pool-deny-node-public-ip";
const NETWORK_POLICY = "azure-aks-cluster-require-network-policy";
const KMS = "azure-aks-cluster-require-kms-etcd-encryption";
const PURGE = "azure-keyvault-vault-require-purge-protection";
const KEY_ROTATION = "azure-keyvault-key-require-rotation";
const AUDIT = "azure-aks-stack-require-audit-diagnostics";
const RETENTION = "azure-operationalinsights-workspace-require-retention";
const ENTRA = "azure-aks-cluster-require-entra-rbac";
const LOCAL = "azure-aks-cluster-deny-local-accounts";
const WORKLOAD_ID = "azure-aks-cluster-require-workload-identity";
const HOST_ENCRYPTION = "azure-aks-pool-require-encryption-at-host";
const SSH = "azure-aks-pool-deny-ssh-access";
const AZURE_LINUX = "azure-aks-pool-require-azure-linux";
const UPGRADES = "azure-aks-cluster-require-upgrade-channels";
const DEFENDER = "azure-aks-cluster-require-defender";
const AZURE_POLICY = "azure-aks-cluster-require-azure-policy";
const REGISTRY_PUBLIC = "azure-containerregistry-registry-deny-public-access";
const REGISTRY_CMK = "azure-containerregistry-registry-require-cmk";
const REGISTRY_RETENTION = "azure-containerregistry-registry-require-retention";
const CONTAINERS_PLAN = "azure-security-pricing-require-containers-plan";
const SECRETS_SCOPE = "azure-authorization-roleassignment-restrict-secrets-scope";
const TENANT_SECRETS = "azure-aks-stack-restrict-tenant-secrets";

/** Built-in Azure role definition ids (the same in every tenant). */
const ROLE = {
    owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c4a72b9d",
    aksRbacClusterAdmin: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
    aksRbacAdmin: "3498e952-d568-435e-9b2c-8d77e338d7f7",
    aksClusterAdminRole: "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8",
};
const roleId = (guid: string) => `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;

function roleAssignment(label: string, name: string, props: Inputs) {
    return addResource(label, "wrong-value", () => ({
        type: "azure-native:authorization:RoleAssignment",
        name,
        props: { principalType: "Group", principalId: "22222222-2222-2222-2222-222222222222", ...props },
    }));
}

/** The diagnostic setting's logs with kube-audit (reads and writes) swapped for kube-audit-admin (writes only). */
const auditWritesOnly = (logs: unknown) =>
    (logs as { category?: string }[]).map((l) => (l.category === "kube-audit" ? { ...l, category: "kube-audit-admin" } : l));
const keepCategories = (drop: string) => (logs: unknown) => (logs as { category?: string }[]).filter((l) => l.category !== drop);

export const CLUSTER_HARDENING_AZURE: MutationTable = {
    pack: "cluster-hardening",
    cloud: "azure",
    rows: [
        // HC-API-01: private cluster.
        {
            stack: PROD,
            edit: set(cluster, "apiServerAccessProfile.enablePrivateCluster", false),
            expect: { policy: PRIVATE_API, message: "set enablePrivateCluster true or list specific CIDRs" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "apiServerAccessProfile.enablePrivateCluster"),
            expect: { policy: PRIVATE_API, message: "reachable from the whole internet" },
        },
        {
            stack: PROD,
            edit: combined(
                "public API server open to 0.0.0.0/0",
                "wrong-value",
                set(cluster, "apiServerAccessProfile.enablePrivateCluster", false),
                set(cluster, "apiServerAccessProfile.authorizedIPRanges", ["0.0.0.0/0"]),
            ),
            expect: { policy: PRIVATE_API, message: "list specific CIDRs of /8 or narrower" },
        },
        {
            stack: PROD,
            edit: combined(
                "public API server limited to one office CIDR",
                "wrong-value",
                set(cluster, "apiServerAccessProfile.enablePrivateCluster", false),
                set(cluster, "apiServerAccessProfile.authorizedIPRanges", ["203.0.113.0/24"]),
            ),
            expect: "compliant",
            judgedBy: PRIVATE_API,
        },

        // HC-NET-01: no public node IPs.
        {
            stack: PROD,
            edit: set(generalPool, "enableNodePublicIP", true),
            expect: { policy: PUBLIC_IP, message: "set enableNodePublicIP false and route egress through a NAT gateway" },
        },
        {
            stack: PROD,
            edit: set(cluster, `${SYSTEM_POOL}.enableNodePublicIP`, true),
            expect: { policy: PUBLIC_IP, message: "agentPoolProfiles[system] has enableNodePublicIP true" },
        },
        {
            stack: PROD,
            edit: set(
                generalPool,
                "nodePublicIPPrefixID",
                `${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Network/publicIPPrefixes/nodes`,
            ),
            expect: { policy: PUBLIC_IP, message: "which gives nodes public addresses; remove it" },
        },
        { stack: PROD, edit: unset(pools, "enableNodePublicIP"), expect: "compliant", judgedBy: PUBLIC_IP, note: "unset is false" },

        // HC-NET-02: a network policy engine.
        {
            stack: PROD,
            edit: set(cluster, "networkProfile.networkPolicy", "none"),
            expect: { policy: NETWORK_POLICY, message: "set it to one of cilium, azure, calico" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "networkProfile.networkPolicy"),
            expect: { policy: NETWORK_POLICY, message: "networkPolicy is not set, so NetworkPolicy objects are not enforced" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "networkProfile.networkDataplane"),
            expect: { policy: NETWORK_POLICY, message: 'Cilium policy needs networkDataplane "cilium"' },
        },
        {
            stack: PROD,
            edit: combined(
                "Azure network policy on the Azure dataplane",
                "wrong-value",
                set(cluster, "networkProfile.networkPolicy", "azure"),
                set(cluster, "networkProfile.networkDataplane", "azure"),
            ),
            expect: "compliant",
            judgedBy: NETWORK_POLICY,
        },

        // HC-SEC-01: KMS etcd encryption.
        {
            stack: PROD,
            edit: set(cluster, "securityProfile.azureKeyVaultKms.enabled", false),
            expect: { policy: KMS, message: "enable KMS with a Key Vault key" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "securityProfile.azureKeyVaultKms"),
            expect: { policy: KMS, message: "enable KMS with a Key Vault key" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "securityProfile.azureKeyVaultKms.keyId"),
            expect: { policy: KMS, message: "set it to the versioned URI of the Key Vault key" },
        },
        {
            stack: DEV,
            edit: set(cluster, "securityProfile.azureKeyVaultKms.keyVaultNetworkAccess", "Private"),
            expect: { policy: KMS, message: "set the vault's resource id" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "securityProfile.azureKeyVaultKms.keyVaultResourceId"),
            expect: { policy: KMS, message: "set the vault's resource id" },
        },

        // HC-SEC-02: the vault and its key.
        {
            stack: PROD,
            edit: set(vault, "properties.enablePurgeProtection", false),
            expect: { policy: PURGE, message: "set enablePurgeProtection true" },
        },
        {
            stack: PROD,
            edit: unset(vault, "properties.enablePurgeProtection"),
            expect: { policy: PURGE, message: "set enablePurgeProtection true" },
        },
        {
            stack: PROD,
            edit: set(vault, "properties.softDeleteRetentionInDays", 7),
            expect: { policy: PURGE, message: "set it to at least 90" },
        },
        {
            stack: PROD,
            edit: set(vault, "properties.enableSoftDelete", false),
            expect: { policy: PURGE, message: "set it true (or leave it unset)" },
        },
        {
            stack: PROD,
            edit: unset(vault, "properties.softDeleteRetentionInDays"),
            expect: "compliant",
            judgedBy: PURGE,
            note: "unset is Key Vault's default of 90 days",
        },
        {
            stack: PROD,
            edit: unset(etcdKey, "properties.rotationPolicy"),
            expect: { policy: KEY_ROTATION, message: 'add one with trigger.timeAfterCreate "P1Y"' },
        },
        {
            stack: PROD,
            edit: set(etcdKey, "properties.rotationPolicy.lifetimeActions[action.type=rotate].trigger.timeAfterCreate", "P2Y"),
            expect: { policy: KEY_ROTATION, message: 'set trigger.timeAfterCreate to "P365D" or shorter' },
        },
        {
            stack: PROD,
            edit: unset(etcdKey, "properties.rotationPolicy.lifetimeActions[action.type=rotate]"),
            expect: { policy: KEY_ROTATION, message: 'has no "rotate" lifetime action, so the key never rotates' },
        },
        {
            stack: PROD,
            edit: set(etcdKey, "properties.rotationPolicy.lifetimeActions[action.type=rotate].trigger.timeAfterCreate", "P90D"),
            expect: "compliant",
            judgedBy: KEY_ROTATION,
        },

        // HC-AUD-01 / HC-AUD-02: audit logs and their retention.
        {
            stack: PROD,
            edit: removeResource(diagnostics),
            expect: { policy: AUDIT, message: "add one shipping kube-audit-admin and kube-apiserver to Log Analytics" },
        },
        {
            stack: PROD,
            edit: set(diagnostics, "logs", keepCategories("kube-audit"), "[all but kube-audit]"),
            expect: { policy: AUDIT, message: "enable kube-audit or kube-audit-admin" },
        },
        {
            stack: PROD,
            edit: set(diagnostics, "logs[category=kube-apiserver].enabled", false),
            expect: { policy: AUDIT, message: "enable kube-apiserver" },
        },
        {
            stack: PROD,
            edit: set(diagnostics, "logs", [
                { categoryGroup: "audit", enabled: true },
                { category: "kube-apiserver", enabled: true },
            ]),
            expect: "compliant",
            judgedBy: AUDIT,
        },
        { stack: PROD, edit: set(workspace, "retentionInDays", 30), expect: { policy: RETENTION, message: "set it to at least 365 days" } },
        {
            stack: PROD,
            edit: unset(workspace, "retentionInDays"),
            expect: { policy: RETENTION, message: "Azure keeps logs 30 days; set it to at least 365" },
        },
        {
            stack: DEV,
            edit: set(workspace, "retentionInDays", 7),
            expect: { policy: RETENTION, message: "set it to at least 30 days" },
            note: "dev's pack config requires 30 days",
        },
        { stack: DEV, edit: set(workspace, "retentionInDays", 60), expect: "compliant", judgedBy: RETENTION },

        // HC-IAM-01: Entra ID, Azure RBAC, no local accounts.
        {
            stack: PROD,
            edit: set(cluster, "aadProfile.enableAzureRBAC", false),
            expect: { policy: ENTRA, message: "not granted and revoked through Azure role assignments; set it true" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "aadProfile.enableAzureRBAC"),
            expect: { policy: ENTRA, message: "aadProfile.enableAzureRBAC is not true" },
        },
        { stack: PROD, edit: set(cluster, "aadProfile.managed", false), expect: { policy: ENTRA, message: "set aadProfile.managed true" } },
        { stack: PROD, edit: unset(cluster, "aadProfile"), expect: { policy: ENTRA, message: "set aadProfile.managed true" } },
        {
            stack: PROD,
            edit: set(cluster, "enableRBAC", false),
            expect: { policy: ENTRA, message: "Kubernetes RBAC is off; remove it or set it true" },
        },
        {
            stack: PROD,
            edit: set(cluster, "disableLocalAccounts", false),
            expect: { policy: LOCAL, message: "set disableLocalAccounts true" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "disableLocalAccounts"),
            expect: { policy: LOCAL, message: "disableLocalAccounts is not set" },
        },

        // HC-IAM-02: workload identity.
        {
            stack: PROD,
            edit: set(cluster, "securityProfile.workloadIdentity.enabled", false),
            expect: { policy: WORKLOAD_ID, message: "pods can only borrow the node's identity; set it true" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "securityProfile.workloadIdentity"),
            expect: { policy: WORKLOAD_ID, message: "securityProfile.workloadIdentity.enabled is not true" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "oidcIssuerProfile"),
            expect: { policy: WORKLOAD_ID, message: "cannot be federated with Entra ID; set it true" },
        },

        // HC-NODE-01 / 03 / 04: encryption at host, no SSH, Azure Linux.
        {
            stack: PROD,
            edit: set(generalPool, "enableEncryptionAtHost", false),
            expect: { policy: HOST_ENCRYPTION, message: "set enableEncryptionAtHost true" },
        },
        {
            stack: PROD,
            edit: unset(generalPool, "enableEncryptionAtHost"),
            expect: { policy: HOST_ENCRYPTION, message: "enableEncryptionAtHost not set" },
        },
        {
            stack: PROD,
            edit: set(cluster, `${SYSTEM_POOL}.enableEncryptionAtHost`, false),
            expect: { policy: HOST_ENCRYPTION, message: "agentPoolProfiles[system] has enableEncryptionAtHost false" },
        },
        {
            stack: PROD,
            edit: set(generalPool, "securityProfile.sshAccess", "LocalUser"),
            expect: { policy: SSH, message: 'set it to "Disabled"' },
        },
        {
            stack: PROD,
            edit: unset(generalPool, "securityProfile"),
            expect: { policy: SSH, message: "not set (AKS defaults to LocalUser)" },
        },
        {
            stack: PROD,
            edit: unset(cluster, `${SYSTEM_POOL}.securityProfile.sshAccess`),
            expect: { policy: SSH, message: "agentPoolProfiles[system] has securityProfile.sshAccess not set" },
        },
        {
            stack: PROD,
            edit: set(generalPool, "osSKU", "Ubuntu"),
            expect: { policy: AZURE_LINUX, message: "set it to one of AzureLinux, AzureLinux3" },
        },
        { stack: PROD, edit: unset(generalPool, "osSKU"), expect: { policy: AZURE_LINUX, message: "not set (AKS defaults to Ubuntu)" } },
        {
            stack: PROD,
            edit: set(generalPool, "osType", "Windows"),
            expect: { policy: AZURE_LINUX, message: 'set osType "Linux" with osSKU "AzureLinux"' },
        },
        { stack: PROD, edit: set(generalPool, "osSKU", "AzureLinux3"), expect: "compliant", judgedBy: AZURE_LINUX },

        // HC-NODE-05: automatic upgrades.
        {
            stack: PROD,
            edit: set(cluster, "autoUpgradeProfile.upgradeChannel", "none"),
            expect: { policy: UPGRADES, message: 'set it to "patch", "stable", "rapid" or "node-image"' },
        },
        {
            stack: PROD,
            edit: unset(cluster, "autoUpgradeProfile"),
            expect: { policy: UPGRADES, message: "upgradeChannel is not set, so patches wait for a human" },
        },
        {
            stack: PROD,
            edit: set(cluster, "autoUpgradeProfile.nodeOSUpgradeChannel", "Unmanaged"),
            expect: { policy: UPGRADES, message: 'set it to "NodeImage" or "SecurityPatch"' },
        },
        {
            stack: PROD,
            edit: combined(
                "stable channel with security patches",
                "wrong-value",
                set(cluster, "autoUpgradeProfile.upgradeChannel", "stable"),
                set(cluster, "autoUpgradeProfile.nodeOSUpgradeChannel", "SecurityPatch"),
            ),
            expect: "compliant",
            judgedBy: UPGRADES,
        },

        // HC-SUP-05: Defender for Containers scans the registry.
        {
            stack: PROD,
            edit: set(containersPlan, "pricingTier", "Free"),
            expect: { policy: CONTAINERS_PLAN, message: "pricingTier is Free: Defender for Containers is off" },
        },
        {
            stack: PROD,
            edit: unset(containersPlan, "pricingTier"),
            expect: { policy: CONTAINERS_PLAN, message: "pricingTier is unset" },
        },
        {
            stack: PROD,
            edit: set(containersPlan, "extensions[0].isEnabled", "False"),
            expect: { policy: CONTAINERS_PLAN, message: "ContainerRegistriesVulnerabilityAssessments extension is disabled" },
        },

        // HC-SUP-06: the registry is private, customer-key encrypted, purges untagged manifests.
        {
            stack: PROD,
            edit: set(registry, "publicNetworkAccess", "Enabled"),
            expect: { policy: REGISTRY_PUBLIC, message: "publicNetworkAccess is Enabled, so the login server is on the internet" },
        },
        {
            stack: PROD,
            edit: unset(registry, "publicNetworkAccess"),
            expect: { policy: REGISTRY_PUBLIC, message: "Enabled (the API's default when unset)" },
        },
        {
            stack: PROD,
            edit: set(registry, "adminUserEnabled", true),
            expect: { policy: REGISTRY_PUBLIC, message: "one shared user name and password can push and pull" },
        },
        {
            stack: PROD,
            edit: set(registry, "anonymousPullEnabled", true),
            expect: { policy: REGISTRY_PUBLIC, message: "anyone who reaches the registry reads every image" },
        },
        {
            stack: PROD,
            edit: set(registry, "sku.name", "Standard"),
            expect: { policy: REGISTRY_PUBLIC, message: "a tier without private endpoints" },
        },
        { stack: PROD, edit: unset(registry, "adminUserEnabled"), expect: "compliant", judgedBy: REGISTRY_PUBLIC, note: "unset is false" },
        {
            stack: PROD,
            edit: set(registry, "encryption.status", "disabled"),
            expect: { policy: REGISTRY_CMK, message: "encryption.status is disabled" },
        },
        {
            stack: PROD,
            edit: unset(registry, "encryption"),
            expect: { policy: REGISTRY_CMK, message: "encryption is not set, so the registry is encrypted with a Microsoft-managed key" },
        },
        {
            stack: PROD,
            edit: set(registry, "policies.retentionPolicy.status", "disabled"),
            expect: { policy: REGISTRY_RETENTION, message: "policies.retentionPolicy.status is disabled" },
        },
        {
            stack: PROD,
            edit: unset(registry, "policies.retentionPolicy"),
            expect: { policy: REGISTRY_RETENTION, message: "policies.retentionPolicy is not set" },
        },

        // HC-RUN-01: Defender and Azure Policy.
        {
            stack: PROD,
            edit: set(cluster, "securityProfile.defender.securityMonitoring.enabled", false),
            expect: { policy: DEFENDER, message: "Defender raises no runtime alerts for this cluster; enable it" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "securityProfile.defender"),
            expect: { policy: DEFENDER, message: "point it at the cluster's Log Analytics workspace" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "securityProfile.defender.logAnalyticsWorkspaceResourceId"),
            expect: { policy: DEFENDER, message: "point it at the cluster's Log Analytics workspace" },
        },
        {
            stack: PROD,
            edit: set(cluster, "addonProfiles.azurepolicy.enabled", false),
            expect: { policy: AZURE_POLICY, message: "set addonProfiles.azurepolicy.enabled true" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "addonProfiles.azurepolicy"),
            expect: { policy: AZURE_POLICY, message: "addonProfiles.azurepolicy is not set" },
        },
        {
            stack: PROD,
            edit: combined(
                "the Azure Policy add-on under its other spelling",
                "wrong-value",
                unset(cluster, "addonProfiles.azurepolicy"),
                set(cluster, "addonProfiles.azurePolicy", { enabled: true }),
            ),
            expect: "compliant",
            judgedBy: AZURE_POLICY,
        },

        // HC-GOV-01: exceptions carried as tags.
        {
            stack: PROD,
            edit: set(vault, `tags["${exceptionTagKey("HC-SEC-02")}"]`, EXPIRED_EXCEPTION),
            expect: { policy: "cluster-exceptions-require-valid", message: "expired exception" },
        },

        // HC-NET-03: the VNet's flow log records.
        {
            stack: PROD,
            edit: set(flowLog, "enabled", false),
            expect: { policy: "azure-network-vnet-require-flow-logs", message: "set enabled true on its network.FlowLog" },
        },
        {
            stack: PROD,
            edit: unset(flowLog, "enabled"),
            expect: { policy: "azure-network-vnet-require-flow-logs", message: "enabled not set); set enabled true" },
        },
        {
            stack: DEV,
            edit: removeResource(flowLog),
            expect: { policy: "azure-network-vnet-require-flow-logs", message: "add a network.FlowLog targeting it" },
        },

        // HC-NET-01 / HC-NET-06: private node subnets, each behind an NSG of its own.
        {
            stack: PROD,
            edit: unset(nodeSubnet, "defaultOutboundAccess"),
            expect: { policy: "azure-aks-stack-require-private-node-subnet", message: "set defaultOutboundAccess false" },
        },
        {
            stack: PROD,
            edit: set(nodeSubnet, "subnetName", "AzureFirewallSubnet"),
            expect: { policy: "azure-aks-stack-require-node-subnet-nsg", message: "which Azure reserves for its own gateways" },
        },

        // HC-SEC-03: the vault decides access through Azure RBAC only, and lets nothing copy its contents out.
        {
            stack: PROD,
            edit: unset(vault, "properties.enableRbacAuthorization"),
            expect: { policy: "azure-keyvault-vault-require-rbac-authorization", message: "set enableRbacAuthorization true" },
        },
        {
            stack: PROD,
            edit: set(vault, "properties.enabledForTemplateDeployment", true),
            expect: { policy: "azure-keyvault-vault-deny-platform-access", message: "set enabledForTemplateDeployment false" },
        },

        // HC-SEC-03: the KMS vault is private (public endpoint off, private endpoint); dev waives it by a reviewed tag.
        {
            stack: PROD,
            edit: set(vault, "properties.publicNetworkAccess", "Enabled"),
            expect: { policy: "azure-aks-stack-require-private-kms-vault", message: 'set properties.publicNetworkAccess "Disabled"' },
        },
        {
            stack: PROD,
            edit: unset(vault, "properties.publicNetworkAccess"),
            expect: { policy: "azure-aks-stack-require-private-kms-vault", message: "reach the vault through a private endpoint" },
        },
        {
            stack: DEV,
            edit: unset(vault, `tags["${exceptionTagKey("HC-SEC-03")}"]`),
            expect: { policy: "azure-aks-stack-require-private-kms-vault", message: 'set properties.publicNetworkAccess "Disabled"' },
        },
        {
            stack: DEV,
            edit: set(vault, `tags["${exceptionTagKey("HC-SEC-03")}"]`, EXPIRED_EXCEPTION),
            expect: { policy: "azure-aks-stack-require-private-kms-vault", message: "exception not applied" },
        },

        // HC-AUD-03: reads are audited in prod.
        {
            stack: PROD,
            edit: set(diagnostics, "logs", auditWritesOnly, "[kube-audit → kube-audit-admin]"),
            expect: { policy: "azure-aks-stack-require-data-access-audit", message: "enable the kube-audit category" },
        },
        {
            stack: PROD,
            edit: unset(diagnostics, "logs"),
            expect: { policy: "azure-aks-stack-require-data-access-audit", message: "ship no audit category" },
        },

        // HC-IAM-04: custom roles are not Owner under another name.
        {
            stack: PROD,
            edit: addResource("a custom role with every action at subscription scope", "wrong-value", () => ({
                type: "azure-native:authorization:RoleDefinition",
                name: "teammate-superuser",
                props: {
                    roleName: "platform superuser",
                    scope: SUBSCRIPTION,
                    permissions: [{ actions: ["*"] }],
                    assignableScopes: [SUBSCRIPTION],
                },
            })),
            expect: {
                policy: "azure-authorization-roledefinition-deny-wildcard-actions",
                message: "list the specific operations it needs",
            },
        },

        // Known gaps (issue 11).
        {
            stack: PROD,
            edit: set(nsg, "securityRules", [
                {
                    name: "ssh",
                    priority: 100,
                    direction: "Inbound",
                    access: "Allow",
                    protocol: "Tcp",
                    sourceAddressPrefix: "Internet",
                    sourcePortRange: "*",
                    destinationAddressPrefix: "*",
                    destinationPortRange: "22",
                },
            ]),
            expect: {
                policy: "azure-network-nsg-deny-internet-admin-ports",
                message: "securityRules[ssh] allows inbound Tcp from Internet to 22,",
            },
        },
        {
            stack: PROD,
            edit: addResource("a raw SecurityRule allowing any source to every port", "wrong-value", (stack) => ({
                type: "azure-native:network:SecurityRule",
                name: "teammate-any",
                props: {
                    networkSecurityGroupName: stack.one(nsg).name,
                    resourceGroupName: "rg-platform-prod",
                    priority: 110,
                    direction: "Inbound",
                    access: "Allow",
                    protocol: "*",
                    sourceAddressPrefix: "0.0.0.0/0",
                    sourcePortRange: "*",
                    destinationAddressPrefix: "*",
                    destinationPortRange: "*",
                },
            })),
            expect: {
                policy: "azure-network-nsg-deny-internet-admin-ports",
                message: "security rule teammate-any allows inbound * from 0.0.0.0/0",
            },
        },
        {
            stack: PROD,
            edit: unset(nodeSubnet, "networkSecurityGroup"),
            expect: {
                policy: "azure-aks-stack-require-node-subnet-nsg",
                message: "subnet platform-prod-nodes, used by agent pool general and",
            },
            note: "a node subnet without an NSG",
        },
        {
            stack: PROD,
            edit: set(controlPlaneNetwork, "roleDefinitionId", roleId(ROLE.owner)),
            expect: {
                policy: "azure-authorization-roleassignment-deny-admin-roles",
                message: "role assignment platform-prod-control-plane-network grants",
            },
        },
        {
            stack: PROD,
            edit: roleAssignment("Contributor on the resource group for a tenant group", "teammate-contributor", {
                roleDefinitionId: roleId(ROLE.contributor),
                scope: `${SUBSCRIPTION}/resourceGroups/rg-platform-prod`,
            }),
            expect: {
                policy: "azure-authorization-roleassignment-deny-admin-roles",
                message: "role assignment teammate-contributor grants Contributor to",
            },
        },
        {
            stack: PROD,
            edit: roleAssignment("User Access Administrator on the subscription", "teammate-uaa", {
                roleDefinitionId: roleId(ROLE.userAccessAdministrator),
                scope: SUBSCRIPTION,
            }),
            expect: "gap",
            gap: "Cloud IAM least privilege",
        },
        {
            stack: PROD,
            edit: set(tenantWriter, "roleDefinitionId", roleId(ROLE.aksRbacClusterAdmin)),
            expect: {
                policy: "azure-aks-access-restrict-cluster-admin",
                message: "grants Azure Kubernetes Service RBAC Cluster Admin to principal",
            },
        },
        {
            stack: PROD,
            edit: set(tenantWriter, "roleDefinitionId", roleId(ROLE.aksRbacAdmin)),
            expect: {
                policy: "azure-aks-access-restrict-cluster-admin",
                message: "grants Azure Kubernetes Service RBAC Admin to principal",
            },
        },
        {
            stack: PROD,
            edit: set(tenantWriter, "roleDefinitionId", roleId(ROLE.aksClusterAdminRole)),
            expect: {
                policy: "azure-aks-access-restrict-cluster-admin",
                message: "grants Azure Kubernetes Service Cluster Admin Role to principal",
            },
            note: "the role that may list the admin credential",
        },
        {
            stack: PROD,
            edit: set(vault, "properties.enableRbacAuthorization", false),
            expect: {
                policy: "azure-keyvault-vault-require-rbac-authorization",
                message: "properties.enableRbacAuthorization is false (also what an",
            },
            note: "access policies instead of Azure RBAC on the vault",
        },
        {
            stack: PROD,
            edit: set(etcdKey, "properties.attributes.exportable", true),
            expect: { policy: "azure-keyvault-key-deny-export", message: "properties.attributes.exportable is true, so the private" },
        },
        {
            stack: PROD,
            edit: set(nodeSubnet, "defaultOutboundAccess", true),
            expect: {
                policy: "azure-aks-stack-require-private-node-subnet",
                message: "subnet platform-prod-nodes, used by agent pool general and",
            },
            note: "default outbound access beside the NAT gateway",
        },
        {
            stack: PROD,
            edit: set(target("azure-native:keyvault:Vault", "-tenant-payments-kv"), "properties.publicNetworkAccess", "Enabled"),
            expect: { policy: "azure-aks-stack-require-private-kms-vault", message: "holds tenant payments's secrets" },
        },
        // HC-IAM-06: each tenant reads only its own vault, through its own identity; nodes hold no secrets role.
        {
            stack: PROD,
            edit: set(tenantSecretsGrant, "scope", `${SUBSCRIPTION}/resourceGroups/rg-platform-prod`),
            expect: { policy: SECRETS_SCOPE, message: "at resource group scope" },
        },
        {
            stack: DEV,
            edit: unset(tenantSecretsGrant, "scope"),
            expect: { policy: SECRETS_SCOPE, message: "at no scope (ARM refuses it)" },
        },
        {
            stack: PROD,
            edit: set(tenantFederation, "subject", "system:serviceaccount:search:tenant-secrets"),
            expect: { policy: TENANT_SECRETS, message: "so another namespace reads payments's secrets" },
        },
        {
            stack: PROD,
            edit: set(tenantFederation, "subject", "system:serviceaccount:payments:*"),
            expect: { policy: TENANT_SECRETS, message: "not one named service account" },
        },
        {
            stack: DEV,
            edit: unset(tenantFederation, "subject"),
            expect: { policy: TENANT_SECRETS, message: 'trusts subject ""' },
        },
        {
            stack: PROD,
            edit: addResource("Key Vault Secrets User for the cluster's kubelet identity", "wrong-value", (stack) => ({
                type: "azure-native:authorization:RoleAssignment",
                name: "kubelet-reads-secrets",
                props: {
                    principalId: "99999999-9999-9999-9999-999999999999",
                    principalType: "ServicePrincipal",
                    roleDefinitionId: roleId("4633458b-17de-408a-b874-0445c86b69e6"),
                    scope: `${SUBSCRIPTION}/resourceGroups/rg-platform-prod/providers/Microsoft.KeyVault/vaults/kv-payments-abcdef`,
                },
                propertyDependencies: { principalId: [stack.one(cluster).urn] },
            })),
            expect: { policy: TENANT_SECRETS, message: "so any pod on any node, of any tenant, can read those secrets" },
        },
        {
            stack: PROD,
            edit: set(cluster, "addonProfiles.omsagent.enabled", false),
            expect: "gap",
            gap: "Logging content",
            note: "container logs no longer reach Log Analytics",
        },
        // HC-RES-01: the prod cluster carries a CanNotDelete lock.
        {
            stack: PROD,
            edit: removeResource(deletionLock),
            expect: { policy: DELETION_LOCK, message: "has no CanNotDelete or ReadOnly management lock" },
        },
        {
            stack: PROD,
            edit: set(deletionLock, "level", "NotSpecified"),
            expect: { policy: DELETION_LOCK, message: "has no CanNotDelete or ReadOnly management lock" },
            note: "a lock that does not stop deletes",
        },
    ],
};
