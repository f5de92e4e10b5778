import { CloudAnswers, Inputs, MOCK_IDENTITY } from "../answers";

const { azureSubscriptionId, azureTenantId, azureClientObjectId } = MOCK_IDENTITY;

function text(inputs: Inputs, key: string): string | undefined {
    const v = inputs[key];
    return typeof v === "string" ? v : undefined;
}

function groupOf(inputs: Inputs): string {
    return text(inputs, "resourceGroupName") ?? "rg";
}

/** The ARM name a resource gets: its explicit name input, else the Pulumi name (azure-native auto-naming). */
const NAME_INPUTS: Readonly<Record<string, string>> = {
    "azure-native:resources:ResourceGroup": "resourceGroupName",
    "azure-native:network:VirtualNetwork": "virtualNetworkName",
    "azure-native:network:Subnet": "subnetName",
    "azure-native:network:NetworkSecurityGroup": "networkSecurityGroupName",
    "azure-native:network:NatGateway": "natGatewayName",
    "azure-native:network:PublicIPAddress": "publicIpAddressName",
    "azure-native:keyvault:Vault": "vaultName",
    "azure-native:keyvault:Key": "keyName",
    "azure-native:managedidentity:UserAssignedIdentity": "resourceName",
    "azure-native:operationalinsights:Workspace": "workspaceName",
    "azure-native:containerservice:ManagedCluster": "resourceName",
    "azure-native:containerservice:AgentPool": "agentPoolName",
    "azure-native:authorization:RoleAssignment": "roleAssignmentName",
    "azure-native:monitor:DiagnosticSetting": "name",
    "azure-native:network:VirtualNetworkPeering": "virtualNetworkPeeringName",
    "azure-native:privatedns:VirtualNetworkLink": "virtualNetworkLinkName",
    "azure-native:privatedns:PrivateZone": "privateZoneName",
    "azure-native:network:PrivateEndpoint": "privateEndpointName",
    "azure-native:network:PrivateDnsZoneGroup": "privateDnsZoneGroupName",
    "azure-native:monitor:DataCollectionRule": "dataCollectionRuleName",
    "azure-native:storage:StorageAccount": "accountName",
    "azure-native:network:FlowLog": "flowLogName",
};

function armName(type: string, name: string, inputs: Inputs): string {
    const key = NAME_INPUTS[type];
    return (key ? text(inputs, key) : undefined) ?? name;
}

/** ARM ids shaped like the real ones, so scopes built from them (`<clusterId>/namespaces/x`) read naturally. */
function armId(type: string, name: string, inputs: Inputs): string {
    const rg = `/subscriptions/${azureSubscriptionId}/resourceGroups/${groupOf(inputs)}`;
    const own = armName(type, name, inputs);
    switch (type) {
        case "azure-native:resources:ResourceGroup":
            return `/subscriptions/${azureSubscriptionId}/resourceGroups/${own}`;
        case "azure-native:network:VirtualNetwork":
            return `${rg}/providers/Microsoft.Network/virtualNetworks/${own}`;
        case "azure-native:network:Subnet":
            return `${rg}/providers/Microsoft.Network/virtualNetworks/${text(inputs, "virtualNetworkName") ?? "vnet"}/subnets/${own}`;
        case "azure-native:network:NetworkSecurityGroup":
            return `${rg}/providers/Microsoft.Network/networkSecurityGroups/${own}`;
        case "azure-native:network:NatGateway":
            return `${rg}/providers/Microsoft.Network/natGateways/${own}`;
        case "azure-native:network:PublicIPAddress":
            return `${rg}/providers/Microsoft.Network/publicIPAddresses/${own}`;
        case "azure-native:keyvault:Vault":
            return `${rg}/providers/Microsoft.KeyVault/vaults/${own}`;
        case "azure-native:keyvault:Key":
            return `${rg}/providers/Microsoft.KeyVault/vaults/${text(inputs, "vaultName") ?? "vault"}/keys/${own}`;
        case "azure-native:managedidentity:UserAssignedIdentity":
            return `${rg}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${own}`;
        case "azure-native:operationalinsights:Workspace":
            return `${rg}/providers/Microsoft.OperationalInsights/workspaces/${own}`;
        case "azure-native:containerservice:ManagedCluster":
            return `${rg}/providers/Microsoft.ContainerService/managedClusters/${own}`;
        case "azure-native:containerservice:AgentPool":
            return `${rg}/providers/Microsoft.ContainerService/managedClusters/${text(inputs, "resourceName") ?? "aks"}/agentPools/${own}`;
        case "azure-native:network:VirtualNetworkPeering":
            return `${rg}/providers/Microsoft.Network/virtualNetworks/${text(inputs, "virtualNetworkName") ?? "vnet"}/virtualNetworkPeerings/${own}`;
        case "azure-native:privatedns:VirtualNetworkLink":
            return `${rg}/providers/Microsoft.Network/privateDnsZones/${text(inputs, "privateZoneName") ?? "zone"}/virtualNetworkLinks/${own}`;
        case "azure-native:privatedns:PrivateZone":
            return `${rg}/providers/Microsoft.Network/privateDnsZones/${own}`;
        case "azure-native:network:PrivateEndpoint":
            return `${rg}/providers/Microsoft.Network/privateEndpoints/${own}`;
        case "azure-native:network:PrivateDnsZoneGroup":
            return `${rg}/providers/Microsoft.Network/privateEndpoints/${text(inputs, "privateEndpointName") ?? "pe"}/privateDnsZoneGroups/${own}`;
        case "azure-native:monitor:DataCollectionRule":
            return `${rg}/providers/Microsoft.Insights/dataCollectionRules/${own}`;
        case "azure-native:storage:StorageAccount":
            return `${rg}/providers/Microsoft.Storage/storageAccounts/${own}`;
        case "azure-native:network:FlowLog":
            return `${rg}/providers/Microsoft.Network/networkWatchers/${text(inputs, "networkWatcherName") ?? "nw"}/flowLogs/${own}`;
        case "azure-native:authorization:RoleAssignment":
            return `${text(inputs, "scope") ?? rg}/providers/Microsoft.Authorization/roleAssignments/${own}`;
        default:
            return `${rg}/providers/mock/${own}`;
    }
}

/** A user kubeconfig as AKS returns it from listClusterUserCredential (base64 YAML). */
function userKubeconfig(clusterName: string): string {
    const yaml = [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        `- name: ${clusterName}`,
        "  cluster:",
        `    server: https://${clusterName}-mock.privatelink.westeurope.azmk8s.io:443`,
        "    certificate-authority-data: TU9DSy1DQQ==",
        "users:",
        `- name: clusterUser_${clusterName}`,
        "  user:",
        "    exec:",
        "      apiVersion: client.authentication.k8s.io/v1beta1",
        "      command: kubelogin",
        "      args: [get-token, --login, devicecode]",
        "contexts:",
        `- name: ${clusterName}`,
        "  context:",
        `    cluster: ${clusterName}`,
        `    user: clusterUser_${clusterName}`,
        `current-context: ${clusterName}`,
    ].join("\n");
    return Buffer.from(yaml, "utf8").toString("base64");
}

export const AZURE_ANSWERS: CloudAnswers = {
    typePrefix: "azure-native:",
    invokes: {
        "azure-native:authorization:getClientConfig": () => ({
            clientId: "00000000-0000-0000-0000-000000000004",
            objectId: azureClientObjectId,
            subscriptionId: azureSubscriptionId,
            tenantId: azureTenantId,
        }),
        // Azure creates one Network Watcher per region (NetworkWatcher_<region> in NetworkWatcherRG).
        "azure-native:network:getNetworkWatcher": (inputs) => {
            const watcher = text(inputs, "networkWatcherName") ?? "NetworkWatcher_westeurope";
            const group = text(inputs, "resourceGroupName") ?? "NetworkWatcherRG";
            return {
                id: `/subscriptions/${azureSubscriptionId}/resourceGroups/${group}/providers/Microsoft.Network/networkWatchers/${watcher}`,
                name: watcher,
                location: watcher.replace(/^NetworkWatcher_/, ""),
                provisioningState: "Succeeded",
            };
        },
        "azure-native:containerservice:listManagedClusterUserCredentials": (inputs) => {
            const cluster = text(inputs, "resourceName") ?? "aks";
            return { kubeconfigs: [{ name: "clusterUser", value: userKubeconfig(cluster) }] };
        },
    },
    defaultOutputs: (name, inputs) => ({
        id: `/subscriptions/${azureSubscriptionId}/resourceGroups/${groupOf(inputs)}/providers/mock/${name}`,
    }),
    outputs: Object.fromEntries([
        ...Object.keys(NAME_INPUTS).map((type) => [
            type,
            (name: string, inputs: Inputs) => ({
                id: armId(type, name, inputs),
                name: armName(type, name, inputs),
                ...extraOutputs(type, name, inputs),
            }),
        ]),
    ]),
};

function extraOutputs(type: string, name: string, inputs: Inputs): Record<string, unknown> {
    const own = armName(type, name, inputs);
    switch (type) {
        case "azure-native:keyvault:Key": {
            const uri = `https://${text(inputs, "vaultName") ?? "vault"}.vault.azure.net/keys/${own}`;
            return { keyUri: uri, keyUriWithVersion: `${uri}/0123456789abcdef0123456789abcdef` };
        }
        case "azure-native:managedidentity:UserAssignedIdentity":
            return {
                principalId: "00000000-0000-0000-0000-0000000000a1",
                clientId: "00000000-0000-0000-0000-0000000000a2",
                tenantId: azureTenantId,
            };
        case "azure-native:containerservice:ManagedCluster":
            return {
                fqdn: `${own}-mock.hcp.westeurope.azmk8s.io`,
                // AKS's system zone is `<id>.privatelink.<region>.azmk8s.io`; the FQDN adds the host label.
                privateFQDN: `${own}-mock.0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e.privatelink.westeurope.azmk8s.io`,
                oidcIssuerProfile: { enabled: true, issuerURL: `https://westeurope.oic.prod-aks.azure.com/${azureTenantId}/${own}/` },
            };
        case "azure-native:network:PublicIPAddress":
            return { ipAddress: "203.0.113.10" };
        case "azure-native:operationalinsights:Workspace":
            return { customerId: "00000000-0000-0000-0000-0000000000b1" };
        default:
            return {};
    }
}
