import { GCP_POLICIES } from "../../policypacks/cluster-hardening/gcp";
import { at, CapturedResource, inputsOf, runProgram, runStack } from "../harness";
import { evaluatePolicy, passes, violations } from "../harness/policies";
import { obj, path, policy, Props, shippedConfig, T, variant as variantOf, without } from "./fixture";
import { nonEmpty } from "../harness/non-empty";

let blueprint: CapturedResource[];

beforeAll(async () => {
    blueprint = (await runStack("gcp-prod")).resources;
});

/** The blueprint with the first resource of `type` (and name suffix) changed by `mutate`, as an insecure variant. */
function variant(type: string, mutate: (props: Props) => void, nameSuffix = ""): CapturedResource[] {
    return variantOf(blueprint, type, mutate, nameSuffix);
}

const CLUSTER = T.cluster;
const POOL = T.pool;
const SUBNET = T.subnet;
const KEY = T.key;
const BINAUTHZ = T.binauthz;
const FIREWALL = T.firewall;
const MEMBER = T.projectMember;
const BUCKET = T.bucket;
const AUDIT = T.auditConfig;
const REPOSITORY = "gcp:artifactregistry/repository:Repository";

/** The prod pack config, as CI runs the prod stack (admins, trusted registries, retention). */
const CONFIG = shippedConfig("prod");

interface Case {
    readonly policy: string;
    readonly what: string;
    readonly type: string;
    readonly nameSuffix?: string;
    readonly mutate?: (props: Props) => void;
    /** Remove the resource instead of changing it. */
    readonly remove?: boolean;
    readonly message: string;
}

const CASES: readonly Case[] = [
    {
        policy: "gcp-gke-cluster-require-private-endpoint",
        what: "public endpoint without master authorized networks",
        type: CLUSTER,
        mutate: (p) => {
            obj(p, "privateClusterConfig")["enablePrivateEndpoint"] = false;
            delete p["masterAuthorizedNetworksConfig"];
        },
        message: "masterAuthorizedNetworksConfig is not set, so the whole internet can reach it",
    },
    {
        policy: "gcp-gke-cluster-require-private-endpoint",
        what: "authorized networks open to 0.0.0.0/0",
        type: CLUSTER,
        mutate: (p) => {
            obj(p, "privateClusterConfig")["enablePrivateEndpoint"] = false;
            obj(p, "masterAuthorizedNetworksConfig")["cidrBlocks"] = [{ cidrBlock: "0.0.0.0/0" }];
        },
        message: "masterAuthorizedNetworksConfig.cidrBlocks contains 0.0.0.0/0",
    },
    {
        policy: "gcp-gke-cluster-require-private-endpoint",
        what: "all Google Cloud public IPs admitted",
        type: CLUSTER,
        mutate: (p) => {
            obj(p, "masterAuthorizedNetworksConfig")["gcpPublicCidrsAccessEnabled"] = true;
        },
        message: "gcpPublicCidrsAccessEnabled is true",
    },
    {
        policy: "gcp-gke-cluster-require-private-endpoint",
        what: "a public endpoint whose authorized networks are switched off",
        type: CLUSTER,
        mutate: (p) => {
            obj(p, "privateClusterConfig")["enablePrivateEndpoint"] = false;
            delete p["masterAuthorizedNetworksConfig"];
            p["controlPlaneEndpointsConfig"] = { ipEndpointsConfig: { enabled: true } };
        },
        message: "the API server has a public endpoint (privateClusterConfig.enablePrivateEndpoint is not true)",
    },
    {
        policy: "gcp-gke-cluster-require-private-endpoint",
        what: "a DNS endpoint open to the internet that accepts Kubernetes service account tokens",
        type: CLUSTER,
        mutate: (p) => {
            obj(obj(p, "controlPlaneEndpointsConfig"), "dnsEndpointConfig")["enableK8sTokensViaDns"] = true;
        },
        message:
            "admits external traffic with enableK8sTokensViaDns true, so Kubernetes credentials that IAM does not check reach the API server",
    },
    {
        policy: "gcp-gke-cluster-require-private-endpoint",
        what: "a DNS endpoint open to the internet that accepts client certificates",
        type: CLUSTER,
        mutate: (p) => {
            obj(obj(p, "controlPlaneEndpointsConfig"), "dnsEndpointConfig")["enableK8sCertsViaDns"] = true;
        },
        message: "admits external traffic with enableK8sCertsViaDns true",
    },
    {
        policy: "gcp-gke-cluster-require-private-endpoint",
        what: "a public IP endpoint without authorized networks next to the DNS endpoint",
        type: CLUSTER,
        mutate: (p) => {
            obj(p, "privateClusterConfig")["enablePrivateEndpoint"] = false;
            delete p["masterAuthorizedNetworksConfig"];
        },
        message:
            "the API server has a public endpoint (privateClusterConfig.enablePrivateEndpoint is not true) and masterAuthorizedNetworksConfig is not set",
    },
    {
        policy: "gcp-gke-cluster-require-private-nodes",
        what: "public nodes on the cluster",
        type: CLUSTER,
        mutate: (p) => {
            obj(p, "privateClusterConfig")["enablePrivateNodes"] = false;
        },
        message: "privateClusterConfig.enablePrivateNodes is false, so nodes get external IP addresses",
    },
    {
        policy: "gcp-gke-cluster-require-private-nodes",
        what: "a pool overriding private nodes",
        type: POOL,
        mutate: (p) => {
            p["networkConfig"] = { enablePrivateNodes: false };
        },
        message: "networkConfig.enablePrivateNodes is false",
    },
    {
        policy: "gcp-gke-cluster-require-dataplane-v2",
        what: "legacy dataplane without network policy",
        type: CLUSTER,
        mutate: (p) => {
            p["datapathProvider"] = "LEGACY_DATAPATH";
        },
        message: "datapathProvider is LEGACY_DATAPATH and networkPolicy is not enabled",
    },
    {
        policy: "gcp-compute-subnetwork-require-flow-logs",
        what: "no flow logs",
        type: SUBNET,
        mutate: (p) => {
            delete p["logConfig"];
        },
        message: "logConfig is not set, so no VPC flow logs are recorded",
    },
    {
        policy: "gcp-compute-subnetwork-require-flow-logs",
        what: "sampling below half",
        type: SUBNET,
        mutate: (p) => {
            obj(p, "logConfig")["flowSampling"] = 0.1;
        },
        message: "logConfig.flowSampling is 0.1; set at least 0.5",
    },
    {
        policy: "gcp-compute-subnetwork-require-private-google-access",
        what: "Private Google Access off",
        type: SUBNET,
        mutate: (p) => {
            p["privateIpGoogleAccess"] = false;
        },
        message: "privateIpGoogleAccess is false",
    },
    {
        policy: "gcp-gke-cluster-require-database-encryption",
        what: "Secrets not encrypted with a customer key",
        type: CLUSTER,
        mutate: (p) => {
            p["databaseEncryption"] = { state: "DECRYPTED" };
        },
        message: "databaseEncryption.state is DECRYPTED",
    },
    {
        policy: "gcp-kms-cryptokey-require-rotation",
        what: "a key that never rotates",
        type: KEY,
        nameSuffix: "-secrets",
        mutate: (p) => {
            delete p["rotationPeriod"];
        },
        message: "rotationPeriod is not set, so the key never rotates",
    },
    {
        policy: "gcp-kms-cryptokey-require-rotation",
        what: "a yearly rotation",
        type: KEY,
        nameSuffix: "-secrets",
        mutate: (p) => {
            p["rotationPeriod"] = "31536000s";
        },
        message: 'rotationPeriod is "31536000s"; set at most "7776000s" (90 days)',
    },
    {
        policy: "gcp-gke-cluster-require-apiserver-logging",
        what: "GKE's default log components (no API server)",
        type: CLUSTER,
        mutate: (p) => {
            p["loggingConfig"] = { enableComponents: ["SYSTEM_COMPONENTS", "WORKLOADS"] };
        },
        message: "loggingConfig.enableComponents is [SYSTEM_COMPONENTS, WORKLOADS], missing APISERVER",
    },
    {
        policy: "gcp-gke-cluster-require-apiserver-logging",
        what: "logging switched off",
        type: CLUSTER,
        mutate: (p) => {
            p["loggingService"] = "none";
        },
        message: 'loggingService is "none"',
    },
    {
        policy: "gcp-gke-cluster-deny-client-certificate",
        what: "a client certificate",
        type: CLUSTER,
        mutate: (p) => {
            p["masterAuth"] = { clientCertificateConfig: { issueClientCertificate: true } };
        },
        message: "masterAuth.clientCertificateConfig.issueClientCertificate is true",
    },
    {
        policy: "gcp-gke-cluster-deny-legacy-abac",
        what: "legacy ABAC",
        type: CLUSTER,
        mutate: (p) => {
            p["enableLegacyAbac"] = true;
        },
        message: "enableLegacyAbac is true",
    },
    {
        policy: "gcp-gke-cluster-require-google-groups-rbac",
        what: "no Google Groups for RBAC",
        type: CLUSTER,
        mutate: (p) => {
            delete p["authenticatorGroupsConfig"];
        },
        message: "authenticatorGroupsConfig is not set",
    },
    {
        policy: "gcp-gke-cluster-require-google-groups-rbac",
        what: "a security group GKE does not accept",
        type: CLUSTER,
        mutate: (p) => {
            p["authenticatorGroupsConfig"] = { securityGroup: "admins@example.com" };
        },
        message: 'authenticatorGroupsConfig.securityGroup is "admins@example.com"',
    },
    {
        policy: "gcp-gke-cluster-require-workload-identity",
        what: "no Workload Identity",
        type: CLUSTER,
        mutate: (p) => {
            delete p["workloadIdentityConfig"];
        },
        message: "workloadIdentityConfig.workloadPool is not set",
    },
    {
        policy: "gcp-gke-pool-deny-default-service-account",
        what: "a pool with the Compute Engine default account",
        type: POOL,
        mutate: (p) => {
            obj(p, "nodeConfig")["serviceAccount"] = "123456789012-compute@developer.gserviceaccount.com";
        },
        message:
            "nodeConfig.serviceAccount is 123456789012-compute@developer.gserviceaccount.com, the Compute Engine default service account",
    },
    {
        policy: "gcp-gke-pool-deny-default-service-account",
        what: 'a pool with serviceAccount "default"',
        type: POOL,
        mutate: (p) => {
            obj(p, "nodeConfig")["serviceAccount"] = "default";
        },
        message: 'nodeConfig.serviceAccount is "default"',
    },
    {
        policy: "gcp-gke-pool-deny-default-service-account",
        what: "a cluster whose (removed) default pool has no account",
        type: CLUSTER,
        mutate: (p) => {
            delete obj(p, "nodeConfig")["serviceAccount"];
        },
        message: "nodeConfig.serviceAccount is not set, so nodes run as the Compute Engine default service account",
    },
    {
        policy: "gcp-gke-pool-require-metadata-server",
        what: "a pool exposing the node metadata",
        type: POOL,
        mutate: (p) => {
            obj(p, "nodeConfig")["workloadMetadataConfig"] = { mode: "GCE_METADATA" };
        },
        message: "nodeConfig.workloadMetadataConfig.mode is GCE_METADATA",
    },
    {
        policy: "gcp-gke-pool-require-metadata-server",
        what: "a cluster that keeps its default pool without the metadata server",
        type: CLUSTER,
        mutate: (p) => {
            p["removeDefaultNodePool"] = false;
            delete obj(p, "nodeConfig")["workloadMetadataConfig"];
        },
        message: "nodeConfig.workloadMetadataConfig.mode is unset",
    },
    {
        policy: "gcp-gke-pool-require-cos-image",
        what: "an Ubuntu pool",
        type: POOL,
        mutate: (p) => {
            obj(p, "nodeConfig")["imageType"] = "UBUNTU_CONTAINERD";
        },
        message: 'nodeConfig.imageType is UBUNTU_CONTAINERD; set imageType "COS_CONTAINERD"',
    },
    {
        policy: "gcp-gke-pool-require-shielded-nodes",
        what: "a pool without secure boot",
        type: POOL,
        mutate: (p) => {
            obj(p, "nodeConfig")["shieldedInstanceConfig"] = { enableIntegrityMonitoring: true };
        },
        message: "nodeConfig.shieldedInstanceConfig.enableSecureBoot is undefined",
    },
    {
        policy: "gcp-gke-pool-require-shielded-nodes",
        what: "a cluster without shielded nodes",
        type: CLUSTER,
        mutate: (p) => {
            p["enableShieldedNodes"] = false;
        },
        message: "enableShieldedNodes is false",
    },
    {
        policy: "gcp-gke-cluster-require-release-channel",
        what: "no release channel",
        type: CLUSTER,
        mutate: (p) => {
            p["releaseChannel"] = { channel: "UNSPECIFIED" };
        },
        message: "releaseChannel.channel is UNSPECIFIED",
    },
    {
        policy: "gcp-gke-pool-require-auto-upgrade",
        what: "a pool without auto-upgrade",
        type: POOL,
        mutate: (p) => {
            p["management"] = { autoRepair: true, autoUpgrade: false };
        },
        message: "management has autoRepair true and autoUpgrade false",
    },
    {
        policy: "gcp-gke-pool-require-auto-upgrade",
        what: "a cluster with an inline pool that does not repair itself",
        type: CLUSTER,
        mutate: (p) => {
            p["nodePools"] = [{ name: "legacy", management: { autoRepair: false, autoUpgrade: true } }];
        },
        message: "nodePools[0].management has autoRepair false and autoUpgrade true",
    },
    {
        policy: "gcp-gke-cluster-require-binary-authorization",
        what: "Binary Authorization not enforced",
        type: CLUSTER,
        mutate: (p) => {
            p["binaryAuthorization"] = { evaluationMode: "DISABLED" };
        },
        message: "binaryAuthorization.evaluationMode is DISABLED, so any image can run",
    },
    {
        policy: "gcp-gke-cluster-require-binary-authorization",
        what: "a project policy that allows everything",
        type: BINAUTHZ,
        mutate: (p) => {
            p["defaultAdmissionRule"] = { evaluationMode: "ALWAYS_ALLOW", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" };
        },
        message: "defaultAdmissionRule.evaluationMode is ALWAYS_ALLOW, which admits every image",
    },
    {
        policy: "gcp-gke-cluster-require-binary-authorization",
        what: "a project policy in dry run",
        type: BINAUTHZ,
        mutate: (p) => {
            p["defaultAdmissionRule"] = { evaluationMode: "ALWAYS_DENY", enforcementMode: "DRYRUN_AUDIT_LOG_ONLY" };
        },
        message: "defaultAdmissionRule.enforcementMode is DRYRUN_AUDIT_LOG_ONLY, so violations are only logged",
    },
    {
        policy: "gcp-gke-cluster-require-security-posture",
        what: "security posture off",
        type: CLUSTER,
        mutate: (p) => {
            p["securityPostureConfig"] = { mode: "DISABLED" };
        },
        message: "securityPostureConfig.mode is DISABLED",
    },
    {
        policy: "gcp-gke-cluster-require-binary-authorization",
        what: "a project policy whose default rule has no evaluation mode",
        type: BINAUTHZ,
        mutate: (p) => {
            delete obj(p, "defaultAdmissionRule")["evaluationMode"];
        },
        message: "defaultAdmissionRule.evaluationMode is unset, which blocks nothing",
    },
    {
        policy: "gcp-gke-cluster-require-intranode-visibility",
        what: "intranode visibility off",
        type: CLUSTER,
        mutate: (p) => {
            p["enableIntranodeVisibility"] = false;
        },
        message:
            "enableIntranodeVisibility is false, so traffic between pods of one node appears in no flow log; set enableIntranodeVisibility true",
    },
    {
        policy: "gcp-gke-cluster-require-intranode-visibility",
        what: "intranode visibility unset (GKE's default: off)",
        type: CLUSTER,
        mutate: (p) => {
            delete p["enableIntranodeVisibility"];
        },
        message: "enableIntranodeVisibility is unset (off)",
    },
    {
        policy: "gcp-compute-firewall-deny-internet-admin-ports",
        what: "the control plane's kubelet rule opened to the internet",
        type: FIREWALL,
        nameSuffix: "-master-to-nodes",
        mutate: (p) => {
            p["sourceRanges"] = ["0.0.0.0/0"];
        },
        message: "allows[0] admits 0.0.0.0/0 to tcp 10250 (kubelet API); list in sourceRanges only the private ranges",
    },
    {
        policy: "gcp-compute-firewall-deny-internet-admin-ports",
        what: "the control plane's kubelet rule with its source removed (GCP then uses 0.0.0.0/0)",
        type: FIREWALL,
        nameSuffix: "-master-to-nodes",
        mutate: (p) => {
            delete p["sourceRanges"];
        },
        message: "allows[0] admits 0.0.0.0/0 (no sourceRanges, sourceTags or sourceServiceAccounts: the API's default source) to tcp 10250",
    },
    {
        policy: "gcp-compute-firewall-deny-internet-admin-ports",
        what: "the deny-all rule turned into an allow-all",
        type: FIREWALL,
        nameSuffix: "-deny-all-ingress",
        mutate: (p) => {
            p["allows"] = p["denies"];
            delete p["denies"];
        },
        message: 'allows[0] admits 0.0.0.0/0 to every protocol and port (protocol "all")',
    },
    {
        policy: "gcp-logging-bucket-require-retention",
        what: "a week of retention",
        type: BUCKET,
        mutate: (p) => {
            p["retentionDays"] = 7;
        },
        message: "log bucket _Default has retentionDays 7; set retentionDays to at least 365 for this environment",
    },
    {
        policy: "gcp-logging-bucket-require-retention",
        what: "retention unset (Cloud Logging's 30 days)",
        type: BUCKET,
        mutate: (p) => {
            delete p["retentionDays"];
        },
        message: "has retentionDays unset (Cloud Logging keeps 30 days); set retentionDays to at least 365",
    },
    {
        policy: "gcp-logging-bucket-require-retention",
        what: "the _Default bucket no longer managed by the stack",
        type: BUCKET,
        remove: true,
        message:
            'does not manage its project\'s _Default log bucket, where its Data Access audit, control-plane and flow logs land and which keeps them 30 days unless told otherwise; add a gcp.logging.ProjectBucketConfig for bucketId "_Default" with retentionDays at least 365',
    },
    {
        policy: "gcp-iam-auditconfig-require-data-access",
        what: "only admin reads recorded",
        type: AUDIT,
        mutate: (p) => {
            p["auditLogConfigs"] = [{ logType: "ADMIN_READ" }];
        },
        message: "enable [ADMIN_READ], missing DATA_READ, DATA_WRITE; add them to auditLogConfigs",
    },
    {
        policy: "gcp-iam-auditconfig-require-data-access",
        what: "a principal exempted from the Kubernetes API's read logs",
        type: AUDIT,
        mutate: (p) => {
            p["auditLogConfigs"] = [
                { logType: "ADMIN_READ" },
                { logType: "DATA_READ", exemptedMembers: ["group:gke-platform-admins@example.com"] },
                { logType: "DATA_WRITE" },
            ];
        },
        message:
            "exempts group:gke-platform-admins@example.com from DATA_READ audit logs, so what they read and change in the cluster is not recorded; remove exemptedMembers",
    },
    {
        policy: "gcp-iam-auditconfig-require-data-access",
        what: "the Data Access audit config removed",
        type: AUDIT,
        remove: true,
        message: "no Data Access audit config for container.googleapis.com (or allServices)",
    },
    {
        policy: "gcp-iam-grant-deny-admin-roles",
        what: "Owner for the node service account",
        type: MEMBER,
        nameSuffix: "-node-identity-logging-logwriter",
        mutate: (p) => {
            p["role"] = "roles/owner";
        },
        message:
            "role grants roles/owner to serviceAccount:platform-prod-nodes@mock-project.iam.gserviceaccount.com on the project: a basic role, which holds nearly every permission of every service",
    },
    {
        policy: "gcp-iam-grant-deny-admin-roles",
        what: "Editor for a tenant's group",
        type: MEMBER,
        nameSuffix: "-access-gke-team-payments-example-com",
        mutate: (p) => {
            p["role"] = "roles/editor";
        },
        message: "role grants roles/editor to group:gke-team-payments@example.com on the project",
    },
    {
        policy: "gcp-iam-grant-deny-admin-roles",
        what: "project-wide service account impersonation for the developers",
        type: MEMBER,
        nameSuffix: "-access-gke-platform-developers-example-com",
        mutate: (p) => {
            p["role"] = "roles/iam.serviceAccountTokenCreator";
        },
        message: "it can act as every service account below this level (the node account included)",
    },
    {
        policy: "gcp-iam-grant-deny-admin-roles",
        what: "a grant to allUsers",
        type: MEMBER,
        nameSuffix: "-access-gke-platform-viewers-example-com",
        mutate: (p) => {
            p["member"] = "allUsers";
        },
        message:
            "role grants roles/container.clusterViewer to allUsers on the project, that is to anyone (with any Google account); name the principals",
    },
    {
        policy: "gcp-gke-nodeaccount-restrict-roles",
        what: "a role nodes do not need for the node service account",
        type: MEMBER,
        nameSuffix: "-node-identity-monitoring-viewer",
        mutate: (p) => {
            p["role"] = "roles/storage.objectAdmin";
        },
        message:
            "grants roles/storage.objectAdmin on the project to the node service account (serviceAccount:platform-prod-nodes@mock-project.iam.gserviceaccount.com); nodes hold only roles/container.defaultNodeServiceAccount",
    },
    {
        policy: "gcp-gke-access-restrict-cluster-admin",
        what: "container.admin for a tenant's group",
        type: MEMBER,
        nameSuffix: "-access-gke-team-payments-example-com",
        mutate: (p) => {
            p["role"] = "roles/container.admin";
        },
        message:
            "role grants roles/container.admin on the project to group:gke-team-payments@example.com: cluster-admin on every cluster of the project; only the platform admins (group:gke-platform-admins@example.com) may hold it",
    },
    {
        policy: "gcp-gke-access-restrict-cluster-admin",
        what: "container.developer project-wide for the developers",
        type: MEMBER,
        nameSuffix: "-access-gke-platform-developers-example-com",
        mutate: (p) => {
            p["role"] = "roles/container.developer";
        },
        message: "write access to every namespace of every cluster, Secrets included",
    },
    {
        policy: "gcp-gke-access-restrict-cluster-admin",
        what: "container.clusterAdmin for the developers",
        type: MEMBER,
        nameSuffix: "-access-gke-platform-developers-example-com",
        mutate: (p) => {
            p["role"] = "roles/container.clusterAdmin";
        },
        message: "grants roles/container.clusterAdmin on the project to group:gke-platform-developers@example.com",
    },
    {
        policy: "gcp-gke-pool-require-cmek-boot-disk",
        what: "a pool without the disks key",
        type: POOL,
        mutate: (p) => {
            delete obj(p, "nodeConfig")["bootDiskKmsKey"];
        },
        message: "nodeConfig.bootDiskKmsKey is not set, so boot disks use only Google's default key",
    },
    {
        policy: "gcp-gke-pool-require-cmek-boot-disk",
        what: "a pool with an empty disks key",
        type: POOL,
        mutate: (p) => {
            obj(p, "nodeConfig")["bootDiskKmsKey"] = "";
        },
        message: "nodeConfig.bootDiskKmsKey is not set",
    },
    {
        policy: "gcp-gke-pool-require-metadata-server",
        what: "a pool asking for the legacy metadata endpoints",
        type: POOL,
        mutate: (p) => {
            path(p, "nodeConfig.metadata")["disable-legacy-endpoints"] = "false";
        },
        message: 'nodeConfig.metadata["disable-legacy-endpoints"] is "false", which asks for the legacy metadata endpoints',
    },
    {
        policy: "gcp-gke-cluster-deny-alpha-features",
        what: "an alpha cluster",
        type: CLUSTER,
        mutate: (p) => {
            p["enableKubernetesAlpha"] = true;
        },
        message: "enableKubernetesAlpha is true: an alpha cluster is never upgraded or repaired and is deleted after 30 days",
    },
    {
        policy: "gcp-gke-pool-deny-kubelet-readonly-port",
        what: "a pool serving the read-only port",
        type: POOL,
        nameSuffix: "-general",
        mutate: (p) => {
            path(p, "nodeConfig.kubeletConfig")["insecureKubeletReadonlyPortEnabled"] = "TRUE";
        },
        message:
            'nodeConfig.kubeletConfig.insecureKubeletReadonlyPortEnabled is "TRUE", so every pod can read the node\'s pod specs without credentials on port 10255; set kubeletConfig { insecureKubeletReadonlyPortEnabled: "FALSE" }',
    },
    {
        policy: "gcp-gke-pool-deny-kubelet-readonly-port",
        what: "a pool that leaves the read-only port to GKE's default",
        type: POOL,
        mutate: (p) => {
            delete obj(p, "nodeConfig")["kubeletConfig"];
        },
        message:
            "nodeConfig.kubeletConfig.insecureKubeletReadonlyPortEnabled is unset (GKE's version default, which serves the port on older versions)",
    },
    {
        policy: "gcp-gke-pool-deny-kubelet-readonly-port",
        what: "a cluster whose default for new pools serves the read-only port",
        type: CLUSTER,
        mutate: (p) => {
            path(p, "nodePoolDefaults.nodeConfigDefaults")["insecureKubeletReadonlyPortEnabled"] = "TRUE";
        },
        message:
            'nodePoolDefaults.nodeConfigDefaults.insecureKubeletReadonlyPortEnabled is "TRUE", so node pools created without their own kubeletConfig serve the unauthenticated port 10255',
    },
    {
        policy: "gcp-gke-pool-deny-kubelet-readonly-port",
        what: "a cluster without a default for new pools",
        type: CLUSTER,
        mutate: (p) => {
            delete p["nodePoolDefaults"];
        },
        message: "nodePoolDefaults.nodeConfigDefaults.insecureKubeletReadonlyPortEnabled is unset",
    },
    {
        policy: "gcp-binaryauthorization-policy-require-attestor",
        what: "a registry allow-list with ALWAYS_DENY (where images come from, not who signed them)",
        type: BINAUTHZ,
        mutate: (p) => {
            p["defaultAdmissionRule"] = { evaluationMode: "ALWAYS_DENY", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" };
        },
        message: "defaultAdmissionRule.evaluationMode is ALWAYS_DENY, so no signature is checked; set evaluationMode REQUIRE_ATTESTATION",
    },
    {
        policy: "gcp-binaryauthorization-policy-require-attestor",
        what: "REQUIRE_ATTESTATION with no attestor",
        type: BINAUTHZ,
        mutate: (p) => {
            delete (p["defaultAdmissionRule"] as Props)["requireAttestationsBies"];
        },
        message: "defaultAdmissionRule.requireAttestationsBies is empty, so no attestor verifies a signature",
    },
    {
        policy: "gcp-binaryauthorization-policy-require-attestor",
        what: "attestations in dry run in prod",
        type: BINAUTHZ,
        mutate: (p) => {
            (p["defaultAdmissionRule"] as Props)["enforcementMode"] = "DRYRUN_AUDIT_LOG_ONLY";
        },
        message: "defaultAdmissionRule.enforcementMode is DRYRUN_AUDIT_LOG_ONLY, so unattested images still run",
    },
    {
        policy: "gcp-binaryauthorization-policy-require-attestor",
        what: "an allow-list pattern, which skips the attestation",
        type: BINAUTHZ,
        mutate: (p) => {
            p["admissionWhitelistPatterns"] = [{ namePattern: "europe-west1-docker.pkg.dev/acme-platform-prod/**" }];
        },
        message:
            'admissionWhitelistPatterns[0].namePattern "europe-west1-docker.pkg.dev/acme-platform-prod/**" admits matching images without an attestation',
    },
    {
        policy: "gcp-gke-cluster-require-maintenance-window",
        what: "no maintenance policy",
        type: CLUSTER,
        mutate: (p) => {
            delete p["maintenancePolicy"];
        },
        message: "maintenancePolicy is unset, so GKE may upgrade the control plane and nodes at any time",
    },
    {
        policy: "gcp-gke-cluster-require-maintenance-window",
        what: "a recurring window without its recurrence",
        type: CLUSTER,
        mutate: (p) => {
            p["maintenancePolicy"] = { recurringWindow: { startTime: "2024-01-01T22:00:00Z", endTime: "2024-01-02T10:00:00Z" } };
        },
        message: "maintenancePolicy has no complete window",
    },
    {
        policy: "gcp-gke-cluster-require-deletion-protection",
        what: "deletion protection off in prod",
        type: CLUSTER,
        mutate: (p) => {
            p["deletionProtection"] = false;
        },
        message: "deletionProtection is false, so a destroy, or a change that replaces the cluster, deletes it",
    },
    {
        policy: "gcp-gke-cluster-require-intransit-encryption",
        what: "in-transit encryption off in prod",
        type: CLUSTER,
        mutate: (p) => {
            p["inTransitEncryptionConfig"] = "IN_TRANSIT_ENCRYPTION_DISABLED";
        },
        message: "inTransitEncryptionConfig is IN_TRANSIT_ENCRYPTION_DISABLED, so pod traffic between nodes is not encrypted",
    },
    {
        policy: "gcp-gke-cluster-require-intransit-encryption",
        what: "in-transit encryption unset",
        type: CLUSTER,
        mutate: (p) => {
            delete p["inTransitEncryptionConfig"];
        },
        message: "inTransitEncryptionConfig is unset",
    },
    {
        policy: "gcp-artifactregistry-repository-require-vulnerability-scanning",
        what: "a repository that opts out of scanning",
        type: REPOSITORY,
        mutate: (p) => {
            p["vulnerabilityScanningConfig"] = { enablementConfig: "DISABLED" };
        },
        message: "sets vulnerabilityScanningConfig.enablementConfig DISABLED, so pushed images are never scanned",
    },
    {
        policy: "gcp-artifactregistry-repository-require-vulnerability-scanning",
        what: "the Container Scanning API not enabled by the stack",
        type: "gcp:projects/service:Service",
        nameSuffix: "-containerscanning",
        remove: true,
        message: "does not enable containerscanning.googleapis.com, so Artifact Analysis scans none of their images",
    },
    {
        policy: "gcp-artifactregistry-repository-require-cmek",
        what: "a repository on Google's default key",
        type: REPOSITORY,
        mutate: (p) => {
            delete p["kmsKeyName"];
        },
        message: "has no kmsKeyName, so its images are encrypted only with Google's default key",
    },
    {
        policy: "gcp-artifactregistry-repository-require-cmek",
        what: "a remote repository (registry.mirror) on Google's default key",
        type: REPOSITORY,
        nameSuffix: "-mirror-ghcr",
        mutate: (p) => {
            delete p["kmsKeyName"];
        },
        message: "repository platform-prod-ghcr has no kmsKeyName",
    },
    {
        policy: "gcp-artifactregistry-repository-require-vulnerability-scanning",
        what: "a remote repository that opts out of scanning",
        type: REPOSITORY,
        nameSuffix: "-mirror-dockerhub",
        mutate: (p) => {
            p["vulnerabilityScanningConfig"] = { enablementConfig: "DISABLED" };
        },
        message: "-mirror-dockerhub sets vulnerabilityScanningConfig.enablementConfig DISABLED",
    },
    {
        policy: "gcp-iam-grant-restrict-secret-access",
        what: "a tenant's secretAccessor without its condition",
        type: MEMBER,
        nameSuffix: "-tenant-secrets-payments",
        mutate: (p) => {
            delete p["condition"];
        },
        message:
            "role grants roles/secretmanager.secretAccessor on the project without a condition, so its members read every secret below the project, every tenant's included",
    },
    {
        policy: "gcp-iam-grant-restrict-secret-access",
        what: "a condition on time only, not on the secret name",
        type: MEMBER,
        nameSuffix: "-tenant-secrets-payments",
        mutate: (p) => {
            p["condition"] = { title: "until-2030", expression: 'request.time < timestamp("2030-01-01T00:00:00Z")' };
        },
        message: "which does not keep it to one secret name prefix, so its members may read other tenants' secrets",
    },
    {
        policy: "gcp-iam-grant-restrict-secret-access",
        what: "a prefix condition widened with ||",
        type: MEMBER,
        nameSuffix: "-tenant-secrets-payments",
        mutate: (p) => {
            const c = p["condition"] as Props;
            c["expression"] = `${String(c["expression"])} || resource.name.startsWith("projects/123456789012/secrets/")`;
        },
        message: "which does not keep it to one secret name prefix",
    },
    {
        policy: "gcp-iam-grant-restrict-secret-access",
        what: "every namespace's workloads (a pool-wide principal set) as the member",
        type: MEMBER,
        nameSuffix: "-tenant-secrets-payments",
        mutate: (p) => {
            p["member"] =
                "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-platform-prod.svc.id.goog/*";
        },
        message: "which covers the workloads of every namespace, so one tenant's pods read what another tenant's may",
    },
    {
        policy: "gcp-artifactregistry-repository-require-immutable-tags",
        what: "movable tags in prod",
        type: REPOSITORY,
        mutate: (p) => {
            p["dockerConfig"] = { immutableTags: false };
        },
        message: "has dockerConfig.immutableTags false, so a pushed tag can be moved to another image",
    },
    {
        policy: "gcp-artifactregistry-repository-require-immutable-tags",
        what: "no dockerConfig",
        type: REPOSITORY,
        mutate: (p) => {
            delete p["dockerConfig"];
        },
        message: "has dockerConfig.immutableTags unset",
    },
    {
        policy: "gcp-binaryauthorization-policy-restrict-allowlist",
        what: "Docker Hub on the allow-list",
        type: BINAUTHZ,
        mutate: (p) => {
            p["admissionWhitelistPatterns"] = [{ namePattern: "docker.io/**" }];
        },
        message:
            'admissionWhitelistPatterns[0].namePattern "docker.io/**" admits images from outside the trusted registries without any check',
    },
    {
        policy: "gcp-binaryauthorization-policy-restrict-allowlist",
        what: "a trusted prefix stretched by a wildcard without its closing slash",
        type: BINAUTHZ,
        mutate: (p) => {
            p["admissionWhitelistPatterns"] = [{ namePattern: "europe-west1-docker.pkg.dev/acme-platform-prod*" }];
        },
        message: 'namePattern "europe-west1-docker.pkg.dev/acme-platform-prod*" admits images from outside the trusted registries',
    },
    {
        policy: "gcp-gke-cluster-deny-insecure-rbac-bindings",
        what: "bindings to system:authenticated allowed",
        type: CLUSTER,
        mutate: (p) => {
            obj(p, "rbacBindingConfig")["enableInsecureBindingSystemAuthenticated"] = true;
        },
        message:
            "rbacBindingConfig.enableInsecureBindingSystemAuthenticated is true, so a RoleBinding can grant system:authenticated (on GKE, anyone with a Google account) any role",
    },
    {
        policy: "gcp-gke-cluster-deny-insecure-rbac-bindings",
        what: "the system:unauthenticated switch left to GKE's default",
        type: CLUSTER,
        mutate: (p) => {
            delete obj(p, "rbacBindingConfig")["enableInsecureBindingSystemUnauthenticated"];
        },
        message: "rbacBindingConfig.enableInsecureBindingSystemUnauthenticated is unset (GKE then accepts such bindings)",
    },
];

describe.each(GCP_POLICIES.map((p) => p.name))("%s", (name) => {
    test("passes on the shipped gcp-prod blueprint", async () => {
        const outcomes = await evaluatePolicy(policy(name), blueprint, CONFIG);
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, name).length).toBeGreaterThan(0);
    });

    const cases = CASES.filter((c) => c.policy === name);
    test("has at least one insecure variant below", () => expect(cases.length).toBeGreaterThan(0));
    test.each(cases.map((c) => [c.what, c] as const))("fails on %s", async (_what, c) => {
        const edited = c.remove ? without(blueprint, c.type, c.nameSuffix) : variant(c.type, c.mutate ?? (() => undefined), c.nameSuffix);
        const outcomes = await evaluatePolicy(policy(name), edited, CONFIG);
        const found = violations(outcomes, name);
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain(c.message);
        expect(found[0].message).toMatch(/^\[HC-[A-Z]+-\d{2}\] /);
        expect(found[0].enforcementLevel).toBe("mandatory");
    });
});

test("a cluster with only the IAM-authorized DNS endpoint passes the private-endpoint policy", async () => {
    const dnsOnly = variant(CLUSTER, (p) => {
        obj(p, "privateClusterConfig")["enablePrivateEndpoint"] = false;
        delete p["masterAuthorizedNetworksConfig"];
        p["controlPlaneEndpointsConfig"] = { ipEndpointsConfig: { enabled: false }, dnsEndpointConfig: { allowExternalTraffic: true } };
    });
    const outcomes = await evaluatePolicy(policy("gcp-gke-cluster-require-private-endpoint"), dnsOnly);
    expect(violations(outcomes)).toEqual([]);
    expect(passes(outcomes, "gcp-gke-cluster-require-private-endpoint")).toHaveLength(1);
});

describe("the DNS-based endpoint", () => {
    test("the blueprint's cluster admits external traffic on it and passes (IAM guards it)", async () => {
        const cluster = blueprint.find((r) => r.type === CLUSTER);
        expect(at(inputsOf(cluster!), "controlPlaneEndpointsConfig.dnsEndpointConfig.allowExternalTraffic")).toBe(true);
        const outcomes = await evaluatePolicy(policy("gcp-gke-cluster-require-private-endpoint"), blueprint);
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, "gcp-gke-cluster-require-private-endpoint")).toHaveLength(1);
    });

    test("with the Kubernetes credential switches unset (GKE's default: off) it still passes", async () => {
        const unset = variant(CLUSTER, (p) => {
            const dns = obj(obj(p, "controlPlaneEndpointsConfig"), "dnsEndpointConfig");
            delete dns["enableK8sTokensViaDns"];
            delete dns["enableK8sCertsViaDns"];
        });
        expect(violations(await evaluatePolicy(policy("gcp-gke-cluster-require-private-endpoint"), unset))).toEqual([]);
    });

    test("closed to external traffic, Kubernetes tokens on it are not judged (only Google services reach it)", async () => {
        const internal = variant(CLUSTER, (p) => {
            const dns = obj(obj(p, "controlPlaneEndpointsConfig"), "dnsEndpointConfig");
            dns["allowExternalTraffic"] = false;
            dns["enableK8sTokensViaDns"] = true;
        });
        expect(violations(await evaluatePolicy(policy("gcp-gke-cluster-require-private-endpoint"), internal))).toEqual([]);
    });
});

describe("scope of the pool policies on clusters", () => {
    test("a removed default pool is not judged on image or metadata, but is on its service account", async () => {
        const insecureDefaultPool = variant(CLUSTER, (p) => {
            p["nodeConfig"] = { imageType: "UBUNTU_CONTAINERD" };
        });
        for (const name of [
            "gcp-gke-pool-require-cos-image",
            "gcp-gke-pool-require-metadata-server",
            "gcp-gke-pool-require-shielded-nodes",
        ]) {
            expect(violations(await evaluatePolicy(policy(name), insecureDefaultPool))).toEqual([]);
        }
        expect(violations(await evaluatePolicy(policy("gcp-gke-pool-deny-default-service-account"), insecureDefaultPool))).toHaveLength(1);
    });

    test("Autopilot clusters are not judged by pool policies", async () => {
        const autopilot = variant(CLUSTER, (p) => {
            p["enableAutopilot"] = true;
            delete p["nodeConfig"];
        });
        const outcomes = await evaluatePolicy(policy("gcp-gke-pool-deny-default-service-account"), autopilot);
        expect(outcomes.filter((o) => o.urn?.includes("container/cluster:Cluster"))).toEqual([]);
    });

    test("special-purpose subnets are not judged on flow logs", async () => {
        const proxyOnly = variant(SUBNET, (p) => {
            p["purpose"] = "REGIONAL_MANAGED_PROXY";
            delete p["logConfig"];
            p["privateIpGoogleAccess"] = false;
        });
        expect(await evaluatePolicy(policy("gcp-compute-subnetwork-require-flow-logs"), proxyOnly)).toEqual([]);
        expect(await evaluatePolicy(policy("gcp-compute-subnetwork-require-private-google-access"), proxyOnly)).toEqual([]);
    });

    test("asymmetric keys are not judged on rotation", async () => {
        const signing = variant(
            KEY,
            (p) => {
                p["purpose"] = "ASYMMETRIC_SIGN";
                delete p["rotationPeriod"];
            },
            "-secrets",
        );
        const outcomes = await evaluatePolicy(policy("gcp-kms-cryptokey-require-rotation"), signing);
        expect(violations(outcomes)).toEqual([]);
        // The shipped attestation key is asymmetric too: neither is judged.
        expect(outcomes.filter((o) => o.status === "pass").map((o) => o.urn?.split("::").pop())).toEqual([
            "platform-prod-keys-disks",
            "platform-prod-keys-registry",
        ]);
    });
});

test("unknown values are reported as not evaluated, never passed", async () => {
    const { resources } = await runStack("gcp-prod", {}, { preview: true });
    const outcomes = await evaluatePolicy(policy("gcp-gke-cluster-require-database-encryption"), resources);
    expect(outcomes.map((o) => o.status)).toEqual(["not-evaluated"]);
});

test("every GCP policy named in the control catalogue is implemented, and nothing else", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CONTROLS } = require("../../policypacks/controls") as typeof import("../../policypacks/controls");
    const catalogue = CONTROLS.flatMap((c) => c.policies).filter((p) => p.startsWith("gcp-"));
    expect(GCP_POLICIES.map((p) => p.name).sort()).toEqual([...catalogue].sort());
});

test("bare resources (every optional setting missing) are reported, never crash a policy", async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const gcp = require("@pulumi/gcp") as typeof import("@pulumi/gcp");
    const { resources } = await runProgram(() => {
        new gcp.container.Cluster("bare", {});
        new gcp.container.NodePool("bare", { cluster: "bare" });
        new gcp.compute.Subnetwork("bare", { network: "n", ipCidrRange: "10.0.0.0/24" });
        new gcp.kms.CryptoKey("bare", { keyRing: "r" });
        new gcp.binaryauthorization.Policy("bare", {
            defaultAdmissionRule: { evaluationMode: "ALWAYS_ALLOW", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
        });
        // Only the required inputs: no source (GCP reads 0.0.0.0/0) and no port list (every port).
        new gcp.compute.Firewall("bare", { network: "n", allows: [{ protocol: "tcp" }] });
        new gcp.projects.IAMMember("bare-owner", { project: "p", role: "roles/owner", member: "user:someone@example.com" });
        new gcp.projects.IAMMember("bare-admin", { project: "p", role: "roles/container.admin", member: "user:someone@example.com" });
        // A secret reader with no condition.
        new gcp.projects.IAMMember("bare-secrets", {
            project: "p",
            role: "roles/secretmanager.secretAccessor",
            member: "user:someone@example.com",
        });
        // No key, no tag setting, and no Container Scanning API in the stack.
        new gcp.artifactregistry.Repository("bare", { format: "DOCKER", repositoryId: "bare" });
    });
    const outcomes = [];
    for (const p of GCP_POLICIES) outcomes.push(...(await evaluatePolicy(p, resources)));
    const failing = new Set(violations(outcomes).map((o) => o.policy));
    // Unset is GKE's safe default for these: no client certificate, no legacy ABAC, no alpha cluster, deletion protection on; a
    // bare Binary Authorization policy allow-lists nothing; bare node pools name no node account to judge.
    const passingOnDefaults = [
        "gcp-gke-cluster-deny-client-certificate",
        "gcp-gke-cluster-deny-legacy-abac",
        "gcp-gke-cluster-deny-alpha-features",
        "gcp-binaryauthorization-policy-restrict-allowlist",
        "gcp-gke-nodeaccount-restrict-roles",
        "gcp-gke-cluster-require-deletion-protection",
    ];
    expect([...failing].sort()).toEqual(
        GCP_POLICIES.map((p) => p.name)
            .filter((n) => !passingOnDefaults.includes(n))
            .sort(),
    );
    expect(outcomes.filter((o) => o.status === "not-evaluated")).toEqual([]);
});

describe("remote repositories (registry.mirror) and immutable tags", () => {
    const IMMUTABLE = "gcp-artifactregistry-repository-require-immutable-tags";

    test("the shipped prod stack has remote repositories without dockerConfig, and the policy does not judge them", async () => {
        const remotes = blueprint.filter((r) => r.type === REPOSITORY && r.props["mode"] === "REMOTE_REPOSITORY");
        expect(remotes.length).toBeGreaterThan(0);
        for (const r of nonEmpty(remotes)) expect(r.props["dockerConfig"]).toBeUndefined();
        const outcomes = await evaluatePolicy(policy(IMMUTABLE), blueprint, CONFIG);
        expect(violations(outcomes)).toEqual([]);
        // Only the standard repository is judged (and passes).
        expect(passes(outcomes, IMMUTABLE)).toHaveLength(1);
    });

    test("a standard repository named so explicitly is still judged", async () => {
        const edited = variant(REPOSITORY, (p) => {
            p["mode"] = "STANDARD_REPOSITORY";
            p["dockerConfig"] = { immutableTags: false };
        });
        const found = violations(await evaluatePolicy(policy(IMMUTABLE), edited, CONFIG), IMMUTABLE);
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain("has dockerConfig.immutableTags false");
    });
});
