import { Policy } from "@pulumi/policy";
import { admissionRequireFailClosed } from "./kubernetes-admission-require-fail-closed";
import { admissionRequireTenantCoverage } from "./kubernetes-admission-require-tenant-coverage";
import { authorizationPolicyDenyCrossTenant } from "./kubernetes-authorizationpolicy-deny-cross-tenant";
import { ec2NodeClassDenyPublicSubnets } from "./kubernetes-ec2nodeclass-deny-public-subnets";
import { ec2NodeClassRequireEncryptedVolumes } from "./kubernetes-ec2nodeclass-require-encrypted-volumes";
import { ec2NodeClassRequireImdsv2 } from "./kubernetes-ec2nodeclass-require-imdsv2";
import { nodePoolRequireExpiry } from "./kubernetes-nodepool-require-expiry";
import { helmReleaseRequireTrustedChart } from "./kubernetes-helm-release-require-trusted-chart";
import { imagePolicyDenyAnySigner } from "./kubernetes-imagepolicy-deny-any-signer";
import { namespaceRequireDefaultDeny } from "./kubernetes-namespace-require-default-deny";
import { namespaceRequirePsaEnforce } from "./kubernetes-namespace-require-psa-enforce";
import { namespaceRequireResourceQuota } from "./kubernetes-namespace-require-resource-quota";
import { networkPolicyDenyOpenRules } from "./kubernetes-networkpolicy-deny-open-rules";
import { peerAuthenticationDenyPlaintext } from "./kubernetes-peerauthentication-deny-plaintext";
import { rbacDenyBroadSubjects } from "./kubernetes-rbac-deny-broad-subjects";
import { rbacDenyEscalatingBindings } from "./kubernetes-rbac-deny-escalating-bindings";
import { rbacDenyEscalationRules } from "./kubernetes-rbac-deny-escalation-rules";
import { rbacDenyWildcardRules } from "./kubernetes-rbac-deny-wildcard-rules";
import { rbacRestrictClusterAdmin } from "./kubernetes-rbac-restrict-cluster-admin";
import { secretProviderClassDenyNodeIdentity } from "./kubernetes-secretproviderclass-deny-node-identity";
import { secretProviderClassDenySecretSync } from "./kubernetes-secretproviderclass-deny-secret-sync";
import { serviceAccountDenyDefaultAutomount } from "./kubernetes-serviceaccount-deny-default-automount";
import { serviceDenyExternalIps } from "./kubernetes-service-deny-external-ips";
import { serviceDenyExternalTypes } from "./kubernetes-service-deny-external-types";
import { stackRequireMeshAuthorization } from "./kubernetes-stack-require-mesh-authorization";
import { stackRequireImageSignatureVerification } from "./kubernetes-stack-require-image-signature-verification";
import { stackRequireRuntimeDefence } from "./kubernetes-stack-require-runtime-defence";
import { stackRequireStrictMtls } from "./kubernetes-stack-require-strict-mtls";
import { storageClassRequireEncryption } from "./kubernetes-storageclass-require-encryption";
import { webhookRequireFailClosed } from "./kubernetes-webhook-require-fail-closed";
import { workloadDenyHostNamespaces } from "./kubernetes-workload-deny-host-namespaces";
import { workloadDenyHostPath } from "./kubernetes-workload-deny-host-path";
import { workloadDenyPrivileged } from "./kubernetes-workload-deny-privileged";
import { workloadRequireImageDigest } from "./kubernetes-workload-require-image-digest";
import { workloadRequireNonRoot } from "./kubernetes-workload-require-non-root";
import { workloadRequirePullAlways } from "./kubernetes-workload-require-pull-always";
import { workloadRequireResourceLimits } from "./kubernetes-workload-require-resource-limits";
import { workloadRequireTrustedRegistry } from "./kubernetes-workload-require-trusted-registry";

/** The policies of the kubernetes-hardening pack, one per file, each tied to a control in policypacks/controls/kubernetes.ts. */
export const KUBERNETES_POLICIES: readonly Policy[] = [
    workloadDenyPrivileged,
    workloadRequireNonRoot,
    workloadDenyHostNamespaces,
    workloadDenyHostPath,
    workloadRequireResourceLimits,
    workloadRequireTrustedRegistry,
    workloadRequireImageDigest,
    workloadRequirePullAlways,
    stackRequireImageSignatureVerification,
    imagePolicyDenyAnySigner,
    helmReleaseRequireTrustedChart,
    serviceDenyExternalTypes,
    serviceDenyExternalIps,
    peerAuthenticationDenyPlaintext,
    stackRequireStrictMtls,
    namespaceRequirePsaEnforce,
    namespaceRequireDefaultDeny,
    namespaceRequireResourceQuota,
    networkPolicyDenyOpenRules,
    authorizationPolicyDenyCrossTenant,
    stackRequireMeshAuthorization,
    rbacDenyWildcardRules,
    rbacRestrictClusterAdmin,
    rbacDenyBroadSubjects,
    rbacDenyEscalationRules,
    rbacDenyEscalatingBindings,
    admissionRequireFailClosed,
    admissionRequireTenantCoverage,
    webhookRequireFailClosed,
    storageClassRequireEncryption,
    stackRequireRuntimeDefence,
    serviceAccountDenyDefaultAutomount,
    ec2NodeClassRequireImdsv2,
    ec2NodeClassRequireEncryptedVolumes,
    ec2NodeClassDenyPublicSubnets,
    nodePoolRequireExpiry,
    secretProviderClassDenySecretSync,
    secretProviderClassDenyNodeIdentity,
];
