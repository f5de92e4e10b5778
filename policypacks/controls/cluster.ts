import { Control } from "./types";

const NSA_NET = "NSA/CISA Kubernetes Hardening Guide v1.2: Network separation and hardening";
const NSA_AUTH = "NSA/CISA Kubernetes Hardening Guide v1.2: Authentication and authorization";
const NSA_LOG = "NSA/CISA Kubernetes Hardening Guide v1.2: Audit logging and threat detection";
const NSA_POD = "NSA/CISA Kubernetes Hardening Guide v1.2: Kubernetes Pod security";
const NSA_UPGRADE = "NSA/CISA Kubernetes Hardening Guide v1.2: Upgrading and application security practices";

/**
 * Controls on the cloud side of the cluster: network, control plane, keys, logs, identities, nodes.
 * Enforced by the `cluster-hardening` pack. Policy names follow <cloud>-<service>-<resource>-<verb>-<what>.
 */
export const CLUSTER_CONTROLS: readonly Control[] = [
    {
        id: "HC-API-01",
        title: "The API server endpoint is private, or public only to listed CIDRs",
        rationale:
            "An API server reachable from the whole internet is exposed to credential stuffing and to every future authentication flaw. A private endpoint, or an allow-list of known networks, keeps the control plane off the internet.",
        themes: ["network", "identity"],
        severity: "critical",
        references: {
            cisEks: ["5.4.1", "5.4.2"],
            cisAks: ["5.4.1", "5.4.2"],
            cisGke: ["5.6.3", "5.6.4"],
            nsaCisa: `${NSA_NET}: Control plane hardening`,
            seeds: ["002_c78f296cba7511ae.txt", "004_a61c9823c4737189.txt"],
        },
        policies: [
            "aws-eks-cluster-require-private-endpoint",
            "azure-aks-cluster-require-private-api",
            "gcp-gke-cluster-require-private-endpoint",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-NET-01",
        title: "Nodes run in private subnets without public IP addresses",
        rationale:
            "Nodes with public addresses can be reached directly, bypassing the load balancers and network policies that front the workloads. Private subnets with NAT for egress remove that path.",
        themes: ["network", "isolation"],
        severity: "high",
        references: {
            cisEks: ["5.4.3"],
            cisAks: ["5.4.3"],
            cisGke: ["5.6.5"],
            nsaCisa: `${NSA_NET}: Worker node segmentation`,
            seeds: ["002_c78f296cba7511ae.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-ec2-subnet-deny-public-ip-on-launch",
            "aws-ec2-launchtemplate-deny-public-ip",
            "azure-aks-pool-deny-node-public-ip",
            "azure-aks-stack-require-private-node-subnet",
            "gcp-gke-cluster-require-private-nodes",
            "kubernetes-ec2nodeclass-deny-public-subnets",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-NET-02",
        title: "A network policy engine enforces NetworkPolicy objects",
        rationale:
            "Default-deny NetworkPolicies are only words unless the CNI enforces them. Without an engine, every pod can reach every other pod and the node metadata endpoints.",
        themes: ["network", "isolation"],
        severity: "high",
        references: {
            cisEks: ["4.3.1", "5.4.4"],
            cisAks: ["4.4.1", "5.4.4"],
            cisGke: ["5.6.7"],
            nsaCisa: `${NSA_NET}: Network policies`,
            seeds: ["001_b1772ac036f32303.txt", "002_c78f296cba7511ae.txt", "004_a61c9823c4737189.txt"],
        },
        policies: [
            "aws-eks-addon-require-network-policy",
            "azure-aks-cluster-require-network-policy",
            "gcp-gke-cluster-require-dataplane-v2",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-NET-03",
        title: "Network flow logs are recorded for the cluster network",
        rationale:
            "Flow logs are the timeline of who talked to whom. After a breach they show lateral movement and exfiltration; without them the network side of an incident cannot be reconstructed.",
        themes: ["network", "audit"],
        severity: "medium",
        references: {
            cisGke: ["5.6.1"],
            nsaCisa: `${NSA_LOG}: Logging`,
            seeds: ["000_7a512321956fe2d5.txt", "002_c78f296cba7511ae.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-ec2-vpc-require-flow-logs",
            "azure-network-vnet-require-flow-logs",
            "gcp-compute-subnetwork-require-flow-logs",
            "gcp-gke-cluster-require-intranode-visibility",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-NET-04",
        title: "Nodes reach cloud APIs privately",
        rationale:
            "Private Google Access and private endpoints let nodes pull images and write logs without a route to the internet, so egress can stay narrow.",
        themes: ["network"],
        severity: "low",
        references: {
            cisGke: ["5.6.2"],
            nsaCisa: `${NSA_NET}: Protecting sensitive cloud infrastructure`,
            seeds: ["002_c78f296cba7511ae.txt"],
        },
        policies: ["gcp-compute-subnetwork-require-private-google-access"],
        implementedBy: ["components/gcp"],
    },
    {
        id: "HC-NET-06",
        title: "No firewall rule admits the internet to node or administrative ports",
        rationale:
            "SSH, RDP, etcd and the kubelet API are the doors to a node and its pods. A firewall rule that opens them, or every port, to the internet makes each credential leak or unpatched daemon reachable from anywhere; only the control plane and named private networks may reach them.",
        themes: ["network", "isolation"],
        severity: "critical",
        references: {
            nsaCisa: `${NSA_NET}: Control plane hardening (firewall the etcd, API server and kubelet ports)`,
            seeds: ["002_c78f296cba7511ae.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-ec2-securitygroup-deny-internet-admin-ports",
            "azure-network-nsg-deny-internet-admin-ports",
            "azure-aks-stack-require-node-subnet-nsg",
            "gcp-compute-firewall-deny-internet-admin-ports",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-SEC-01",
        title: "Kubernetes Secrets are envelope-encrypted with a customer-managed key",
        rationale:
            "etcd holds every Secret. Envelope encryption with a key the customer controls means a copy of etcd or its backups is useless without the key, and access to the key is itself audited.",
        themes: ["secrets"],
        severity: "critical",
        references: {
            cisEks: ["5.3.1"],
            cisAks: ["5.3.1"],
            cisGke: ["5.3.1"],
            nsaCisa: `${NSA_NET}: Encryption`,
            seeds: ["001_b1772ac036f32303.txt", "002_c78f296cba7511ae.txt"],
        },
        policies: [
            "aws-eks-cluster-require-secrets-encryption",
            "azure-aks-cluster-require-kms-etcd-encryption",
            "gcp-gke-cluster-require-database-encryption",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-SEC-02",
        title: "Customer-managed keys rotate and cannot be destroyed at once",
        rationale:
            "Rotation limits what one leaked key version exposes. A deletion window (AWS), purge protection (Azure) or key-version destruction delay (GCP) keeps an accidental or malicious delete from making etcd unreadable.",
        themes: ["secrets"],
        severity: "high",
        references: {
            cisEks: ["5.3.1"],
            cisAks: ["5.3.1"],
            cisGke: ["5.3.1"],
            nsaCisa: `${NSA_NET}: Encryption`,
            seeds: ["001_b1772ac036f32303.txt"],
        },
        policies: [
            "aws-kms-key-require-rotation",
            "aws-kms-key-require-deletion-window",
            "azure-keyvault-vault-require-purge-protection",
            "azure-keyvault-key-require-rotation",
            "gcp-kms-cryptokey-require-rotation",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-SEC-03",
        title: "Key stores are private and grant use only to named principals",
        rationale:
            "A key that anyone may use protects nothing: the Secrets, volumes and audit logs it encrypts become readable by whoever can call the key service. Key policies name the roles and services that use the key, and any open grant is narrowed by a condition on the caller.",
        themes: ["secrets", "identity"],
        severity: "critical",
        references: {
            cisEks: ["5.3.1"],
            nsaCisa: `${NSA_NET}: Encryption`,
            seeds: ["001_b1772ac036f32303.txt", "002_c78f296cba7511ae.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-kms-key-deny-open-policy",
            "azure-keyvault-vault-require-rbac-authorization",
            "azure-keyvault-vault-deny-platform-access",
            "azure-keyvault-key-deny-export",
            "azure-aks-stack-require-private-kms-vault",
        ],
        implementedBy: ["components/aws", "components/azure"],
    },
    {
        id: "HC-AUD-01",
        title: "Control-plane audit logs are shipped to the cloud's log service",
        rationale:
            "Plan for the breach: the API server audit log is the record of who did what in the cluster. It must leave the cluster and land in a store the cluster's own admins cannot quietly rewrite.",
        themes: ["audit"],
        severity: "critical",
        references: {
            cisEks: ["2.1.1"],
            cisAks: ["2.1.1"],
            cisGke: ["5.7.1"],
            nsaCisa: `${NSA_LOG}: Logging`,
            seeds: ["000_7a512321956fe2d5.txt", "002_c78f296cba7511ae.txt", "004_a61c9823c4737189.txt"],
        },
        policies: [
            "aws-eks-cluster-require-all-log-types",
            "azure-aks-stack-require-audit-diagnostics",
            "gcp-gke-cluster-require-apiserver-logging",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-AUD-02",
        title: "Audit and flow logs are kept for the environment's retention period",
        rationale:
            "An intrusion is often found months after it began. Retention of at least the environment's minimum (365 days in prod) keeps the timeline available when it is needed.",
        themes: ["audit"],
        severity: "medium",
        references: {
            cisEks: ["2.1.1"],
            cisAks: ["2.1.1"],
            nsaCisa: `${NSA_LOG}: Logging`,
            seeds: ["000_7a512321956fe2d5.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-cloudwatch-loggroup-require-retention",
            "azure-operationalinsights-workspace-require-retention",
            "gcp-logging-bucket-require-retention",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-AUD-03",
        title: "Data-access audit logs are recorded",
        rationale:
            "Write events show what changed; only read events show who read which Secret or listed which objects, which is what an investigation of stolen credentials needs.",
        themes: ["audit"],
        severity: "medium",
        references: {
            cisAks: ["2.1.1"],
            nsaCisa: `${NSA_LOG}: Logging`,
            seeds: ["000_7a512321956fe2d5.txt", "002_c78f296cba7511ae.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "azure-aks-stack-require-data-access-audit",
            "gcp-iam-auditconfig-require-data-access",
        ],
        implementedBy: ["components/azure", "components/gcp"],
    },
    {
        id: "HC-IAM-01",
        title: "People authenticate to the cluster through the cloud's IAM, never with static or local credentials",
        rationale:
            "Client certificates and local admin accounts cannot be revoked one by one and bypass the identity provider's MFA and audit. Mapping IAM identities to Kubernetes RBAC keeps one place to grant and revoke access.",
        themes: ["identity"],
        severity: "critical",
        references: {
            cisEks: ["5.5.1"],
            cisAks: ["5.5.1", "5.5.2"],
            cisGke: ["5.8.1", "5.8.2", "5.8.3"],
            nsaCisa: `${NSA_AUTH}: Authentication`,
            seeds: ["000_7a512321956fe2d5.txt", "001_b1772ac036f32303.txt", "002_c78f296cba7511ae.txt"],
        },
        policies: [
            "aws-eks-cluster-require-api-authentication-mode",
            "azure-aks-cluster-require-entra-rbac",
            "azure-aks-cluster-deny-local-accounts",
            "gcp-gke-cluster-deny-client-certificate",
            "gcp-gke-cluster-deny-legacy-abac",
            "gcp-gke-cluster-require-google-groups-rbac",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-IAM-02",
        title: "Workloads get cloud identities of their own, not the node's",
        rationale:
            "Without workload identity every pod can borrow the node's cloud credentials. Per-service-account identities keep a compromised pod to its own narrow permissions.",
        themes: ["identity", "isolation"],
        severity: "high",
        references: {
            cisEks: ["5.2.1"],
            cisAks: ["5.2.1"],
            cisGke: ["5.2.2"],
            nsaCisa: `${NSA_POD}: Protecting Pod service account tokens`,
            seeds: ["000_7a512321956fe2d5.txt", "004_a61c9823c4737189.txt"],
        },
        policies: [
            "aws-eks-stack-require-workload-identity",
            "azure-aks-cluster-require-workload-identity",
            "gcp-gke-cluster-require-workload-identity",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-IAM-03",
        title: "Identities the blueprint creates hold least privilege",
        rationale:
            "Wildcard actions and the default compute service account grant far more than a cluster or node needs; a stolen node credential should not be able to reach the rest of the account.",
        themes: ["identity"],
        severity: "high",
        references: {
            cisEks: ["5.1.3", "5.2.1"],
            cisGke: ["5.2.1"],
            nsaCisa: `${NSA_AUTH}: Role-based access control`,
            seeds: ["002_c78f296cba7511ae.txt", "004_a61c9823c4737189.txt"],
        },
        policies: ["aws-iam-policy-deny-wildcard-actions", "gcp-gke-pool-deny-default-service-account"],
        implementedBy: ["components/aws", "components/gcp"],
    },
    {
        id: "HC-IAM-04",
        title: "Cloud IAM grants no administrator-level role to node, workload or team identities, and no trust open to any principal",
        rationale:
            "A node, a pod or a team member holding an administrator policy turns any compromise of that identity into a compromise of the whole account. A role that anyone may assume is the same hole from the outside. Identities hold only the permissions of their job and trust only named principals.",
        themes: ["identity"],
        severity: "critical",
        references: {
            cisEks: ["5.1.3", "5.2.1"],
            nsaCisa: `${NSA_AUTH}: Role-based access control`,
            seeds: ["000_7a512321956fe2d5.txt", "002_c78f296cba7511ae.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-iam-identity-deny-admin-policies",
            "aws-iam-role-deny-open-trust",
            "azure-authorization-roleassignment-deny-admin-roles",
            "azure-authorization-roledefinition-deny-wildcard-actions",
            "gcp-iam-grant-deny-admin-roles",
            "gcp-gke-nodeaccount-restrict-roles",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-IAM-05",
        title: "Cluster-admin through the cloud's IAM is granted only to the platform admins",
        rationale:
            "The cloud's IAM can make anyone cluster-admin without a single RBAC object in the cluster. Who holds that grant is decided in one reviewed place, the policy pack's list of platform admins, so a grant added anywhere else is caught whoever registered it.",
        themes: ["identity", "isolation"],
        severity: "critical",
        references: {
            cisGke: ["4.1.1"],
            cisAks: ["4.1.1", "5.5.2"],
            cisEks: ["4.1.1", "5.5.1"],
            nsaCisa: `${NSA_AUTH}: Role-based access control`,
            seeds: ["000_7a512321956fe2d5.txt", "001_b1772ac036f32303.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-eks-access-restrict-cluster-admin",
            "azure-aks-access-restrict-cluster-admin",
            "gcp-gke-access-restrict-cluster-admin",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp", "policypacks/cluster-hardening/config"],
    },
    {
        id: "HC-IAM-06",
        title: "Each tenant reads only its own secrets from the cloud's secret store, through its own identity",
        rationale:
            "Secrets kept in the cloud's secret store stay out of etcd and the tenants' manifests. Each tenant namespace gets its own cloud identity, bound to one service account, that may read only the tenant's secrets; the nodes' identity holds no secret-store grant, so a pod of another tenant, or anything on the node, cannot read them.",
        themes: ["secrets", "identity", "isolation"],
        severity: "high",
        references: {
            // "Secrets Management: Consider external secret storage" (CIS EKS and GKE 4.4.2, CIS AKS 4.5.2).
            cisEks: ["4.4.2"],
            cisAks: ["4.5.2"],
            cisGke: ["4.4.2"],
            nsaCisa: `${NSA_AUTH}: Secrets`,
            seeds: ["000_7a512321956fe2d5.txt", "001_b1772ac036f32303.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-iam-role-restrict-secrets-read",
            "azure-authorization-roleassignment-restrict-secrets-scope",
            "azure-aks-stack-restrict-tenant-secrets",
            "gcp-iam-grant-restrict-secret-access",
            "kubernetes-secretproviderclass-deny-secret-sync",
            "kubernetes-secretproviderclass-deny-node-identity",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp", "components/kubernetes"],
    },
    {
        id: "HC-NODE-01",
        title: "Node disks are encrypted",
        rationale:
            "Container layers, emptyDir volumes and logs sit on node disks. Encryption (with the cluster key on AWS, at host on Azure, with the stack's Cloud KMS key on GKE) keeps snapshots and decommissioned disks unreadable.",
        themes: ["secrets"],
        severity: "high",
        references: {
            cisGke: ["5.9.1", "5.9.2"],
            nsaCisa: `${NSA_NET}: Encryption`,
            seeds: ["002_c78f296cba7511ae.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-ec2-launchtemplate-require-encrypted-volumes",
            "azure-aks-pool-require-encryption-at-host",
            "gcp-gke-pool-require-cmek-boot-disk",
            "kubernetes-ec2nodeclass-require-encrypted-volumes",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-NODE-02",
        title: "Pods cannot reach the node's instance metadata credentials",
        rationale:
            "The metadata endpoint hands out the node's cloud credentials. IMDSv2 with a hop limit of 1 (AWS) or the GKE metadata server keeps pods from stealing them.",
        themes: ["identity", "isolation"],
        severity: "high",
        references: {
            cisGke: ["5.4.1", "5.4.2"],
            nsaCisa: `${NSA_NET}: Protecting sensitive cloud infrastructure`,
            seeds: ["004_a61c9823c4737189.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-ec2-launchtemplate-require-imdsv2",
            "aws-eks-nodegroup-require-launch-template",
            "gcp-gke-pool-require-metadata-server",
            "kubernetes-ec2nodeclass-require-imdsv2",
        ],
        implementedBy: ["components/aws", "components/gcp"],
    },
    {
        id: "HC-NODE-03",
        title: "No remote shell access to nodes",
        rationale:
            "SSH keys on nodes are long-lived credentials outside the cluster's RBAC and audit. Node access, when needed, goes through the cloud's audited session tooling.",
        themes: ["identity", "isolation"],
        severity: "high",
        references: {
            nsaCisa: `${NSA_NET}: Worker node segmentation`,
            seeds: ["002_c78f296cba7511ae.txt"],
        },
        policies: ["aws-eks-nodegroup-deny-remote-access", "azure-aks-pool-deny-ssh-access"],
        implementedBy: ["components/aws", "components/azure"],
    },
    {
        id: "HC-NODE-04",
        title: "Nodes run a minimal, hardened operating system",
        rationale:
            "Container-optimised images (Bottlerocket, AL2023, Azure Linux, COS) ship fewer packages, a locked-down kubelet (no anonymous auth) and, on GKE, secure boot with integrity monitoring.",
        themes: ["isolation", "runtime"],
        severity: "medium",
        references: {
            cisGke: ["5.5.1", "5.5.5", "5.5.6", "5.5.7"],
            cisEks: ["3.2.1"],
            nsaCisa: `${NSA_POD}: Hardening container environments`,
            seeds: ["002_c78f296cba7511ae.txt", "004_a61c9823c4737189.txt"],
        },
        policies: [
            "aws-eks-nodegroup-require-hardened-ami",
            "azure-aks-pool-require-azure-linux",
            "gcp-gke-pool-require-cos-image",
            "gcp-gke-pool-require-shielded-nodes",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-NODE-05",
        title: "Control plane and nodes are upgraded and repaired automatically",
        rationale:
            "Most exploited Kubernetes flaws have a patch by the time they are exploited. Release channels, auto-upgrade and auto-repair close that window without a human in the loop.",
        themes: ["runtime"],
        severity: "medium",
        references: {
            cisGke: ["5.5.2", "5.5.3", "5.5.4", "5.10.2"],
            nsaCisa: NSA_UPGRADE,
            seeds: ["004_a61c9823c4737189.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "azure-aks-cluster-require-upgrade-channels",
            "gcp-gke-cluster-require-release-channel",
            "gcp-gke-pool-require-auto-upgrade",
            "gcp-gke-cluster-deny-alpha-features",
            "aws-eks-cluster-require-standard-support",
            "kubernetes-nodepool-require-expiry",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-NODE-06",
        title: "The kubelet serves no unauthenticated read-only port",
        rationale:
            "The kubelet's read-only port answers anyone who reaches the node, and every pod does: it lists the node's pods with their images, environment and mounts, a map for lateral movement. The authenticated port serves the same data to those RBAC allows.",
        themes: ["isolation", "runtime"],
        severity: "high",
        references: {
            cisGke: ["3.2.4"],
            cisKubernetes: ["4.2.4"],
            nsaCisa: `${NSA_NET}: Worker node segmentation`,
            seeds: ["002_c78f296cba7511ae.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "gcp-gke-pool-deny-kubelet-readonly-port",
        ],
        implementedBy: ["components/gcp"],
    },
    {
        id: "HC-NODE-07",
        title: "Upgrades run in a maintenance window and keep capacity",
        rationale:
            "Automatic upgrades keep nodes patched, but an upgrade at peak time, or one that drains nodes before their replacements are ready, is an outage. A chosen window and surge upgrades keep patching without taking capacity away.",
        themes: ["runtime"],
        severity: "medium",
        references: {
            cisGke: ["5.5.3"],
            nsaCisa: `${NSA_UPGRADE}`,
            seeds: ["000_7a512321956fe2d5.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-eks-nodegroup-require-surge-updates",
            "gcp-gke-cluster-require-maintenance-window",
        ],
        implementedBy: ["components/aws", "components/gcp"],
    },
    {
        id: "HC-SUP-01",
        title: "The cluster admits only attested images at the platform level",
        rationale:
            "Binary Authorization checks images before any pod starts, outside the cluster's own admission chain, so a cluster admin cannot switch it off from inside.",
        themes: ["supply-chain"],
        severity: "high",
        references: {
            cisGke: ["5.10.5"],
            nsaCisa: `${NSA_UPGRADE}`,
            seeds: ["000_7a512321956fe2d5.txt", "001_b1772ac036f32303.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy per line, so branches that add theirs merge cleanly.
        // prettier-ignore
        policies: [
            "gcp-gke-cluster-require-binary-authorization",
            "gcp-binaryauthorization-policy-require-attestor",
        ],
        implementedBy: ["components/gcp"],
    },
    {
        id: "HC-SUP-05",
        title: "Images are scanned for vulnerabilities in the registry",
        rationale:
            "A scan at build time is stale the day a new CVE is published. The registry's scanner checks every pushed image and keeps re-checking it, so a vulnerable image that is already deployed is found. AWS: ECR enhanced scanning (Amazon Inspector), continuous, for every repository of the registry; per-repository scan-on-push is only basic scanning.",
        themes: ["supply-chain"],
        severity: "high",
        references: {
            cisEks: ["5.1.1"],
            cisAks: ["5.1.1"],
            cisGke: ["5.1.1"],
            nsaCisa: `${NSA_UPGRADE}`,
            seeds: ["000_7a512321956fe2d5.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "gcp-artifactregistry-repository-require-vulnerability-scanning",
            "azure-security-pricing-require-containers-plan",
            "aws-ecr-registryscanning-require-enhanced",
            "aws-eks-stack-require-registry-scanning",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-SUP-06",
        title: "The private registry is hardened: private, immutable tags in prod, no admin user, customer-managed key",
        rationale:
            "The registry is where every image the cluster runs comes from. A movable tag can swap a reviewed image for another; a registry encrypted only with the provider's key cannot be revoked or audited by the organisation.",
        themes: ["supply-chain", "secrets"],
        severity: "high",
        references: {
            cisEks: ["5.1.2"],
            cisAks: ["5.1.2"],
            cisGke: ["5.1.2"],
            nsaCisa: `${NSA_UPGRADE}`,
            seeds: ["000_7a512321956fe2d5.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "gcp-artifactregistry-repository-require-cmek",
            "gcp-artifactregistry-repository-require-immutable-tags",
            "azure-containerregistry-registry-deny-public-access",
            "azure-containerregistry-registry-require-cmk",
            "azure-containerregistry-registry-require-retention",
            "aws-ecr-repository-require-immutable-tags",
            "aws-ecr-repository-require-kms",
            "aws-ecr-repositorypolicy-deny-public",
        ],
        implementedBy: ["components/aws", "components/azure", "components/gcp"],
    },
    {
        id: "HC-RUN-01",
        title: "The cloud's threat detection and posture tooling watches the cluster",
        rationale:
            "Defender for Containers, Azure Policy and GKE security posture scan images and configuration and raise runtime alerts from outside the cluster.",
        themes: ["runtime", "audit"],
        severity: "medium",
        references: {
            cisAks: ["5.1.1"],
            cisGke: ["5.1.1"],
            nsaCisa: `${NSA_LOG}: Threat detection`,
            seeds: ["000_7a512321956fe2d5.txt", "001_b1772ac036f32303.txt", "004_a61c9823c4737189.txt"],
        },
        policies: [
            "azure-aks-cluster-require-defender",
            "azure-aks-cluster-require-azure-policy",
            "gcp-gke-cluster-require-security-posture",
        ],
        implementedBy: ["components/azure", "components/gcp"],
    },
    {
        id: "HC-RUN-03",
        title: "Container logs and runtime alerts reach the cloud's log service",
        rationale:
            "Logs and runtime alerts kept on a node vanish with the node and are first in line for an intruder to erase. Shipped to the cloud's log service they outlive the node, are encrypted and kept for the retention, and can be searched and alerted on.",
        themes: ["runtime", "audit"],
        severity: "medium",
        references: {
            nsaCisa: `${NSA_LOG}: Logging`,
            seeds: ["000_7a512321956fe2d5.txt", "004_a61c9823c4737189.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-eks-stack-require-container-log-shipping",
        ],
        implementedBy: ["components/aws"],
    },
    {
        id: "HC-RES-01",
        title: "A production cluster cannot be deleted by one change or one call",
        rationale:
            "Pulumi's protect guards only the program's own destroy; a console click, another pipeline or a change that replaces the cluster would still remove it with every workload. In prod the cloud itself refuses the delete (EKS and GKE deletion protection, an Azure CanNotDelete lock) until someone lifts it on purpose.",
        themes: ["resilience"],
        severity: "high",
        references: {
            nsaCisa: "NSA/CISA Kubernetes Hardening Guide v1.2: Upgrading and application security practices",
            seeds: ["004_a61c9823c4737189.txt"],
        },
        // One policy name per line, so that each cloud's branch adds its own line.
        // prettier-ignore
        policies: [
            "aws-eks-cluster-require-deletion-protection",
            "azure-aks-stack-require-deletion-lock",
            "gcp-gke-cluster-require-deletion-protection",
        ],
        implementedBy: ["components/aws/cluster.ts", "components/azure/lock.ts", "components/gcp/control-plane.ts"],
    },
];
