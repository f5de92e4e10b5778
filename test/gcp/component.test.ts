import { rawConfigFrom } from "../../config/load";
import { GcpConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import * as gcp from "@pulumi/gcp";
import { DNS_ENDPOINT_PERMISSION, ROLES_WITH_CLUSTER_CONNECT } from "../../components/gcp/access-plan";
import { GkeHardenedCluster } from "../../components/gcp";
import { gcpProviderArgs } from "../../components/gcp/provider-args";
import { SIGNER_ROLES } from "../../components/gcp/binary-authorization-plan";
import { ENCRYPTER_DECRYPTER_ROLE, KEY_ROTATION_PERIOD } from "../../components/gcp/key-plan";
import { NODE_ROLES } from "../../components/gcp/node-identity-plan";
import { runtimeAlertsQuery } from "../../components/gcp/runtime-alerts-plan";
import { REQUIRED_SERVICES } from "../../components/gcp/services";
import { POOL_LABEL } from "../../core/labels";
import { MOCK_IDENTITY } from "../../tools/mock/answers";
import { readStackConfig } from "../../tools/mock/stack-files";
import { at, CapturedResource, inputsOf, isSecretOutput, ofType, runProgram, runStack, RunResult, single, valueOf } from "../harness";
import { nonEmpty } from "../harness/non-empty";

const T = {
    provider: "pulumi:providers:gcp",
    service: "gcp:projects/service:Service",
    serviceIdentity: "gcp:projects/serviceIdentity:ServiceIdentity",
    network: "gcp:compute/network:Network",
    subnet: "gcp:compute/subnetwork:Subnetwork",
    router: "gcp:compute/router:Router",
    nat: "gcp:compute/routerNat:RouterNat",
    firewall: "gcp:compute/firewall:Firewall",
    keyRing: "gcp:kms/keyRing:KeyRing",
    key: "gcp:kms/cryptoKey:CryptoKey",
    keyMember: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
    account: "gcp:serviceaccount/account:Account",
    projectMember: "gcp:projects/iAMMember:IAMMember",
    audit: "gcp:projects/iAMAuditConfig:IAMAuditConfig",
    binauthz: "gcp:binaryauthorization/policy:Policy",
    attestor: "gcp:binaryauthorization/attestor:Attestor",
    attestorMember: "gcp:binaryauthorization/attestorIamMember:AttestorIamMember",
    note: "gcp:containeranalysis/note:Note",
    repository: "gcp:artifactregistry/repository:Repository",
    noteMember: "gcp:containeranalysis/noteIamMember:NoteIamMember",
    logBucket: "gcp:logging/projectBucketConfig:ProjectBucketConfig",
    cluster: "gcp:container/cluster:Cluster",
    pool: "gcp:container/nodePool:NodePool",
} as const;

const PROJECT_NUMBER = MOCK_IDENTITY.gcpProjectNumber;

function named(resources: readonly CapturedResource[], type: string, suffix: string): CapturedResource {
    const found = ofType(resources, type).filter((r) => r.name.endsWith(suffix));
    if (found.length !== 1) throw new Error(`expected one ${type} named *${suffix}, found ${found.map((r) => r.name).join(", ")}`);
    return found[0];
}

function configOf(stack: string, overrides: Record<string, unknown> = {}): GcpConfig {
    const flat = readStackConfig(stack);
    for (const [k, v] of Object.entries(overrides)) flat[k] = JSON.stringify(v);
    const config = validateStackConfig(rawConfigFrom(flat));
    if (config.cloud !== "gcp") throw new Error("not a gcp stack");
    return config;
}

let dev: RunResult<Record<string, unknown>>;
let prod: RunResult<Record<string, unknown>>;

beforeAll(async () => {
    dev = await runStack("gcp-dev");
    prod = await runStack("gcp-prod");
});

describe("provider and project services", () => {
    test("one explicit gcp provider pinned to the stack's project and region carries every Google Cloud resource", () => {
        const provider = single(dev.resources, T.provider);
        expect(inputsOf(provider)).toMatchObject({ project: "acme-platform-dev", region: "europe-west1" });
        const gcpResources = dev.resources.filter((r) => r.custom && r.type.startsWith("gcp:"));
        expect(gcpResources.length).toBeGreaterThan(30);
        for (const r of nonEmpty(gcpResources))
            expect({ name: r.name, onProvider: r.provider?.startsWith(`${provider.urn}::`) }).toEqual({ name: r.name, onProvider: true });
    });

    test("every required API is enabled and left on when the stack is destroyed", () => {
        const services = ofType(dev.resources, T.service).map(inputsOf);
        expect(services.map((s) => s["service"]).sort()).toEqual([...REQUIRED_SERVICES].sort());
        for (const s of nonEmpty(services)) expect(s).toMatchObject({ project: "acme-platform-dev", disableOnDestroy: false });
        expect(REQUIRED_SERVICES).toEqual(
            expect.arrayContaining([
                "container.googleapis.com",
                "cloudkms.googleapis.com",
                "logging.googleapis.com",
                "monitoring.googleapis.com",
                "binaryauthorization.googleapis.com",
                "iam.googleapis.com",
                "compute.googleapis.com",
            ]),
        );
    });

    test("everything but the services and the pools (which wait for the cluster) depends on every service", () => {
        const serviceUrns = ofType(dev.resources, T.service).map((s) => s.urn);
        const others = dev.resources.filter(
            (r) => r.custom && r.type.startsWith("gcp:") && r.type !== T.service && r.type !== T.serviceIdentity && r.type !== T.pool,
        );
        for (const r of nonEmpty(others))
            expect({ name: r.name, deps: r.dependencies }).toEqual({ name: r.name, deps: expect.arrayContaining(serviceUrns) });
        const cluster = single(dev.resources, T.cluster);
        for (const pool of nonEmpty(ofType(dev.resources, T.pool))) expect(pool.dependencies).toContain(cluster.urn);
    });
});

describe("network", () => {
    test("custom-mode VPC and a node subnet with pod and service secondary ranges, Private Google Access and flow logs", () => {
        expect(inputsOf(single(dev.resources, T.network))).toMatchObject({ name: "platform-dev-vpc", autoCreateSubnetworks: false });
        expect(inputsOf(single(dev.resources, T.subnet))).toMatchObject({
            region: "europe-west1",
            ipCidrRange: "10.60.0.0/20",
            secondaryIpRanges: [
                { rangeName: "platform-dev-pods", ipCidrRange: "10.64.0.0/14" },
                { rangeName: "platform-dev-services", ipCidrRange: "10.68.0.0/20" },
            ],
            privateIpGoogleAccess: true,
            logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" },
        });
    });

    test("Cloud Router and Cloud NAT give the private nodes egress, logging errors", () => {
        const router = single(dev.resources, T.router);
        const nat = inputsOf(single(dev.resources, T.nat));
        expect(nat).toMatchObject({
            region: "europe-west1",
            natIpAllocateOption: "AUTO_ONLY",
            sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
            logConfig: { enable: true, filter: "ERRORS_ONLY" },
        });
        expect(nat["router"]).toBe(inputsOf(router)["name"]);
        expect(at(nat, "subnetworks[0].name")).toBe("projects/mock-project/regions/europe-west1/subnetworks/platform-dev-nodes");
    });

    test("firewall: control plane to kubelets and webhooks only from the master /28 to the node account, then a logged deny-all", () => {
        const rules = ofType(dev.resources, T.firewall).map(inputsOf);
        expect(rules).toHaveLength(2);
        for (const r of nonEmpty(rules)) expect(typeof r["description"]).toBe("string");
        const master = inputsOf(named(dev.resources, T.firewall, "master-to-nodes"));
        expect(master).toMatchObject({
            direction: "INGRESS",
            sourceRanges: ["172.16.0.0/28"],
            allows: [{ protocol: "tcp", ports: ["443", "10250"] }],
            targetServiceAccounts: ["platform-dev-nodes@mock-project.iam.gserviceaccount.com"],
        });
        const deny = inputsOf(named(dev.resources, T.firewall, "deny-all-ingress"));
        expect(deny).toMatchObject({ direction: "INGRESS", priority: 65534, denies: [{ protocol: "all" }], sourceRanges: ["0.0.0.0/0"] });
        expect(deny["logConfig"]).toEqual({ metadata: "INCLUDE_ALL_METADATA" });
    });
});

describe("control plane", () => {
    test("dev: zonal in <region>-b, private endpoint with master authorized networks limited to the node subnet", () => {
        const c = inputsOf(single(dev.resources, T.cluster));
        expect(c).toMatchObject({
            name: "platform-dev",
            location: "europe-west1-b",
            privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: true, masterIpv4CidrBlock: "172.16.0.0/28" },
            masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "10.60.0.0/20" }], gcpPublicCidrsAccessEnabled: false },
            releaseChannel: { channel: "REGULAR" },
            deletionProtection: false,
        });
    });

    test("prod: regional, STABLE channel, deletion protection", () => {
        const c = inputsOf(single(prod.resources, T.cluster));
        expect(c).toMatchObject({
            location: "europe-west1",
            releaseChannel: { channel: "STABLE" },
            deletionProtection: true,
            minMasterVersion: "1.35",
        });
    });

    test("authorized CIDRs open the public endpoint to exactly those CIDRs", async () => {
        const { resources } = await runStack("gcp-dev", {
            "hardened-cluster:apiAccess": { authorizedCidrs: ["203.0.113.0/24", "198.51.100.0/24"] },
        });
        const c = inputsOf(single(resources, T.cluster));
        expect(at(c, "privateClusterConfig.enablePrivateEndpoint")).toBe(false);
        expect(at(c, "privateClusterConfig.enablePrivateNodes")).toBe(true);
        expect((at(c, "masterAuthorizedNetworksConfig.cidrBlocks") as { cidrBlock: string }[]).map((b) => b.cidrBlock)).toEqual([
            "203.0.113.0/24",
            "198.51.100.0/24",
        ]);
    });

    test("hardening settings: no client certificate, no ABAC, Dataplane V2, shielded nodes, VPC-native on the planned ranges", () => {
        const c = inputsOf(single(dev.resources, T.cluster));
        expect(c).toMatchObject({
            enableLegacyAbac: false,
            enableKubernetesAlpha: false,
            masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
            removeDefaultNodePool: true,
            initialNodeCount: 1,
            networkingMode: "VPC_NATIVE",
            defaultMaxPodsPerNode: 110,
            ipAllocationPolicy: { clusterSecondaryRangeName: "platform-dev-pods", servicesSecondaryRangeName: "platform-dev-services" },
            datapathProvider: "ADVANCED_DATAPATH",
            enableShieldedNodes: true,
            enableIntranodeVisibility: true,
            addonsConfig: { networkPolicyConfig: { disabled: true }, gcePersistentDiskCsiDriverConfig: { enabled: true } },
            rbacBindingConfig: { enableInsecureBindingSystemAuthenticated: false, enableInsecureBindingSystemUnauthenticated: false },
            network: "projects/mock-project/global/networks/platform-dev-vpc",
            subnetwork: "projects/mock-project/regions/europe-west1/subnetworks/platform-dev-nodes",
        });
    });

    test("identity: Workload Identity pool of the project, Google Groups for RBAC under the groups domain", () => {
        const c = inputsOf(single(dev.resources, T.cluster));
        expect(c["workloadIdentityConfig"]).toEqual({ workloadPool: "acme-platform-dev.svc.id.goog" });
        expect(c["authenticatorGroupsConfig"]).toEqual({ securityGroup: "gke-security-groups@example.com" });
    });

    test("audit and posture: control-plane logs, managed Prometheus, security posture, Binary Authorization enforced", () => {
        const c = inputsOf(single(dev.resources, T.cluster));
        expect(c["loggingConfig"]).toEqual({
            enableComponents: ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER", "WORKLOADS"],
        });
        expect(c["monitoringConfig"]).toEqual({ enableComponents: ["SYSTEM_COMPONENTS"], managedPrometheus: { enabled: true } });
        expect(at(c, "securityPostureConfig.mode")).toBe("BASIC");
        expect(c["binaryAuthorization"]).toEqual({ evaluationMode: "PROJECT_SINGLETON_POLICY_ENFORCE" });
    });

    test("the temporary default pool is hardened like the real ones, and never diffed after creation", () => {
        expect(single(dev.resources, T.cluster).ignoreChanges).toEqual(["nodeConfig", "initialNodeCount"]);
        const c = inputsOf(single(dev.resources, T.cluster));
        expect(c["nodeConfig"]).toMatchObject({
            serviceAccount: "platform-dev-nodes@mock-project.iam.gserviceaccount.com",
            imageType: "COS_CONTAINERD",
            shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
            workloadMetadataConfig: { mode: "GKE_METADATA" },
            kubeletConfig: { insecureKubeletReadonlyPortEnabled: "FALSE" },
        });
    });

    test("the kubelet read-only port is off on the default pool, as the cluster's default for new pools, and on every pool", () => {
        for (const run of [dev, prod]) {
            const c = inputsOf(single(run.resources, T.cluster));
            expect(at(c, "nodeConfig.kubeletConfig.insecureKubeletReadonlyPortEnabled")).toBe("FALSE");
            expect(at(c, "nodePoolDefaults.nodeConfigDefaults.insecureKubeletReadonlyPortEnabled")).toBe("FALSE");
            const pools = ofType(run.resources, T.pool);
            expect(pools.length).toBeGreaterThan(0);
            for (const pool of nonEmpty(pools)) {
                expect(at(inputsOf(pool), "nodeConfig.kubeletConfig.insecureKubeletReadonlyPortEnabled")).toBe("FALSE");
            }
        }
    });

    test("no RBAC binding to system:authenticated or system:unauthenticated can be created", () => {
        expect(inputsOf(single(prod.resources, T.cluster))["rbacBindingConfig"]).toEqual({
            enableInsecureBindingSystemAuthenticated: false,
            enableInsecureBindingSystemUnauthenticated: false,
        });
    });
});

describe("secrets encryption", () => {
    test("a rotating ENCRYPT_DECRYPT key with a 30-day destruction window encrypts Secrets", () => {
        const key = named(dev.resources, T.key, "-secrets");
        expect(inputsOf(key)).toMatchObject({
            purpose: "ENCRYPT_DECRYPT",
            rotationPeriod: KEY_ROTATION_PERIOD,
            destroyScheduledDuration: "2592000s",
        });
        expect(inputsOf(single(dev.resources, T.keyRing))).toEqual({ location: "europe-west1" });
        const keyId = `projects/mock-project/locations/europe-west1/keyRings/platform-dev-keys-ring/cryptoKeys/platform-dev-keys-secrets`;
        expect(inputsOf(single(dev.resources, T.cluster))["databaseEncryption"]).toEqual({ state: "ENCRYPTED", keyName: keyId });
    });

    test("GKE's and Artifact Registry's service agents are created explicitly, each after its API is on", () => {
        const agents = ofType(dev.resources, T.serviceIdentity);
        expect(agents.map((a) => inputsOf(a)["service"]).sort()).toEqual(["artifactregistry.googleapis.com", "container.googleapis.com"]);
        for (const agent of nonEmpty(agents)) {
            const service = inputsOf(agent)["service"] as string;
            expect(agent.dependencies).toContain(named(dev.resources, T.service, `-${service.split(".")[0]}`).urn);
        }
    });

    test("the GKE service agent holds the key before the cluster is created, and only after the agent exists", () => {
        const grant = named(dev.resources, T.keyMember, "-secrets-gke-agent");
        expect(inputsOf(grant)).toEqual({
            cryptoKeyId:
                "projects/mock-project/locations/europe-west1/keyRings/platform-dev-keys-ring/cryptoKeys/platform-dev-keys-secrets",
            role: ENCRYPTER_DECRYPTER_ROLE,
            member: `serviceAccount:service-${PROJECT_NUMBER}@container-engine-robot.iam.gserviceaccount.com`,
        });
        expect(single(dev.resources, T.cluster).dependencies).toContain(grant.urn);
        expect(grant.dependencies).toContain(named(dev.resources, T.service, "-container").urn);
        expect(grant.dependencies).toContain(named(dev.resources, T.serviceIdentity, "-container-agent").urn);
    });

    test("the disks key is held only by the Compute Engine service agent and encrypts boot disks and volumes", () => {
        const grant = named(dev.resources, T.keyMember, "-disks-compute-agent");
        expect(inputsOf(grant)["member"]).toBe(`serviceAccount:service-${PROJECT_NUMBER}@compute-system.iam.gserviceaccount.com`);
        expect(grant.dependencies).toContain(named(dev.resources, T.service, "-compute").urn);
        // Compute Engine's agent exists once the API has been used: the grant waits for the subnetwork.
        expect(grant.dependencies).toContain(single(dev.resources, T.subnet).urn);
        for (const pool of nonEmpty(ofType(dev.resources, T.pool))) expect(pool.dependencies).toContain(grant.urn);
        const members = ofType(dev.resources, T.keyMember).map((m) => inputsOf(m)["member"]);
        expect(members.filter((m) => String(m).includes("compute-system"))).toHaveLength(1);
    });

    test("keys are protected where deletion protection is on (prod), not in dev", () => {
        for (const r of [...ofType(prod.resources, T.keyRing), ...ofType(prod.resources, T.key)]) expect(r.protect).toBe(true);
        for (const r of [...ofType(dev.resources, T.keyRing), ...ofType(dev.resources, T.key)]) expect(r.protect).toBe(false);
    });
});

describe("identities and access", () => {
    test("a dedicated node service account with exactly the five node roles", () => {
        expect(inputsOf(single(dev.resources, T.account))["accountId"]).toBe("platform-dev-nodes");
        const member = "serviceAccount:platform-dev-nodes@mock-project.iam.gserviceaccount.com";
        const nodeRoles = ofType(dev.resources, T.projectMember)
            .map(inputsOf)
            .filter((m) => m["member"] === member);
        expect(nodeRoles.map((m) => m["role"]).sort()).toEqual([...NODE_ROLES].sort());
        for (const m of nonEmpty(nodeRoles)) expect(m["project"]).toBe("acme-platform-dev");
    });

    test("every group gets only container.clusterViewer on the project (RBAC does the rest)", () => {
        const groups = ofType(prod.resources, T.projectMember)
            .map(inputsOf)
            .filter((m) => String(m["member"]).startsWith("group:"));
        expect(groups.map((g) => g["member"]).sort()).toEqual(
            [
                "group:gke-platform-admins@example.com",
                "group:gke-platform-developers@example.com",
                "group:gke-platform-viewers@example.com",
                "group:gke-team-payments@example.com",
                "group:gke-team-search@example.com",
            ].sort(),
        );
        for (const g of nonEmpty(groups)) expect(g["role"]).toBe("roles/container.clusterViewer");
    });

    test("the _Default log bucket (Data Access audit, cluster and flow logs) keeps logs for the environment's retention", () => {
        expect(inputsOf(single(dev.resources, T.logBucket))).toMatchObject({ bucketId: "_Default", location: "global", retentionDays: 30 });
        expect(inputsOf(single(prod.resources, T.logBucket))).toMatchObject({ bucketId: "_Default", retentionDays: 365 });
        expect(single(prod.resources, T.cluster).dependencies).toContain(single(prod.resources, T.logBucket).urn);
    });

    test("Data Access audit logs are on for the Kubernetes API", () => {
        expect(inputsOf(single(dev.resources, T.audit))).toEqual({
            project: "acme-platform-dev",
            service: "container.googleapis.com",
            auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }],
        });
    });
});

describe("node pools", () => {
    test("system, general and isolated pools: own account, COS, shielded, metadata server, CMEK boot disk, auto-repair/upgrade", () => {
        const pools = ofType(dev.resources, T.pool);
        expect(pools.map((p) => p.name).sort()).toEqual([
            "platform-dev-pools-general",
            "platform-dev-pools-isolated",
            "platform-dev-pools-system",
        ]);
        for (const pool of nonEmpty(pools)) {
            const p = inputsOf(pool);
            expect(p).toMatchObject({
                cluster: "projects/mock-project/locations/europe-west1-b/clusters/platform-dev",
                location: "europe-west1-b",
                management: { autoRepair: true, autoUpgrade: true },
                upgradeSettings: { strategy: "SURGE", maxSurge: 1, maxUnavailable: 1 }, // dev: one node at a time
                nodeConfig: {
                    serviceAccount: "platform-dev-nodes@mock-project.iam.gserviceaccount.com",
                    oauthScopes: ["https://www.googleapis.com/auth/cloud-platform"],
                    imageType: "COS_CONTAINERD",
                    shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
                    workloadMetadataConfig: { mode: "GKE_METADATA" },
                    metadata: { "disable-legacy-endpoints": "true" },
                    kubeletConfig: { insecureKubeletReadonlyPortEnabled: "FALSE" },
                    diskType: "pd-balanced",
                    diskSizeGb: 50,
                    bootDiskKmsKey:
                        "projects/mock-project/locations/europe-west1/keyRings/platform-dev-keys-ring/cryptoKeys/platform-dev-keys-disks",
                },
            });
        }
    });

    test("labels, GKE-style taints and total autoscaling bounds follow the config", () => {
        const pool = (role: string) => inputsOf(named(dev.resources, T.pool, `-${role}`));
        expect(at(pool("system"), "nodeConfig.labels")).toEqual({ [POOL_LABEL]: "system" });
        expect(at(pool("system"), "nodeConfig.taints")).toEqual([{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }]);
        expect(at(pool("isolated"), "nodeConfig.taints")).toEqual([
            { key: "hardened-cluster.io/isolated", value: "true", effect: "NO_SCHEDULE" },
        ]);
        expect(at(pool("general"), "nodeConfig.taints")).toEqual([]);
        expect(pool("system")["autoscaling"]).toEqual({ totalMinNodeCount: 1, totalMaxNodeCount: 3, locationPolicy: "BALANCED" });
        expect(pool("general")["autoscaling"]).toMatchObject({ totalMinNodeCount: 1, totalMaxNodeCount: 5 });
        expect(pool("isolated")["autoscaling"]).toMatchObject({ totalMinNodeCount: 0, totalMaxNodeCount: 2 });
    });
});

describe("Binary Authorization", () => {
    const attestorId = (project: string, env: string) => `projects/${project}/attestors/platform-${env}-release`;

    test("prod: every image needs an attestation by the release attestor, enforced; no allow-list skips the check", () => {
        const policy = single(prod.resources, T.binauthz);
        expect(inputsOf(policy)).toEqual({
            project: "acme-platform-prod",
            description: expect.any(String),
            globalPolicyEvaluationMode: "ENABLE",
            defaultAdmissionRule: {
                evaluationMode: "REQUIRE_ATTESTATION",
                enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
                requireAttestationsBies: [attestorId("acme-platform-prod", "prod")],
            },
        });
        expect(single(prod.resources, T.cluster).dependencies).toContain(policy.urn);
    });

    test("dev: the same rule as a dry run", () => {
        expect(inputsOf(single(dev.resources, T.binauthz))["defaultAdmissionRule"]).toEqual({
            evaluationMode: "REQUIRE_ATTESTATION",
            enforcementMode: "DRYRUN_AUDIT_LOG_ONLY",
            requireAttestationsBies: [attestorId("acme-platform-dev", "dev")],
        });
    });

    test("the attestor trusts the public key of the HSM-backed asymmetric signing key, through its Container Analysis note", () => {
        const key = named(prod.resources, T.key, "-attestation");
        expect(inputsOf(key)).toMatchObject({
            purpose: "ASYMMETRIC_SIGN",
            versionTemplate: { algorithm: "EC_SIGN_P256_SHA256", protectionLevel: "HSM" },
            destroyScheduledDuration: "2592000s",
        });
        // Cloud KMS cannot rotate asymmetric keys automatically.
        expect(inputsOf(key)["rotationPeriod"]).toBeUndefined();
        expect(key.protect).toBe(true);
        const note = single(prod.resources, T.note);
        expect(inputsOf(note)).toMatchObject({ project: "acme-platform-prod", name: "platform-prod-release" });
        const keyName =
            "projects/mock-project/locations/europe-west1/keyRings/platform-prod-keys-ring/cryptoKeys/platform-prod-keys-attestation";
        expect(inputsOf(single(prod.resources, T.attestor))).toMatchObject({
            name: "platform-prod-release",
            attestationAuthorityNote: {
                noteReference: "platform-prod-release",
                publicKeys: [
                    {
                        id: `//cloudkms.googleapis.com/v1/${keyName}/cryptoKeyVersions/1`,
                        pkixPublicKey: {
                            signatureAlgorithm: "EC_SIGN_P256_SHA256",
                            publicKeyPem: expect.stringContaining("BEGIN PUBLIC KEY"),
                        },
                    },
                ],
            },
        });
    });

    test("only the configured release identity may sign: key, note, occurrences and attestor read; dev names none", () => {
        const signer = "serviceAccount:release-signer@acme-platform-prod.iam.gserviceaccount.com";
        const grants = [
            ...ofType(prod.resources, T.keyMember),
            ...ofType(prod.resources, T.noteMember),
            ...ofType(prod.resources, T.projectMember),
            ...ofType(prod.resources, T.attestorMember),
        ].filter((g) => inputsOf(g)["member"] === signer);
        expect(grants.map((g) => inputsOf(g)["role"]).sort()).toEqual(Object.values(SIGNER_ROLES).sort());
        expect(inputsOf(named(prod.resources, T.keyMember, "-signer-1-key"))["cryptoKeyId"]).toContain(
            "/cryptoKeys/platform-prod-keys-attestation",
        );
        expect([...ofType(dev.resources, T.noteMember), ...ofType(dev.resources, T.attestorMember)]).toEqual([]);
        expect(ofType(dev.resources, T.attestor)).toHaveLength(1);
    });
});

describe("day-2: maintenance, autoscaling, upgrades, traffic encryption", () => {
    test("prod: upgrades only in the weekend window, balanced autoscaling, surge without removing a node, WireGuard between nodes", () => {
        const c = inputsOf(single(prod.resources, T.cluster));
        expect(c["maintenancePolicy"]).toEqual({
            recurringWindow: { startTime: "2024-01-01T22:00:00Z", endTime: "2024-01-02T10:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SA" },
            maintenanceExclusions: [],
        });
        expect(c["clusterAutoscaling"]).toEqual({ enabled: false, autoscalingProfile: "BALANCED" });
        expect(c["inTransitEncryptionConfig"]).toBe("IN_TRANSIT_ENCRYPTION_INTER_NODE_TRANSPARENT");
        expect(c["datapathProvider"]).toBe("ADVANCED_DATAPATH");
        for (const pool of nonEmpty(ofType(prod.resources, T.pool)))
            expect(inputsOf(pool)["upgradeSettings"]).toEqual({ strategy: "SURGE", maxSurge: expect.any(Number), maxUnavailable: 0 });
    });

    test("dev: every night, optimize-utilization, one node at a time, no in-transit encryption", () => {
        const c = inputsOf(single(dev.resources, T.cluster));
        expect(at(c, "maintenancePolicy.recurringWindow.recurrence")).toBe("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU");
        expect(at(c, "clusterAutoscaling.autoscalingProfile")).toBe("OPTIMIZE_UTILIZATION");
        expect(c["inTransitEncryptionConfig"]).toBe("IN_TRANSIT_ENCRYPTION_DISABLED");
        for (const pool of nonEmpty(ofType(dev.resources, T.pool)))
            expect(inputsOf(pool)["upgradeSettings"]).toEqual({ strategy: "SURGE", maxSurge: 1, maxUnavailable: 1 });
    });
});

describe("runtime alerts (HC-RUN-03)", () => {
    test("workload logs are collected (WORKLOADS), so Falco's JSON alerts reach Cloud Logging; the output gives the query", async () => {
        expect(at(inputsOf(single(prod.resources, T.cluster)), "loggingConfig.enableComponents")).toContain("WORKLOADS");
        const query = await valueOf(prod.outputs["runtimeAlertsQuery"] as Parameters<typeof valueOf<string>>[0]);
        expect(query).toBe(
            'resource.type="k8s_container" AND resource.labels.cluster_name="platform-prod" AND resource.labels.namespace_name="falco" AND resource.labels.container_name="falco" AND jsonPayload.rule:*',
        );
    });
});

describe("image registry (HC-SUP-05, HC-SUP-06)", () => {
    test("a Docker repository under the trusted prefix, encrypted with the stack's registry key, scanned by Artifact Analysis", async () => {
        const repository = named(prod.resources, T.repository, "-registry-repository");
        expect(inputsOf(repository)).toMatchObject({
            project: "acme-platform-prod",
            location: "europe-west1",
            repositoryId: "platform-prod",
            format: "DOCKER",
            kmsKeyName:
                "projects/mock-project/locations/europe-west1/keyRings/platform-prod-keys-ring/cryptoKeys/platform-prod-keys-registry",
            dockerConfig: { immutableTags: true },
            vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
        });
        expect(repository.protect).toBe(true);
        // Artifact Registry checks its agent's access to the key at creation.
        expect(repository.dependencies).toContain(named(prod.resources, T.keyMember, "-registry-ar-agent").urn);
        expect(REQUIRED_SERVICES).toEqual(expect.arrayContaining(["containerscanning.googleapis.com", "artifactregistry.googleapis.com"]));
        const url = await valueOf(prod.outputs["imageRegistry"] as Parameters<typeof valueOf<string>>[0]);
        expect(url).toBe("europe-west1-docker.pkg.dev/acme-platform-prod/platform-prod/");
        // The admission policies and Binary Authorization's images come from the same place.
        expect(configOf("gcp-prod").trustedRegistries.some((prefix) => url.startsWith(prefix))).toBe(true);
    });

    test("registry.mirror (prod): a remote repository per upstream, same key, location, scanning and protection", async () => {
        const mirrors = ofType(prod.resources, T.repository).filter((r) => r.name.includes("-registry-mirror-"));
        expect(mirrors.map((m) => inputsOf(m)["repositoryId"]).sort()).toEqual(
            ["dockerhub", "fluentbit", "ghcr", "k8s", "quay"].map((k) => `platform-prod-${k}`),
        );
        for (const mirror of nonEmpty(mirrors)) {
            expect(inputsOf(mirror)).toMatchObject({
                project: "acme-platform-prod",
                location: "europe-west1",
                format: "DOCKER",
                mode: "REMOTE_REPOSITORY",
                kmsKeyName:
                    "projects/mock-project/locations/europe-west1/keyRings/platform-prod-keys-ring/cryptoKeys/platform-prod-keys-registry",
                vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
            });
            expect(inputsOf(mirror)["dockerConfig"]).toBeUndefined();
            expect(mirror.protect).toBe(true);
            expect(mirror.dependencies).toContain(named(prod.resources, T.keyMember, "-registry-ar-agent").urn);
        }
        expect(at(inputsOf(named(prod.resources, T.repository, "-mirror-dockerhub")), "remoteRepositoryConfig.dockerRepository")).toEqual({
            publicRepository: "DOCKER_HUB",
        });
        expect(at(inputsOf(named(prod.resources, T.repository, "-mirror-ghcr")), "remoteRepositoryConfig.commonRepository")).toEqual({
            uri: "https://ghcr.io",
        });
        const mirrorsOut = await valueOf(prod.outputs["imageMirrors"] as Parameters<typeof valueOf<Record<string, string>>>[0]);
        expect(mirrorsOut["ghcr.io"]).toBe("europe-west1-docker.pkg.dev/acme-platform-prod/platform-prod-ghcr");
        // Binary Authorization and the admission policies admit the mirrors through the stack's default prefix.
        const trusted = configOf("gcp-prod").trustedRegistries;
        for (const prefix of nonEmpty(Object.values(mirrorsOut))) expect(trusted.some((t) => `${prefix}/`.startsWith(t))).toBe(true);
    });

    test("dev (registry.mirror false by default): no remote repository, no image mirror", async () => {
        expect(ofType(dev.resources, T.repository).map((r) => r.name)).toEqual(["platform-dev-registry-repository"]);
        expect(await valueOf(dev.outputs["imageMirrors"] as Parameters<typeof valueOf<Record<string, string>>>[0])).toEqual({});
    });

    test("dev: moving tags allowed, not protected", () => {
        const repository = single(dev.resources, T.repository);
        expect(inputsOf(repository)["dockerConfig"]).toEqual({ immutableTags: false });
        expect(repository.protect).toBe(false);
    });

    test("only Artifact Registry's agent holds the registry key", () => {
        const grants = ofType(prod.resources, T.keyMember).filter((g) => String(inputsOf(g)["cryptoKeyId"]).endsWith("-keys-registry"));
        expect(grants.map((g) => inputsOf(g)["member"])).toEqual([
            `serviceAccount:service-${PROJECT_NUMBER}@gcp-sa-artifactregistry.iam.gserviceaccount.com`,
        ]);
    });
});

describe("the component's contract with the baseline", () => {
    test("cosign signing identities in the config keep the in-cluster verifier (Binary Authorization cannot check them)", async () => {
        const keyless = [{ issuer: "https://token.actions.githubusercontent.com", subjectRegExp: "^https://github.com/acme/.*$" }];
        const config = configOf("gcp-dev", { "hardened-cluster:baseline": { imageSignatures: { keyless } } });
        let cluster: GkeHardenedCluster | undefined;
        await runProgram(() => {
            cluster = new GkeHardenedCluster("signed", { config, provider: new gcp.Provider("signed-gcp", gcpProviderArgs(config)) });
        });
        expect(cluster?.imageVerification).toBe("in-cluster");
    });

    test("stack outputs: a secret kubeconfig for the DNS endpoint (public CA, no CA data) using gke-gcloud-auth-plugin", async () => {
        const kubeconfig = dev.outputs["kubeconfig"] as Parameters<typeof valueOf<string>>[0];
        expect(await isSecretOutput(kubeconfig)).toBe(true);
        const parsed = JSON.parse(await valueOf(kubeconfig)) as Record<string, unknown>;
        expect(at(parsed, "users[0].user.exec.command")).toBe("gke-gcloud-auth-plugin");
        expect(at(parsed, "users[0].user.exec.provideClusterInfo")).toBe(true);
        expect(at(parsed, "users[0].user.token")).toBeUndefined();
        expect(at(parsed, "users[0].user.client-key-data")).toBeUndefined();
        const dns = await valueOf(dev.outputs["clusterDnsEndpoint"] as Parameters<typeof valueOf<string>>[0]);
        expect(dns).toBe("gke-0123456789abcdef0123456789abcdef-123456789012.europe-west1-b.gke.goog");
        expect(at(parsed, "clusters[0].cluster")).toEqual({ server: `https://${dns}` });
        // The private IP endpoint and its CA stay outputs, for tooling inside the VPC.
        expect(await valueOf(dev.outputs["clusterEndpoint"] as Parameters<typeof valueOf<string>>[0])).toBe("172.16.0.2");
        const ca = await valueOf(dev.outputs["clusterCaCertificate"] as Parameters<typeof valueOf<string>>[0]);
        expect(Buffer.from(ca, "base64").toString()).toContain("BEGIN CERTIFICATE");
    });

    test("the DNS-based endpoint admits external traffic for Google credentials only; the IP endpoints stay private", () => {
        for (const { resources } of [dev, prod]) {
            const c = inputsOf(single(resources, T.cluster));
            expect(c["controlPlaneEndpointsConfig"]).toEqual({
                dnsEndpointConfig: { allowExternalTraffic: true, enableK8sTokensViaDns: false, enableK8sCertsViaDns: false },
                ipEndpointsConfig: { enabled: true },
            });
            expect(at(c, "privateClusterConfig.enablePrivateEndpoint")).toBe(true);
            expect(at(c, "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled")).toBe(false);
        }
    });

    test("every group that uses kubectl holds a role with container.clusters.connect, which the DNS endpoint checks", () => {
        const members = ofType(dev.resources, T.projectMember)
            .map(inputsOf)
            .filter((m) => String(m["member"]).startsWith("group:"));
        expect(members.length).toBeGreaterThan(3);
        for (const m of nonEmpty(members)) expect(ROLES_WITH_CLUSTER_CONNECT as readonly string[]).toContain(m["role"]);
        expect(DNS_ENDPOINT_PERMISSION).toBe("container.clusters.connect");
    });

    test("subjects, storage class, image verification and ready resources", async () => {
        const config = configOf("gcp-prod");
        let cluster: GkeHardenedCluster | undefined;
        const { resources } = await runProgram(() => {
            cluster = new GkeHardenedCluster("unit", { config, provider: new gcp.Provider("unit-gcp", gcpProviderArgs(config)) });
        });
        if (!cluster) throw new Error("component not built");
        expect(single(resources, "hardened:gcp:GkeCluster").name).toBe("unit");
        for (const r of nonEmpty(resources.filter((x) => x.type !== "pulumi:pulumi:Stack"))) expect(r.name.startsWith("unit")).toBe(true);
        expect(cluster.imageVerification).toBe("cloud");
        expect(cluster.subjects).toEqual({
            admins: ["gke-platform-admins@example.com"],
            developers: ["gke-platform-developers@example.com"],
            viewers: ["gke-platform-viewers@example.com"],
            tenants: {
                payments: { editors: ["gke-team-payments@example.com"], viewers: [] },
                search: { editors: ["gke-team-search@example.com"], viewers: [] },
            },
        });
        expect(cluster.storageClass.provisioner).toBe("pd.csi.storage.gke.io");
        expect(cluster.storageClass.parameters["type"]).toBe("pd-balanced");
        const diskKey = cluster.storageClass.parameters["disk-encryption-kms-key"];
        expect(await valueOf(diskKey as Parameters<typeof valueOf<string>>[0])).toBe(
            "projects/mock-project/locations/europe-west1/keyRings/unit-keys-ring/cryptoKeys/unit-keys-disks",
        );
        expect(cluster.readyResources).toHaveLength(4);
        // HC-RUN-03: Falco's JSON stdout reaches Cloud Logging through GKE's logging agent; the hand-over says where.
        expect(cluster.handover.runtimeAlerts).toEqual({
            falcosidekickConfig: {},
            location: `Cloud Logging (_Default bucket), query: ${runtimeAlertsQuery("platform-prod")}`,
        });
        expect(await isSecretOutput(cluster.kubeconfig)).toBe(true);
        expect(await valueOf(cluster.clusterName)).toBe("platform-prod");
        // registry.mirror (prod default): the baseline pulls each upstream's images through its remote repository.
        expect(cluster.handover.imageMirror?.["docker.io"]).toBe("europe-west1-docker.pkg.dev/acme-platform-prod/platform-prod-dockerhub");
    });
});

describe("workload secrets (HC-IAM-06)", () => {
    const SECRET_MEMBER = "gcp:projects/iAMMember:IAMMember";

    async function build(overrides: Record<string, unknown>) {
        const config = configOf("gcp-prod", overrides);
        let cluster: GkeHardenedCluster | undefined;
        const run = await runProgram(() => {
            cluster = new GkeHardenedCluster("unit", { config, provider: new gcp.Provider("unit-gcp", gcpProviderArgs(config)) });
        });
        if (!cluster) throw new Error("component not built");
        return { cluster, resources: run.resources };
    }

    test("the cluster runs GKE's Secret Manager add-on with rotation, and the Secret Manager API is on", () => {
        expect(inputsOf(single(prod.resources, T.cluster))["secretManagerConfig"]).toEqual({
            enabled: true,
            rotationConfig: { enabled: true, rotationInterval: "120s" },
        });
        expect(ofType(prod.resources, T.service).map((s) => inputsOf(s)["service"])).toContain("secretmanager.googleapis.com");
    });

    test("each tenant's own principal gets secretAccessor on the project, only for its own secret name prefix", () => {
        const grants = ofType(prod.resources, SECRET_MEMBER)
            .map(inputsOf)
            .filter((m) => m["role"] === "roles/secretmanager.secretAccessor");
        expect(grants.map((g) => [g["member"], at(g, "condition.expression")]).sort()).toEqual(
            ["payments", "search"].map((tenant) => [
                `principal://iam.googleapis.com/projects/${PROJECT_NUMBER}/locations/global/workloadIdentityPools/acme-platform-prod.svc.id.goog/subject/ns/${tenant}/sa/tenant-secrets`,
                `resource.name.startsWith("projects/${PROJECT_NUMBER}/secrets/platform-prod_${tenant}_")`,
            ]),
        );
        // The grants wait for the cluster, whose first Workload Identity cluster creates the pool they name.
        const cluster = single(prod.resources, T.cluster);
        for (const grant of nonEmpty(ofType(prod.resources, SECRET_MEMBER).filter((m) => m.name.includes("-tenant-secrets-"))))
            expect(grant.dependencies).toContain(cluster.urn);
    });

    test("the node account holds no Secret Manager role", () => {
        expect(NODE_ROLES.some((r) => r.startsWith("roles/secretmanager."))).toBe(false);
        const nodeAccount = named(prod.resources, T.account, "-node-identity-account");
        expect(nodeAccount).toBeDefined();
        const nodeGrants = ofType(prod.resources, SECRET_MEMBER)
            .map(inputsOf)
            .filter((m) => String(m["member"]).includes("-nodes@"));
        expect(nodeGrants.length).toBeGreaterThan(0);
        for (const g of nonEmpty(nodeGrants)) expect(String(g["role"])).not.toMatch(/secretmanager/);
    });

    test("hand-over: tenant-secrets accounts without annotations; a SecretProviderClass only for tenants that list secrets", async () => {
        const quota = { cpu: "4", memory: "8Gi", pods: 20 };
        const tenants = [
            { name: "payments", editors: ["gke-team-payments@example.com"], quota, secrets: ["db-password"] },
            { name: "search", editors: ["gke-team-search@example.com"], quota },
        ];
        const { cluster } = await build({ "hardened-cluster:tenants": tenants });
        const identities = cluster.handover.tenantIdentities;
        expect(Object.keys(identities).sort()).toEqual(["payments", "search"]);
        expect(identities["search"]).toEqual({ serviceAccount: "tenant-secrets", annotations: {}, podLabels: {} });
        expect(identities["payments"]).toEqual({
            serviceAccount: "tenant-secrets",
            annotations: {},
            podLabels: {},
            secretProviderClass: {
                provider: "gke",
                parameters: {
                    secrets:
                        '- resourceName: "projects/acme-platform-prod/secrets/platform-prod_payments_db-password/versions/latest"\n  path: "db-password"\n',
                },
            },
        });
        expect(cluster.handover.secretStore).toEqual({
            enabled: true,
            settings: { provider: "gke", project: "acme-platform-prod", secretIdPrefix: "platform-prod_<tenant>_" },
        });
    });

    test("secretStore.enabled false: add-on off, no tenant grant, no tenant identity", async () => {
        const { cluster, resources } = await build({ "hardened-cluster:secretStore": { enabled: false } });
        expect(inputsOf(single(resources, T.cluster))["secretManagerConfig"]).toEqual({ enabled: false });
        expect(ofType(resources, SECRET_MEMBER).filter((m) => String(inputsOf(m)["role"]).startsWith("roles/secretmanager."))).toEqual([]);
        expect(cluster.handover.tenantIdentities).toEqual({});
        expect(cluster.handover.secretStore).toEqual({ enabled: false, settings: {} });
    });
});
