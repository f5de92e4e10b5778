import { Policy } from "@pulumi/policy";
import { awsCloudwatchLoggroupRequireRetention } from "./cloudwatch-loggroup-require-retention";
import { awsEc2LaunchtemplateDenyPublicIp } from "./ec2-launchtemplate-deny-public-ip";
import { awsEc2SecuritygroupDenyInternetAdminPorts } from "./ec2-securitygroup-deny-internet-admin-ports";
import { awsEksAccessRestrictClusterAdmin } from "./eks-access-restrict-cluster-admin";
import { awsEksNodegroupRequireLaunchTemplate } from "./eks-nodegroup-require-launch-template";
import { awsIamIdentityDenyAdminPolicies } from "./iam-identity-deny-admin-policies";
import { awsIamRoleDenyOpenTrust } from "./iam-role-deny-open-trust";
import { awsIamRoleRestrictSecretsRead } from "./iam-role-restrict-secrets-read";
import { awsKmsKeyDenyOpenPolicy } from "./kms-key-deny-open-policy";
import { awsEc2LaunchtemplateRequireEncryptedVolumes } from "./ec2-launchtemplate-require-encrypted-volumes";
import { awsEc2LaunchtemplateRequireImdsv2 } from "./ec2-launchtemplate-require-imdsv2";
import { awsEc2SubnetDenyPublicIpOnLaunch } from "./ec2-subnet-deny-public-ip-on-launch";
import { awsEc2VpcRequireFlowLogs } from "./ec2-vpc-require-flow-logs";
import { awsEksAddonRequireNetworkPolicy } from "./eks-addon-require-network-policy";
import { awsEksClusterRequireAllLogTypes } from "./eks-cluster-require-all-log-types";
import { awsEksClusterRequireApiAuthenticationMode } from "./eks-cluster-require-api-authentication-mode";
import { awsEksClusterRequirePrivateEndpoint } from "./eks-cluster-require-private-endpoint";
import { awsEksClusterRequireSecretsEncryption } from "./eks-cluster-require-secrets-encryption";
import { awsEksClusterRequireStandardSupport } from "./eks-cluster-require-standard-support";
import { awsEksNodegroupDenyRemoteAccess } from "./eks-nodegroup-deny-remote-access";
import { awsEksNodegroupRequireHardenedAmi } from "./eks-nodegroup-require-hardened-ami";
import { awsEksNodegroupRequireSurgeUpdates } from "./eks-nodegroup-require-surge-updates";
import { awsEksStackRequireContainerLogShipping } from "./eks-stack-require-container-log-shipping";
import { awsEksStackRequireWorkloadIdentity } from "./eks-stack-require-workload-identity";
import { awsIamPolicyDenyWildcardActions } from "./iam-policy-deny-wildcard-actions";
import { awsKmsKeyRequireDeletionWindow } from "./kms-key-require-deletion-window";
import { awsKmsKeyRequireRotation } from "./kms-key-require-rotation";
import { awsEcrRegistryscanningRequireEnhanced } from "./ecr-registryscanning-require-enhanced";
import { awsEcrRepositoryRequireImmutableTags } from "./ecr-repository-require-immutable-tags";
import { awsEcrRepositoryRequireKms } from "./ecr-repository-require-kms";
import { awsEcrRepositorypolicyDenyPublic } from "./ecr-repositorypolicy-deny-public";
import { awsEksStackRequireRegistryScanning } from "./eks-stack-require-registry-scanning";
import { awsEksClusterRequireDeletionProtection } from "./eks-cluster-require-deletion-protection";

/** The aws policies of the cluster-hardening pack, in catalogue order. */
export const AWS_POLICIES: readonly Policy[] = [
    awsEksClusterRequirePrivateEndpoint,
    awsEc2SubnetDenyPublicIpOnLaunch,
    awsEc2LaunchtemplateDenyPublicIp,
    awsEksAddonRequireNetworkPolicy,
    awsEc2VpcRequireFlowLogs,
    awsEc2SecuritygroupDenyInternetAdminPorts,
    awsEksClusterRequireSecretsEncryption,
    awsKmsKeyRequireRotation,
    awsKmsKeyRequireDeletionWindow,
    awsKmsKeyDenyOpenPolicy,
    awsEksClusterRequireAllLogTypes,
    awsCloudwatchLoggroupRequireRetention,
    awsEksClusterRequireApiAuthenticationMode,
    awsEksStackRequireWorkloadIdentity,
    awsIamPolicyDenyWildcardActions,
    awsIamIdentityDenyAdminPolicies,
    awsIamRoleDenyOpenTrust,
    awsEksAccessRestrictClusterAdmin,
    awsIamRoleRestrictSecretsRead,
    awsEc2LaunchtemplateRequireEncryptedVolumes,
    awsEc2LaunchtemplateRequireImdsv2,
    awsEksNodegroupRequireLaunchTemplate,
    awsEksNodegroupDenyRemoteAccess,
    awsEksNodegroupRequireHardenedAmi,
    awsEksClusterRequireStandardSupport,
    awsEksStackRequireContainerLogShipping,
    awsEksNodegroupRequireSurgeUpdates,
    awsEcrRegistryscanningRequireEnhanced,
    awsEksStackRequireRegistryScanning,
    awsEcrRepositoryRequireImmutableTags,
    awsEcrRepositoryRequireKms,
    awsEcrRepositorypolicyDenyPublic,
    awsEksClusterRequireDeletionProtection,
];
