import { Policy } from "@pulumi/policy";
import { azureAuthorizationRoleassignmentDenyAdminRoles } from "./deny-admin-roles";
import { azureKeyvaultKeyDenyExport } from "./deny-key-export";
import { azureNetworkNsgDenyInternetAdminPorts } from "./deny-internet-admin-ports";
import { azureAksPoolDenyNodePublicIp } from "./deny-node-public-ip";
import { azureAksClusterDenyLocalAccounts } from "./deny-local-accounts";
import { azureKeyvaultVaultDenyPlatformAccess } from "./deny-platform-access";
import { azureAksPoolDenySshAccess } from "./deny-ssh-access";
import { azureAuthorizationRoledefinitionDenyWildcardActions } from "./deny-wildcard-role-definitions";
import { azureAksStackRequireAuditDiagnostics } from "./require-audit-diagnostics";
import { azureAksPoolRequireAzureLinux } from "./require-azure-linux";
import { azureAksClusterRequireAzurePolicy } from "./require-azure-policy";
import { azureAksStackRequireDataAccessAudit } from "./require-data-access-audit";
import { azureAksClusterRequireDefender } from "./require-defender";
import { azureSecurityPricingRequireContainersPlan } from "./require-defender-containers-plan";
import { azureContainerregistryRegistryDenyPublicAccess } from "./registry-deny-public-access";
import { azureContainerregistryRegistryRequireCmk } from "./registry-require-cmk";
import { azureContainerregistryRegistryRequireRetention } from "./registry-require-retention";
import { azureAksPoolRequireEncryptionAtHost } from "./require-encryption-at-host";
import { azureAksClusterRequireEntraRbac } from "./require-entra-rbac";
import { azureKeyvaultKeyRequireRotation } from "./require-key-rotation";
import { azureAksClusterRequireKmsEtcdEncryption } from "./require-kms-etcd-encryption";
import { azureAksClusterRequireNetworkPolicy } from "./require-network-policy";
import { azureAksStackRequireNodeSubnetNsg } from "./require-node-subnet-nsg";
import { azureAksClusterRequirePrivateApi } from "./require-private-api";
import { azureAksStackRequirePrivateNodeSubnet } from "./require-private-node-subnet";
import { azureAksStackRequirePrivateKmsVault } from "./require-private-kms-vault";
import { azureKeyvaultVaultRequirePurgeProtection } from "./require-purge-protection";
import { azureAksClusterRequireUpgradeChannels } from "./require-upgrade-channels";
import { azureKeyvaultVaultRequireRbacAuthorization } from "./require-vault-rbac";
import { azureNetworkVnetRequireFlowLogs } from "./require-vnet-flow-logs";
import { azureAksClusterRequireWorkloadIdentity } from "./require-workload-identity";
import { azureOperationalinsightsWorkspaceRequireRetention } from "./require-workspace-retention";
import { azureAksAccessRestrictClusterAdmin } from "./restrict-cluster-admin";
import { azureAuthorizationRoleassignmentRestrictSecretsScope } from "./restrict-secrets-scope";
import { azureAksStackIsolateTenantSecrets } from "./restrict-tenant-secrets";
import { azureAksStackRequireDeletionLock } from "./require-deletion-lock";

/** The azure policies of the cluster-hardening pack, in control order. */
export const AZURE_POLICIES: readonly Policy[] = [
    azureAksClusterRequirePrivateApi,
    azureAksPoolDenyNodePublicIp,
    azureAksStackRequirePrivateNodeSubnet,
    azureAksClusterRequireNetworkPolicy,
    azureNetworkVnetRequireFlowLogs,
    azureNetworkNsgDenyInternetAdminPorts,
    azureAksStackRequireNodeSubnetNsg,
    azureAksClusterRequireKmsEtcdEncryption,
    azureKeyvaultVaultRequirePurgeProtection,
    azureKeyvaultKeyRequireRotation,
    azureKeyvaultVaultRequireRbacAuthorization,
    azureKeyvaultVaultDenyPlatformAccess,
    azureKeyvaultKeyDenyExport,
    azureAksStackRequirePrivateKmsVault,
    azureAksStackRequireAuditDiagnostics,
    azureOperationalinsightsWorkspaceRequireRetention,
    azureAksStackRequireDataAccessAudit,
    azureAksClusterRequireEntraRbac,
    azureAksClusterDenyLocalAccounts,
    azureAksClusterRequireWorkloadIdentity,
    azureAuthorizationRoleassignmentDenyAdminRoles,
    azureAuthorizationRoledefinitionDenyWildcardActions,
    azureAksAccessRestrictClusterAdmin,
    azureAuthorizationRoleassignmentRestrictSecretsScope,
    azureAksStackIsolateTenantSecrets,
    azureAksPoolRequireEncryptionAtHost,
    azureAksPoolDenySshAccess,
    azureAksPoolRequireAzureLinux,
    azureAksClusterRequireUpgradeChannels,
    azureSecurityPricingRequireContainersPlan,
    azureContainerregistryRegistryDenyPublicAccess,
    azureContainerregistryRegistryRequireCmk,
    azureContainerregistryRegistryRequireRetention,
    azureAksClusterRequireDefender,
    azureAksClusterRequireAzurePolicy,
    azureAksStackRequireDeletionLock,
];
