import { Policy } from "@pulumi/policy";
import { artifactRegistryRepositoryRequireCmek } from "./gcp-artifactregistry-repository-require-cmek";
import { artifactRegistryRepositoryRequireImmutableTags } from "./gcp-artifactregistry-repository-require-immutable-tags";
import { artifactRegistryRepositoryRequireVulnerabilityScanning } from "./gcp-artifactregistry-repository-require-vulnerability-scanning";
import { binaryAuthorizationPolicyRequireAttestor } from "./gcp-binaryauthorization-policy-require-attestor";
import { binaryAuthorizationPolicyRestrictAllowlist } from "./gcp-binaryauthorization-policy-restrict-allowlist";
import { computeFirewallDenyInternetAdminPorts } from "./gcp-compute-firewall-deny-internet-admin-ports";
import { computeSubnetworkRequireFlowLogs } from "./gcp-compute-subnetwork-require-flow-logs";
import { computeSubnetworkRequirePrivateGoogleAccess } from "./gcp-compute-subnetwork-require-private-google-access";
import { gkeAccessRestrictClusterAdmin } from "./gcp-gke-access-restrict-cluster-admin";
import { gkeClusterDenyAlphaFeatures } from "./gcp-gke-cluster-deny-alpha-features";
import { gkeClusterDenyClientCertificate } from "./gcp-gke-cluster-deny-client-certificate";
import { gkeClusterDenyInsecureRbacBindings } from "./gcp-gke-cluster-deny-insecure-rbac-bindings";
import { gkeClusterDenyLegacyAbac } from "./gcp-gke-cluster-deny-legacy-abac";
import { gkeClusterRequireApiserverLogging } from "./gcp-gke-cluster-require-apiserver-logging";
import { gkeClusterRequireBinaryAuthorization } from "./gcp-gke-cluster-require-binary-authorization";
import { gkeClusterRequireDatabaseEncryption } from "./gcp-gke-cluster-require-database-encryption";
import { gkeClusterRequireDataplaneV2 } from "./gcp-gke-cluster-require-dataplane-v2";
import { gkeClusterRequireGoogleGroupsRbac } from "./gcp-gke-cluster-require-google-groups-rbac";
import { gkeClusterRequireInTransitEncryption } from "./gcp-gke-cluster-require-intransit-encryption";
import { gkeClusterRequireMaintenanceWindow } from "./gcp-gke-cluster-require-maintenance-window";
import { gkeClusterRequireIntranodeVisibility } from "./gcp-gke-cluster-require-intranode-visibility";
import { gkeClusterRequirePrivateEndpoint } from "./gcp-gke-cluster-require-private-endpoint";
import { gkeClusterRequirePrivateNodes } from "./gcp-gke-cluster-require-private-nodes";
import { gkeClusterRequireReleaseChannel } from "./gcp-gke-cluster-require-release-channel";
import { gkeClusterRequireSecurityPosture } from "./gcp-gke-cluster-require-security-posture";
import { gkeClusterRequireWorkloadIdentity } from "./gcp-gke-cluster-require-workload-identity";
import { gkeNodeAccountRestrictRoles } from "./gcp-gke-nodeaccount-restrict-roles";
import { gkePoolDenyDefaultServiceAccount } from "./gcp-gke-pool-deny-default-service-account";
import { gkePoolDenyKubeletReadonlyPort } from "./gcp-gke-pool-deny-kubelet-readonly-port";
import { gkePoolRequireAutoUpgrade } from "./gcp-gke-pool-require-auto-upgrade";
import { gkePoolRequireCmekBootDisk } from "./gcp-gke-pool-require-cmek-boot-disk";
import { gkePoolRequireCosImage } from "./gcp-gke-pool-require-cos-image";
import { gkePoolRequireMetadataServer } from "./gcp-gke-pool-require-metadata-server";
import { gkePoolRequireShieldedNodes } from "./gcp-gke-pool-require-shielded-nodes";
import { iamAuditConfigRequireDataAccess } from "./gcp-iam-auditconfig-require-data-access";
import { iamGrantDenyAdminRoles } from "./gcp-iam-grant-deny-admin-roles";
import { iamGrantRestrictSecretAccess } from "./gcp-iam-grant-restrict-secret-access";
import { kmsCryptoKeyRequireRotation } from "./gcp-kms-cryptokey-require-rotation";
import { loggingBucketRequireRetention } from "./gcp-logging-bucket-require-retention";
import { gkeClusterRequireDeletionProtection } from "./gcp-gke-cluster-require-deletion-protection";

/** The gcp policies of the cluster-hardening pack, in catalogue order (policypacks/controls/cluster.ts, then kubernetes.ts). */
export const GCP_POLICIES: readonly Policy[] = [
    gkeClusterRequirePrivateEndpoint,
    gkeClusterRequirePrivateNodes,
    gkeClusterRequireDataplaneV2,
    computeSubnetworkRequireFlowLogs,
    gkeClusterRequireIntranodeVisibility,
    gkeClusterRequireInTransitEncryption,
    computeSubnetworkRequirePrivateGoogleAccess,
    computeFirewallDenyInternetAdminPorts,
    gkeClusterRequireDatabaseEncryption,
    kmsCryptoKeyRequireRotation,
    gkeClusterRequireApiserverLogging,
    loggingBucketRequireRetention,
    iamAuditConfigRequireDataAccess,
    gkeClusterDenyClientCertificate,
    gkeClusterDenyLegacyAbac,
    gkeClusterRequireGoogleGroupsRbac,
    gkeClusterRequireWorkloadIdentity,
    gkePoolDenyDefaultServiceAccount,
    iamGrantDenyAdminRoles,
    gkeNodeAccountRestrictRoles,
    gkeAccessRestrictClusterAdmin,
    iamGrantRestrictSecretAccess,
    gkePoolRequireCmekBootDisk,
    gkePoolRequireMetadataServer,
    gkePoolRequireCosImage,
    gkePoolRequireShieldedNodes,
    gkeClusterRequireReleaseChannel,
    gkePoolRequireAutoUpgrade,
    gkeClusterDenyAlphaFeatures,
    gkePoolDenyKubeletReadonlyPort,
    gkeClusterRequireMaintenanceWindow,
    gkeClusterRequireBinaryAuthorization,
    binaryAuthorizationPolicyRequireAttestor,
    artifactRegistryRepositoryRequireVulnerabilityScanning,
    artifactRegistryRepositoryRequireCmek,
    artifactRegistryRepositoryRequireImmutableTags,
    gkeClusterRequireSecurityPosture,
    binaryAuthorizationPolicyRestrictAllowlist,
    gkeClusterDenyInsecureRbacBindings,
    gkeClusterRequireDeletionProtection,
];
