/**
 * What the mutation table found that the table itself cannot fix (the packs are another branch's): kept
 * here, each with its reason, so that tests stay strict everywhere else and the lists can only shrink.
 */

/**
 * Policies that guard a property whose unset value is the secure default: there is no insecure unset edit
 * to catch. Kept minimal: a policy that gets a caught unset row must leave this list (a test checks it).
 */
export const SECURE_WHEN_UNSET: Readonly<Record<string, string>> = {
    "gcp-gke-cluster-require-deletion-protection":
        "an unset deletionProtection is the provider's default of true (test/policy/deletion-protection.test.ts checks it passes)",
    "aws-kms-key-require-deletion-window": "an unset deletionWindowInDays is KMS's default of 30 days (a compliant row checks it)",
    "aws-eks-nodegroup-deny-remote-access": "no remoteAccess block means no SSH (the shipped stacks leave it unset)",
    "aws-eks-nodegroup-require-surge-updates":
        "an unset updateConfig is EKS's default: one node at a time with the surge-first DEFAULT strategy (a compliant row checks it)",
    "azure-aks-pool-deny-node-public-ip": "an unset enableNodePublicIP is false (a compliant row checks it)",
    "aws-iam-policy-deny-wildcard-actions": "a statement without Action grants nothing (a compliant row checks it)",
    "gcp-gke-cluster-deny-client-certificate": "GKE issues no client certificate unless asked, since 1.12 (a compliant row checks it)",
    "gcp-gke-cluster-deny-legacy-abac": "legacy ABAC is off unless enabled (a compliant row checks it)",
    "kubernetes-workload-deny-host-namespaces": "hostNetwork, hostPID and hostIPC default to false",
    "kubernetes-workload-deny-host-path": "a pod without a hostPath volume mounts nothing from the node",
    "kubernetes-service-deny-external-types": "a Service without a type is ClusterIP",
    "kubernetes-peerauthentication-deny-plaintext":
        "a PeerAuthentication without a mode inherits its parent's; the mesh-wide one left unset is caught by kubernetes-stack-require-strict-mtls (its unset row)",
    "kubernetes-rbac-deny-wildcard-rules": "a rule without verbs grants nothing (a compliant row checks it)",
    "kubernetes-secretproviderclass-deny-secret-sync":
        "a SecretProviderClass without secretObjects syncs nothing into Kubernetes Secrets (a compliant row checks it)",
    "kubernetes-secretproviderclass-deny-node-identity":
        "without useVMManagedIdentity or auth provider-adc the providers read as the pod's workload identity (the test file checks it passes)",
    "kubernetes-nodepool-require-expiry": "an unset expireAfter is Karpenter v1's default of 720h (the test file checks it passes)",
    "kubernetes-webhook-require-fail-closed":
        "an unset failurePolicy is Fail, both in admissionregistration/v1 webhooks and in the policy-controller chart's values",
    "kubernetes-service-deny-external-ips": "a Service without externalIPs claims no external address",
    "kubernetes-rbac-deny-broad-subjects": "a binding without subjects binds nobody",
    "kubernetes-rbac-deny-escalation-rules": "a rule without verbs grants nothing",
    "kubernetes-rbac-deny-escalating-bindings": "the API server refuses a binding without roleRef; nothing is granted",
    "azure-network-nsg-deny-internet-admin-ports":
        "Azure refuses a security rule without a source; a rule admits only the sources it names",
    "azure-keyvault-vault-deny-platform-access": "each platform-access switch is false when unset (the SDK sends false)",
    "azure-keyvault-key-deny-export": "a key without attributes.exportable or a release policy cannot leave the vault",
    "azure-authorization-roleassignment-deny-admin-roles": "Azure refuses a role assignment without roleDefinitionId; nothing is granted",
    "azure-authorization-roledefinition-deny-wildcard-actions": "a custom role without permissions grants nothing",
    "azure-aks-access-restrict-cluster-admin": "Azure refuses a role assignment without roleDefinitionId; nothing is granted",
    "gcp-gke-nodeaccount-restrict-roles": "IAM refuses a grant without a role or member; nothing is granted",
    "gcp-iam-grant-deny-admin-roles": "IAM refuses a grant without a role; nothing is granted",
    "gcp-gke-access-restrict-cluster-admin": "IAM refuses a grant without a role; nothing is granted",
    "gcp-gke-cluster-deny-alpha-features": "enableKubernetesAlpha unset is false: a standard cluster",
    "gcp-binaryauthorization-policy-restrict-allowlist": "a policy without admissionWhitelistPatterns exempts no image from its rules",
    "aws-ec2-launchtemplate-deny-public-ip":
        "a launch template without associatePublicIpAddress leaves it to the subnet, whose mapPublicIpOnLaunch aws-ec2-subnet-deny-public-ip-on-launch holds false",
    "aws-ec2-securitygroup-deny-internet-admin-ports": "a rule without a CIDR source admits no internet address",
    "aws-kms-key-deny-open-policy": "a key without a policy gets KMS's default policy, which trusts only the key's own account",
    "aws-iam-identity-deny-admin-policies": "an attachment without policyArn is refused by IAM; nothing is granted",
    "aws-iam-role-deny-open-trust": "IAM refuses a role without assumeRolePolicy; nobody can assume it",
    "aws-eks-access-restrict-cluster-admin": "EKS refuses an access policy association without policyArn; nothing is granted",
    "aws-iam-role-restrict-secrets-read": "a statement without Resource grants nothing (IAM rejects it; a compliant row checks it)",
};

/**
 * Policies whose violation messages say what is wrong but not what to do (every other caught row's
 * message must name the fix). Reported to the packs' owners.
 */
export const MESSAGES_WITHOUT_A_FIX: Readonly<Record<string, string>> = {
    "cluster-exceptions-require-valid": 'an expired exception or an unknown control id is reported without "renew it or remove the tag"',
    "kubernetes-exceptions-require-valid":
        'an expired exception or an unknown control id is reported without "renew it or remove the annotation"',
};
