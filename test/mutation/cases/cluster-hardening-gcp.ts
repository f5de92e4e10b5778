import { addResource, combined, removeResource, set, target, unset } from "../framework/edits";
import { MutationTable } from "../framework/rows";

/** Insecure (and compliant) edits to the shipped GKE stacks, judged by the cluster-hardening pack. */
const PROD = "gcp-prod";

const cluster = target("gcp:container/cluster:Cluster");
const pools = target("gcp:container/nodePool:NodePool");
const generalPool = target("gcp:container/nodePool:NodePool", "-general");
const subnet = target("gcp:compute/subnetwork:Subnetwork");
const secretsKey = target("gcp:kms/cryptoKey:CryptoKey", "-secrets");
const binauthz = target("gcp:binaryauthorization/policy:Policy");
const repository = target("gcp:artifactregistry/repository:Repository", "-registry-repository");
const scanningApi = target("gcp:projects/service:Service", "-containerscanning");
const masterToNodes = target("gcp:compute/firewall:Firewall", "-master-to-nodes");
const nodeLogWriter = target("gcp:projects/iAMMember:IAMMember", "-node-identity-logging-logwriter");
const tenantGroup = target("gcp:projects/iAMMember:IAMMember", "-access-gke-team-payments-example-com");
const developersGroup = target("gcp:projects/iAMMember:IAMMember", "-access-gke-platform-developers-example-com");
const logBucket = target("gcp:logging/projectBucketConfig:ProjectBucketConfig");
const dataAccessAudit = target("gcp:projects/iAMAuditConfig:IAMAuditConfig");
const paymentsSecrets = target("gcp:projects/iAMMember:IAMMember", "-tenant-secrets-payments");
const ghcrMirror = target("gcp:artifactregistry/repository:Repository", "-mirror-ghcr");

const ENDPOINT = "gcp-gke-cluster-require-private-endpoint";
const PRIVATE_NODES = "gcp-gke-cluster-require-private-nodes";
const DATAPLANE = "gcp-gke-cluster-require-dataplane-v2";
const FLOW_LOGS = "gcp-compute-subnetwork-require-flow-logs";
const GOOGLE_ACCESS = "gcp-compute-subnetwork-require-private-google-access";
const DB_ENCRYPTION = "gcp-gke-cluster-require-database-encryption";
const ROTATION = "gcp-kms-cryptokey-require-rotation";
const LOGGING = "gcp-gke-cluster-require-apiserver-logging";
const CLIENT_CERT = "gcp-gke-cluster-deny-client-certificate";
const ABAC = "gcp-gke-cluster-deny-legacy-abac";
const GROUPS = "gcp-gke-cluster-require-google-groups-rbac";
const WORKLOAD_ID = "gcp-gke-cluster-require-workload-identity";
const NODE_SA = "gcp-gke-pool-deny-default-service-account";
const METADATA = "gcp-gke-pool-require-metadata-server";
const COS = "gcp-gke-pool-require-cos-image";
const SHIELDED = "gcp-gke-pool-require-shielded-nodes";
const CHANNEL = "gcp-gke-cluster-require-release-channel";
const AUTO_UPGRADE = "gcp-gke-pool-require-auto-upgrade";
const BINAUTHZ = "gcp-gke-cluster-require-binary-authorization";
const POSTURE = "gcp-gke-cluster-require-security-posture";
const ATTESTOR = "gcp-binaryauthorization-policy-require-attestor";
const MAINTENANCE = "gcp-gke-cluster-require-maintenance-window";
const IN_TRANSIT = "gcp-gke-cluster-require-intransit-encryption";
const SCANNING = "gcp-artifactregistry-repository-require-vulnerability-scanning";
const REGISTRY_CMEK = "gcp-artifactregistry-repository-require-cmek";
const IMMUTABLE_TAGS = "gcp-artifactregistry-repository-require-immutable-tags";
const SECRET_ACCESS = "gcp-iam-grant-restrict-secret-access";

export const CLUSTER_HARDENING_GCP: MutationTable = {
    pack: "cluster-hardening",
    cloud: "gcp",
    rows: [
        // HC-API-01: private endpoint or authorized networks.
        {
            stack: PROD,
            edit: set(cluster, "masterAuthorizedNetworksConfig.cidrBlocks", [{ cidrBlock: "0.0.0.0/0", displayName: "anywhere" }]),
            expect: { policy: ENDPOINT, message: "list specific CIDRs only" },
        },
        {
            stack: PROD,
            edit: set(cluster, "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled", true),
            expect: { policy: ENDPOINT, message: "(any customer's VM); set it false" },
        },
        {
            stack: PROD,
            edit: combined(
                "public endpoint without authorized networks",
                "unset",
                set(cluster, "privateClusterConfig.enablePrivateEndpoint", false),
                unset(cluster, "masterAuthorizedNetworksConfig"),
            ),
            expect: {
                policy: ENDPOINT,
                message: "set enablePrivateEndpoint true or list specific CIDRs in masterAuthorizedNetworksConfig.cidrBlocks",
            },
        },
        {
            stack: PROD,
            edit: set(cluster, "privateClusterConfig.enablePrivateEndpoint", false),
            expect: "compliant",
            judgedBy: ENDPOINT,
            note: "public endpoint limited to the authorized node subnet",
        },

        // HC-NET-01: private nodes.
        {
            stack: PROD,
            edit: set(cluster, "privateClusterConfig.enablePrivateNodes", false),
            expect: { policy: PRIVATE_NODES, message: "set privateClusterConfig.enablePrivateNodes true" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "privateClusterConfig.enablePrivateNodes"),
            expect: { policy: PRIVATE_NODES, message: "enablePrivateNodes is undefined, so nodes get external IP addresses" },
        },
        {
            stack: PROD,
            edit: set(generalPool, "networkConfig.enablePrivateNodes", false),
            expect: { policy: PRIVATE_NODES, message: "despite the cluster setting; remove it or set true" },
        },

        // HC-NET-02 / 03 / 04: Dataplane V2, flow logs, Private Google Access.
        {
            stack: PROD,
            edit: set(cluster, "datapathProvider", "LEGACY_DATAPATH"),
            expect: { policy: DATAPLANE, message: 'set datapathProvider "ADVANCED_DATAPATH"' },
        },
        { stack: PROD, edit: unset(cluster, "datapathProvider"), expect: { policy: DATAPLANE, message: "datapathProvider is unset" } },
        {
            stack: PROD,
            edit: combined(
                "legacy dataplane with the Calico network policy add-on",
                "wrong-value",
                set(cluster, "datapathProvider", "LEGACY_DATAPATH"),
                set(cluster, "networkPolicy", { enabled: true, provider: "CALICO" }),
            ),
            expect: "compliant",
            judgedBy: DATAPLANE,
        },
        {
            stack: PROD,
            edit: unset(subnet, "logConfig"),
            expect: { policy: FLOW_LOGS, message: "set logConfig with flowSampling 0.5 or more" },
        },
        { stack: PROD, edit: set(subnet, "logConfig.flowSampling", 0.1), expect: { policy: FLOW_LOGS, message: "set at least 0.5" } },
        {
            stack: PROD,
            edit: set(subnet, "logConfig.metadata", "EXCLUDE_ALL_METADATA"),
            expect: { policy: FLOW_LOGS, message: "set INCLUDE_ALL_METADATA" },
        },
        { stack: PROD, edit: set(subnet, "logConfig.flowSampling", 1), expect: "compliant", judgedBy: FLOW_LOGS },
        {
            stack: PROD,
            edit: set(subnet, "privateIpGoogleAccess", false),
            expect: { policy: GOOGLE_ACCESS, message: "set privateIpGoogleAccess true" },
        },
        {
            stack: PROD,
            edit: unset(subnet, "privateIpGoogleAccess"),
            expect: { policy: GOOGLE_ACCESS, message: "privateIpGoogleAccess is undefined" },
        },

        // HC-SEC-01 / 02: Secrets encryption and key rotation.
        {
            stack: PROD,
            edit: set(cluster, "databaseEncryption.state", "DECRYPTED"),
            expect: { policy: DB_ENCRYPTION, message: 'set databaseEncryption { state: "ENCRYPTED"' },
        },
        {
            stack: PROD,
            edit: unset(cluster, "databaseEncryption"),
            expect: { policy: DB_ENCRYPTION, message: "databaseEncryption.state is unset" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "databaseEncryption.keyName"),
            expect: { policy: DB_ENCRYPTION, message: "set keyName to the Cloud KMS crypto key id" },
        },
        { stack: PROD, edit: unset(secretsKey, "rotationPeriod"), expect: { policy: ROTATION, message: "the key never rotates" } },
        {
            stack: PROD,
            edit: set(secretsKey, "rotationPeriod", "31536000s"),
            expect: { policy: ROTATION, message: 'set at most "7776000s" (90 days)' },
        },
        { stack: PROD, edit: set(secretsKey, "rotationPeriod", "90d"), expect: { policy: ROTATION, message: 'rotationPeriod is "90d"' } },
        { stack: PROD, edit: set(secretsKey, "rotationPeriod", "2592000s"), expect: "compliant", judgedBy: ROTATION },

        // HC-AUD-01: control-plane logs.
        {
            stack: PROD,
            edit: set(cluster, "loggingConfig.enableComponents", ["SYSTEM_COMPONENTS", "WORKLOADS"]),
            expect: { policy: LOGGING, message: "missing APISERVER; add them" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "loggingConfig"),
            expect: { policy: LOGGING, message: "missing SYSTEM_COMPONENTS, APISERVER" },
        },
        {
            stack: PROD,
            edit: set(cluster, "loggingService", "none"),
            expect: { policy: LOGGING, message: 'or set "logging.googleapis.com/kubernetes"' },
        },

        // HC-IAM-01: no client certificate, no legacy ABAC, Google Groups for RBAC.
        {
            stack: PROD,
            edit: set(cluster, "masterAuth.clientCertificateConfig.issueClientCertificate", true),
            expect: { policy: CLIENT_CERT, message: "set it false and authenticate through Google identities" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "masterAuth"),
            expect: "compliant",
            judgedBy: CLIENT_CERT,
            note: "unset issues no certificate (GKE's default since 1.12)",
        },
        { stack: PROD, edit: set(cluster, "enableLegacyAbac", true), expect: { policy: ABAC, message: "set enableLegacyAbac false" } },
        { stack: PROD, edit: unset(cluster, "enableLegacyAbac"), expect: "compliant", judgedBy: ABAC, note: "unset is off" },
        {
            stack: PROD,
            edit: unset(cluster, "authenticatorGroupsConfig"),
            expect: { policy: GROUPS, message: "set authenticatorGroupsConfig.securityGroup to gke-security-groups@<your domain>" },
        },
        {
            stack: PROD,
            edit: set(cluster, "authenticatorGroupsConfig.securityGroup", "gke-admins@example.com"),
            expect: { policy: GROUPS, message: "GKE requires a group named gke-security-groups@<your domain>" },
        },

        // HC-IAM-02 / 03: Workload Identity, dedicated node service account.
        {
            stack: PROD,
            edit: unset(cluster, "workloadIdentityConfig"),
            expect: { policy: WORKLOAD_ID, message: 'set it to "<project id>.svc.id.goog"' },
        },
        {
            stack: PROD,
            edit: set(cluster, "workloadIdentityConfig.workloadPool", "acme-platform-prod.example.com"),
            expect: { policy: WORKLOAD_ID, message: 'workloadPool is "acme-platform-prod.example.com"' },
        },
        {
            stack: PROD,
            edit: set(generalPool, "nodeConfig.serviceAccount", "default"),
            expect: { policy: NODE_SA, message: "set it to a dedicated node service account" },
        },
        {
            stack: PROD,
            edit: unset(pools, "nodeConfig.serviceAccount"),
            expect: { policy: NODE_SA, message: "serviceAccount is not set, so nodes run as the Compute Engine default service account" },
        },
        {
            stack: PROD,
            edit: set(cluster, "nodeConfig.serviceAccount", "123456789012-compute@developer.gserviceaccount.com"),
            expect: { policy: NODE_SA, message: "nodeConfig.serviceAccount is 123456789012-compute@developer.gserviceaccount.com" },
            note: "the removed default pool still runs with it during creation",
        },

        // HC-NODE-02 / 04 / 05: metadata server, COS, shielded nodes, upgrades.
        {
            stack: PROD,
            edit: set(generalPool, "nodeConfig.workloadMetadataConfig.mode", "GCE_METADATA"),
            expect: { policy: METADATA, message: 'set workloadMetadataConfig { mode: "GKE_METADATA" }' },
        },
        {
            stack: PROD,
            edit: unset(pools, "nodeConfig.workloadMetadataConfig"),
            expect: { policy: METADATA, message: "workloadMetadataConfig.mode is unset" },
        },
        {
            stack: PROD,
            edit: set(cluster, "nodeConfig.workloadMetadataConfig.mode", "GCE_METADATA"),
            expect: "compliant",
            judgedBy: METADATA,
            note: "the removed default pool's settings never reach a node",
        },
        {
            stack: PROD,
            edit: set(generalPool, "nodeConfig.imageType", "UBUNTU_CONTAINERD"),
            expect: { policy: COS, message: 'set imageType "COS_CONTAINERD"' },
        },
        {
            stack: PROD,
            edit: unset(generalPool, "nodeConfig.imageType"),
            expect: { policy: COS, message: "nodeConfig.imageType is unset" },
        },
        {
            stack: PROD,
            edit: set(generalPool, "nodeConfig.shieldedInstanceConfig.enableSecureBoot", false),
            expect: { policy: SHIELDED, message: "set enableSecureBoot true" },
        },
        {
            stack: PROD,
            edit: unset(pools, "nodeConfig.shieldedInstanceConfig"),
            expect: { policy: SHIELDED, message: "enableSecureBoot is undefined, so unsigned boot components can load" },
        },
        {
            stack: PROD,
            edit: set(generalPool, "nodeConfig.shieldedInstanceConfig.enableIntegrityMonitoring", false),
            expect: { policy: SHIELDED, message: "enableIntegrityMonitoring is false; set it true" },
        },
        {
            stack: PROD,
            edit: set(cluster, "enableShieldedNodes", false),
            expect: { policy: SHIELDED, message: "set enableShieldedNodes true" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "enableShieldedNodes"),
            expect: "compliant",
            judgedBy: SHIELDED,
            note: "unset is GKE's default (on)",
        },
        {
            stack: PROD,
            edit: set(cluster, "releaseChannel.channel", "UNSPECIFIED"),
            expect: { policy: CHANNEL, message: 'set releaseChannel { channel: "STABLE" }' },
        },
        { stack: PROD, edit: unset(cluster, "releaseChannel"), expect: { policy: CHANNEL, message: "releaseChannel.channel is unset" } },
        {
            stack: PROD,
            edit: set(generalPool, "management.autoUpgrade", false),
            expect: { policy: AUTO_UPGRADE, message: "set management { autoRepair: true, autoUpgrade: true }" },
        },
        {
            stack: PROD,
            edit: unset(pools, "management"),
            expect: { policy: AUTO_UPGRADE, message: "autoRepair undefined and autoUpgrade undefined" },
        },
        {
            stack: PROD,
            edit: set(generalPool, "management.autoRepair", false),
            expect: { policy: AUTO_UPGRADE, message: "management has autoRepair false" },
        },

        // HC-SUP-01: Binary Authorization.
        {
            stack: PROD,
            edit: set(cluster, "binaryAuthorization.evaluationMode", "DISABLED"),
            expect: { policy: BINAUTHZ, message: 'set binaryAuthorization { evaluationMode: "PROJECT_SINGLETON_POLICY_ENFORCE" }' },
        },
        {
            stack: PROD,
            edit: unset(cluster, "binaryAuthorization"),
            expect: { policy: BINAUTHZ, message: "evaluationMode is unset, so any image can run" },
        },
        {
            stack: PROD,
            edit: set(binauthz, "defaultAdmissionRule.evaluationMode", "ALWAYS_ALLOW"),
            expect: { policy: BINAUTHZ, message: "use ALWAYS_DENY or REQUIRE_ATTESTATION" },
        },
        {
            stack: PROD,
            edit: set(binauthz, "defaultAdmissionRule.enforcementMode", "DRYRUN_AUDIT_LOG_ONLY"),
            expect: { policy: BINAUTHZ, message: "so violations are only logged" },
        },
        {
            stack: PROD,
            edit: unset(binauthz, "defaultAdmissionRule.enforcementMode"),
            expect: { policy: BINAUTHZ, message: "enforcementMode is unset" },
        },

        // HC-SUP-01: the policy requires attestations by an attestor (signatures verified, HC-SUP-04).
        {
            stack: PROD,
            edit: set(binauthz, "defaultAdmissionRule.evaluationMode", "ALWAYS_DENY"),
            expect: { policy: ATTESTOR, message: "so no signature is checked; set evaluationMode REQUIRE_ATTESTATION" },
            note: "a registry allow-list (ALWAYS_DENY plus patterns) checks where images come from, not who signed them",
        },
        {
            stack: PROD,
            edit: unset(binauthz, "defaultAdmissionRule.requireAttestationsBies"),
            expect: { policy: ATTESTOR, message: "requireAttestationsBies is empty, so no attestor verifies a signature" },
        },
        {
            stack: PROD,
            edit: set(binauthz, "admissionWhitelistPatterns", [{ namePattern: "europe-west1-docker.pkg.dev/acme-platform-prod/**" }]),
            expect: { policy: ATTESTOR, message: "admits matching images without an attestation" },
        },

        // HC-NODE-07: upgrades only in the maintenance window.
        {
            stack: PROD,
            edit: set(cluster, "maintenancePolicy.recurringWindow.recurrence", ""),
            expect: { policy: MAINTENANCE, message: "maintenancePolicy has no complete window" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "maintenancePolicy"),
            expect: { policy: MAINTENANCE, message: "maintenancePolicy is unset" },
        },

        // HC-NET-07: pod traffic between nodes is encrypted in prod.
        {
            stack: PROD,
            edit: set(cluster, "inTransitEncryptionConfig", "IN_TRANSIT_ENCRYPTION_DISABLED"),
            expect: { policy: IN_TRANSIT, message: "so pod traffic between nodes is not encrypted by the cluster" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "inTransitEncryptionConfig"),
            expect: { policy: IN_TRANSIT, message: "inTransitEncryptionConfig is unset" },
        },

        // HC-SUP-05 / HC-SUP-06: the stack's registry is scanned, encrypted with its key, tags immutable in prod.
        {
            stack: PROD,
            edit: set(repository, "vulnerabilityScanningConfig.enablementConfig", "DISABLED"),
            expect: { policy: SCANNING, message: "so pushed images are never scanned" },
        },
        {
            stack: PROD,
            edit: removeResource(scanningApi),
            expect: { policy: SCANNING, message: "does not enable containerscanning.googleapis.com" },
        },
        {
            stack: PROD,
            edit: set(repository, "kmsKeyName", ""),
            expect: { policy: REGISTRY_CMEK, message: "set kmsKeyName to a Cloud KMS key" },
        },
        {
            stack: PROD,
            edit: unset(repository, "kmsKeyName"),
            expect: { policy: REGISTRY_CMEK, message: "has no kmsKeyName" },
        },
        {
            stack: PROD,
            edit: set(repository, "dockerConfig.immutableTags", false),
            expect: { policy: IMMUTABLE_TAGS, message: "so a pushed tag can be moved to another image" },
        },
        {
            stack: PROD,
            edit: unset(repository, "dockerConfig"),
            expect: { policy: IMMUTABLE_TAGS, message: "dockerConfig.immutableTags unset" },
        },

        // HC-RUN-01: security posture.
        {
            stack: PROD,
            edit: set(cluster, "securityPostureConfig.mode", "DISABLED"),
            expect: { policy: POSTURE, message: 'set securityPostureConfig { mode: "BASIC" }' },
        },
        {
            stack: PROD,
            edit: unset(cluster, "securityPostureConfig"),
            expect: { policy: POSTURE, message: "securityPostureConfig.mode is unset" },
        },

        // HC-NET-03 / HC-NET-06: intranode traffic is visible; firewall rules name their sources.
        {
            stack: PROD,
            edit: unset(cluster, "enableIntranodeVisibility"),
            expect: { policy: "gcp-gke-cluster-require-intranode-visibility", message: "set enableIntranodeVisibility true" },
        },
        {
            stack: PROD,
            edit: unset(masterToNodes, "sourceRanges"),
            expect: { policy: "gcp-compute-firewall-deny-internet-admin-ports", message: "the API's default source" },
            note: "a rule without any source admits 0.0.0.0/0",
        },

        // HC-AUD-02 / HC-AUD-03: log retention and Data Access audit logs.
        {
            stack: PROD,
            edit: unset(logBucket, "retentionDays"),
            expect: { policy: "gcp-logging-bucket-require-retention", message: "set retentionDays to at least 365" },
        },
        {
            stack: PROD,
            edit: set(dataAccessAudit, "auditLogConfigs", [{ logType: "ADMIN_READ" }]),
            expect: { policy: "gcp-iam-auditconfig-require-data-access", message: "missing DATA_READ, DATA_WRITE" },
        },

        // HC-IAM-04: the node service account holds only the node roles.
        {
            stack: PROD,
            edit: set(nodeLogWriter, "role", "roles/pubsub.publisher"),
            expect: { policy: "gcp-gke-nodeaccount-restrict-roles", message: "Give the workload that needs it its own account" },
        },

        // HC-NODE-01 / HC-NODE-06 / HC-RBAC-03: boot disk key, kubelet port, insecure RBAC bindings.
        {
            stack: PROD,
            edit: set(pools, "nodeConfig.bootDiskKmsKey", ""),
            expect: { policy: "gcp-gke-pool-require-cmek-boot-disk", message: "set bootDiskKmsKey to a Cloud KMS key" },
        },
        {
            stack: PROD,
            edit: unset(generalPool, "nodeConfig.kubeletConfig.insecureKubeletReadonlyPortEnabled"),
            expect: { policy: "gcp-gke-pool-deny-kubelet-readonly-port", message: "unset (GKE's version default" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "rbacBindingConfig"),
            expect: { policy: "gcp-gke-cluster-deny-insecure-rbac-bindings", message: "unset (GKE then accepts such bindings)" },
        },

        // Known gaps (issue 11).
        {
            stack: PROD,
            edit: addResource("a firewall rule allowing SSH from 0.0.0.0/0", "wrong-value", () => ({
                type: "gcp:compute/firewall:Firewall",
                name: "teammate-ssh",
                props: {
                    network: "projects/mock-project/global/networks/platform-prod-vpc",
                    direction: "INGRESS",
                    allows: [{ protocol: "tcp", ports: ["22"] }],
                    sourceRanges: ["0.0.0.0/0"],
                },
            })),
            expect: {
                policy: "gcp-compute-firewall-deny-internet-admin-ports",
                message: "allows[0] admits 0.0.0.0/0 to tcp 22 (SSH); list in",
            },
        },
        {
            stack: PROD,
            edit: set(masterToNodes, "sourceRanges", ["0.0.0.0/0"]),
            expect: {
                policy: "gcp-compute-firewall-deny-internet-admin-ports",
                message: "allows[0] admits 0.0.0.0/0 to tcp 10250 (kubelet API); list",
            },
            note: "the kubelet (10250) open to the internet",
        },
        {
            stack: PROD,
            edit: addResource("a firewall rule allowing every protocol from ::/0", "wrong-value", () => ({
                type: "gcp:compute/firewall:Firewall",
                name: "teammate-all-v6",
                props: {
                    network: "projects/mock-project/global/networks/platform-prod-vpc",
                    direction: "INGRESS",
                    allows: [{ protocol: "all" }],
                    sourceRanges: ["::/0"],
                },
            })),
            expect: {
                policy: "gcp-compute-firewall-deny-internet-admin-ports",
                message: "allows[0] admits ::/0 to every protocol and port (protocol",
            },
        },
        {
            stack: PROD,
            edit: set(nodeLogWriter, "role", "roles/owner"),
            expect: { policy: "gcp-iam-grant-deny-admin-roles", message: "role grants roles/owner to" },
        },
        {
            stack: PROD,
            edit: set(tenantGroup, "role", "roles/editor"),
            expect: { policy: "gcp-iam-grant-deny-admin-roles", message: "role grants roles/editor to" },
        },
        {
            stack: PROD,
            edit: set(tenantGroup, "role", "roles/container.admin"),
            expect: { policy: "gcp-gke-access-restrict-cluster-admin", message: "role grants roles/container.admin on the project to" },
        },
        {
            stack: PROD,
            edit: set(developersGroup, "role", "roles/container.clusterAdmin"),
            expect: {
                policy: "gcp-gke-access-restrict-cluster-admin",
                message: "role grants roles/container.clusterAdmin on the project to",
            },
        },
        {
            stack: PROD,
            edit: set(binauthz, "admissionWhitelistPatterns", [{ namePattern: "docker.io/**" }]),
            expect: { policy: "gcp-binaryauthorization-policy-restrict-allowlist", message: "admissionWhitelistPatterns[0].namePattern" },
            note: "the allow-list no longer matches the trusted registries",
        },
        {
            stack: PROD,
            edit: set(generalPool, "nodeConfig.kubeletConfig.insecureKubeletReadonlyPortEnabled", "TRUE"),
            expect: {
                policy: "gcp-gke-pool-deny-kubelet-readonly-port",
                message: "nodeConfig.kubeletConfig.insecureKubeletReadonlyPortEnabled",
            },
        },
        {
            stack: PROD,
            edit: set(cluster, "rbacBindingConfig.enableInsecureBindingSystemAuthenticated", true),
            expect: {
                policy: "gcp-gke-cluster-deny-insecure-rbac-bindings",
                message: "rbacBindingConfig.enableInsecureBindingSystemAuthenticated",
            },
        },
        {
            stack: PROD,
            edit: set(cluster, "rbacBindingConfig.enableInsecureBindingSystemUnauthenticated", true),
            expect: { policy: "gcp-gke-cluster-deny-insecure-rbac-bindings", message: "rbacBindingConfig.en" },
        },
        {
            stack: PROD,
            edit: set(logBucket, "retentionDays", 7),
            expect: {
                policy: "gcp-logging-bucket-require-retention",
                message: "platform-prod-logs-default-bucket: log bucket _Default has",
            },
            note: "GCP log retention",
        },
        {
            stack: PROD,
            edit: removeResource(dataAccessAudit),
            expect: {
                policy: "gcp-iam-auditconfig-require-data-access",
                message: "the stack has a GKE cluster but no Data Access audit config",
            },
            note: "Data Access audit logs",
        },
        {
            stack: PROD,
            edit: unset(pools, "nodeConfig.bootDiskKmsKey"),
            expect: { policy: "gcp-gke-pool-require-cmek-boot-disk", message: "nodeConfig.bootDiskKmsKey is not set, so boot disks use" },
            note: "node boot disks without the customer-managed key",
        },
        {
            stack: PROD,
            edit: set(cluster, "enableKubernetesAlpha", true),
            expect: { policy: "gcp-gke-cluster-deny-alpha-features", message: "enableKubernetesAlpha is true: an alpha cluster is never" },
            note: "CIS GKE 5.10.2",
        },
        {
            stack: PROD,
            edit: set(cluster, "enableIntranodeVisibility", false),
            expect: {
                policy: "gcp-gke-cluster-require-intranode-visibility",
                message: "enableIntranodeVisibility is false, so traffic between pods",
            },
            note: "pod-to-pod traffic on one node leaves no flow log",
        },
        {
            stack: PROD,
            edit: set(cluster, "privateClusterConfig.masterGlobalAccessConfig.enabled", true),
            expect: "gap",
            gap: "Cluster settings",
        },
        // HC-RES-01: the provider refuses to delete or replace the prod cluster.
        {
            stack: PROD,
            edit: set(cluster, "deletionProtection", false),
            expect: { policy: "gcp-gke-cluster-require-deletion-protection", message: "deletionProtection is false, so a destroy" },
        },
        // HC-IAM-06: each tenant reads only its own secrets.
        {
            stack: PROD,
            edit: unset(paymentsSecrets, "condition"),
            expect: { policy: SECRET_ACCESS, message: "without a condition, so its members read every secret below the project" },
        },
        {
            stack: PROD,
            edit: set(paymentsSecrets, "condition.expression", 'resource.name.startsWith("projects/123456789012/secrets/")'),
            expect: { policy: SECRET_ACCESS, message: "which does not keep it to one secret name prefix" },
            note: "the whole project's secrets: the prefix stops at secrets/",
        },
        {
            stack: PROD,
            edit: set(
                paymentsSecrets,
                "member",
                "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-platform-prod.svc.id.goog/*",
            ),
            expect: { policy: SECRET_ACCESS, message: "which covers the workloads of every namespace" },
        },
        // HC-SUP-06 on the registry.mirror remote repositories: the stack's key; tags do not apply to a cache.
        {
            stack: PROD,
            edit: unset(ghcrMirror, "kmsKeyName"),
            expect: { policy: REGISTRY_CMEK, message: "repository platform-prod-ghcr has no kmsKeyName" },
        },
        {
            stack: PROD,
            edit: set(ghcrMirror, "dockerConfig", { immutableTags: false }),
            expect: "compliant",
            note: "a remote repository takes no pushes, so its tags cannot be moved by anyone (the policy finds it not applicable)",
        },
        {
            stack: "gcp-dev",
            edit: set(logBucket, "retentionDays", 1),
            expect: {
                policy: "gcp-logging-bucket-require-retention",
                message: "platform-dev-logs-default-bucket: log bucket _Default has",
            },
            note: "below dev's 30 days",
        },
    ],
};
