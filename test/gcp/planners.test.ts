import fc from "fast-check";
import { CLUSTER_ACCESS_ROLE, memberKey, memberKeys, planAccess } from "../../components/gcp/access-plan";
import { planAttestation, SIGNER_ROLES } from "../../components/gcp/binary-authorization-plan";
import { imageMirrorOf, planRegistry } from "../../components/gcp/registry-plan";
import {
    planSecretManager,
    tenantPrincipal,
    tenantSecretCondition,
    tenantSecretId,
    tenantSecretParameters,
    tenantSecretPrefix,
} from "../../components/gcp/secret-store-plan";
import { gkeAutoscalingProfile, inTransitEncryption, planMaintenancePolicy, planUpgradeSettings } from "../../components/gcp/day2-plan";
import { planEndpoint } from "../../components/gcp/control-plane-plan";
import { gkeServiceAgent, computeServiceAgent } from "../../components/gcp/key-plan";
import { renderKubeconfig } from "../../components/gcp/kubeconfig";
import { devZone, planLocation } from "../../components/gcp/location-plan";
import { MASTER_CIDR_POOL, planMasterCidr, planNetwork } from "../../components/gcp/network-plan";
import { nodeAccountId, roleKey } from "../../components/gcp/node-identity-plan";
import { planNodePools, toGkeTaint } from "../../components/gcp/pool-plan";
import { cidrContains, cidrsOverlap, parseCidr, subnetAt } from "../../core/cidr";
import { POOL_LABEL } from "../../core/labels";
import { GcpConfig, NodePoolSpec } from "../../config/types";
import { nonEmpty } from "../harness/non-empty";

const spec = (minSize: number, maxSize: number, taints: NodePoolSpec["taints"] = []): NodePoolSpec => ({
    machineType: "e2-standard-4",
    minSize,
    maxSize,
    diskSizeGb: 50,
    taints,
});

describe("planMasterCidr", () => {
    test.each([
        [["10.0.0.0/16", "10.64.0.0/14", "172.20.0.0/16"], "172.16.0.0/28"],
        [["172.16.0.0/28"], "172.16.0.16/28"],
        [["172.16.0.0/24", "10.0.0.0/8"], "172.16.1.0/28"],
        [["172.16.0.0/17"], "172.16.128.0/28"],
    ])("avoids %j -> %s", (taken, expected) => {
        expect(planMasterCidr(taken)).toBe(expected);
    });

    test("fails with the config key to set when the whole pool is taken", () => {
        expect(() => planMasterCidr(["172.16.0.0/16"])).toThrow("set gke.masterIpv4CidrBlock");
    });

    test("property: a /28 inside the pool that overlaps none of the taken ranges", () => {
        const block = fc
            .tuple(fc.integer({ min: 8, max: 24 }), fc.integer({ min: 0, max: 2 ** 24 - 1 }))
            .map(([prefix, n]) => subnetAt("0.0.0.0/0", prefix, n % 2 ** prefix));
        fc.assert(
            fc.property(fc.array(block, { maxLength: 4 }), (taken) => {
                fc.pre(!taken.some((t) => cidrContains(t, MASTER_CIDR_POOL)));
                const master = planMasterCidr(taken);
                expect(parseCidr(master).prefix).toBe(28);
                expect(cidrContains(MASTER_CIDR_POOL, master)).toBe(true);
                // possibly empty: fast-check also tries a network with no taken range.
                for (const t of taken) expect(cidrsOverlap(master, t)).toBe(false);
            }),
        );
    });
});

describe("planNetwork", () => {
    const network = { cidr: "10.60.0.0/20", podCidr: "10.64.0.0/14", serviceCidr: "10.68.0.0/20", zones: 1, natLayout: "single" as const };
    const gke = { projectId: "acme-dev", groupsDomain: "example.com", releaseChannel: "REGULAR" as const, attestationSigners: [] };

    test("secondary ranges named after the cluster, a planned master /28 and the firewall rules from it", () => {
        const plan = planNetwork({ clusterName: "demo", network, gke });
        expect(plan).toMatchObject({
            nodeCidr: "10.60.0.0/20",
            pods: { rangeName: "demo-pods", ipCidrRange: "10.64.0.0/14" },
            services: { rangeName: "demo-services", ipCidrRange: "10.68.0.0/20" },
            masterCidr: "172.16.0.0/28",
        });
        const master = plan.firewallRules.find((r) => r.key === "master-to-nodes");
        expect(master).toMatchObject({ sourceRanges: ["172.16.0.0/28"], ports: ["443", "10250"], action: "allow", targetsNodes: true });
        const deny = plan.firewallRules.find((r) => r.key === "deny-all-ingress");
        expect(deny).toMatchObject({ action: "deny", protocol: "all", priority: 65534, targetsNodes: false });
        expect(nonEmpty(plan.firewallRules.filter((r) => r.action === "allow")).every((r) => !r.sourceRanges.includes("0.0.0.0/0"))).toBe(
            true,
        );
    });

    test("a configured master range is used as given", () => {
        expect(planNetwork({ clusterName: "demo", network, gke: { ...gke, masterIpv4CidrBlock: "192.168.100.0/28" } }).masterCidr).toBe(
            "192.168.100.0/28",
        );
    });
});

describe("planLocation", () => {
    test.each([
        ["dev", { location: "europe-west1-b", regional: false, zoneCount: 1 }],
        ["staging", { location: "europe-west1", regional: true, zoneCount: 3 }],
        ["prod", { location: "europe-west1", regional: true, zoneCount: 3 }],
    ] as const)("%s", (environment, expected) => {
        expect(planLocation({ environment, region: "europe-west1" })).toEqual(expected);
    });
    test("the dev zone is the region's b zone", () => expect(devZone("us-central1")).toBe("us-central1-b"));
});

describe("planEndpoint", () => {
    const network = { cidr: "10.60.0.0/20", podCidr: "10.64.0.0/14", serviceCidr: "10.68.0.0/20", zones: 1, natLayout: "single" as const };
    test("private-only: private endpoint, authorized networks limited to the node subnet", () => {
        expect(planEndpoint({ apiAccess: { authorizedCidrs: [] }, network })).toEqual({
            privateEndpoint: true,
            authorizedNetworks: [{ cidrBlock: "10.60.0.0/20", displayName: "node-subnet" }],
        });
    });
    test("authorized CIDRs: public endpoint answering exactly those", () => {
        const plan = planEndpoint({ apiAccess: { authorizedCidrs: ["203.0.113.0/24"] }, network });
        expect(plan.privateEndpoint).toBe(false);
        expect(plan.authorizedNetworks.map((n) => n.cidrBlock)).toEqual(["203.0.113.0/24"]);
    });
});

describe("planNodePools", () => {
    const nodePools = {
        system: spec(3, 6, [{ key: "CriticalAddonsOnly", value: "true", effect: "NoSchedule" }]),
        general: spec(2, 20),
        isolated: spec(1, 6, [
            { key: "hardened-cluster.io/isolated", value: "true", effect: "NoSchedule" },
            { key: "x", value: "y", effect: "NoExecute" },
        ]),
    };

    test("three pools by role with labels, GKE taint effects and per-zone initial counts", () => {
        const pools = planNodePools({ nodePools, upgrades: { maxSurge: "1", maxUnavailable: 1 } }, 3);
        expect(pools.map((p) => p.role)).toEqual(["system", "general", "isolated"]);
        expect(pools[0]).toMatchObject({ totalMinNodes: 3, totalMaxNodes: 6, initialNodesPerZone: 1, labels: { [POOL_LABEL]: "system" } });
        expect(pools[0].taints).toEqual([{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }]);
        expect(pools[1]).toMatchObject({ initialNodesPerZone: 1, taints: [] });
        expect(pools[2].taints.map((t) => t.effect)).toEqual(["NO_SCHEDULE", "NO_EXECUTE"]);
    });

    test("zonal: the initial count is the minimum", () => {
        expect(planNodePools({ nodePools, upgrades: { maxSurge: "1", maxUnavailable: 1 } }, 1).map((p) => p.initialNodesPerZone)).toEqual([
            3, 2, 1,
        ]);
    });

    test("every taint effect has a GKE name", () => {
        expect(toGkeTaint({ key: "k", value: "v", effect: "PreferNoSchedule" }).effect).toBe("PREFER_NO_SCHEDULE");
    });
});

describe("planAccess", () => {
    const config: Pick<GcpConfig, "access" | "tenants" | "gke"> = {
        access: { admins: ["admins@example.com"], developers: ["devs@example.com"], viewers: ["view@example.com"] },
        tenants: [
            {
                name: "payments",
                editors: ["devs@example.com", "pay@example.com"],
                viewers: ["view@example.com"],
                quota: { cpu: "1", memory: "1Gi", pods: 1 },
                allowLoadBalancer: false,
                allowNodePort: false,
                allowSameNamespaceTraffic: true,
                secrets: [],
            },
        ],
        gke: { projectId: "acme-dev", groupsDomain: "example.com", releaseChannel: "REGULAR", attestationSigners: [] },
    };

    test("one clusterViewer member per distinct group, the Google Groups security group, subjects by role", () => {
        const plan = planAccess(config);
        expect(plan.securityGroup).toBe("gke-security-groups@example.com");
        expect(plan.projectMembers).toEqual([
            { key: "admins-example-com", role: CLUSTER_ACCESS_ROLE, member: "group:admins@example.com" },
            { key: "devs-example-com", role: CLUSTER_ACCESS_ROLE, member: "group:devs@example.com" },
            { key: "view-example-com", role: CLUSTER_ACCESS_ROLE, member: "group:view@example.com" },
            { key: "pay-example-com", role: CLUSTER_ACCESS_ROLE, member: "group:pay@example.com" },
        ]);
        expect(CLUSTER_ACCESS_ROLE).toBe("roles/container.clusterViewer");
        expect(plan.subjects.tenants).toEqual({
            payments: { editors: ["devs@example.com", "pay@example.com"], viewers: ["view@example.com"] },
        });
        expect(plan.subjects.admins).toEqual(["admins@example.com"]);
    });

    test("member keys are resource-name safe", () => {
        expect(memberKey("Team.Payments+ops@Example.com")).toBe("team-payments-ops-example-com");
    });

    test("e-mails that read the same once name-safe still get distinct keys", () => {
        const keys = memberKeys(["a.b@example.com", "a-b@example.com"]);
        expect(keys.get("a.b@example.com")).toBe("a-b-example-com");
        expect(keys.get("a-b@example.com")).toMatch(/^a-b-example-com-[0-9a-f]{8}$/);
    });
});

describe("planAttestation", () => {
    const signer = "serviceAccount:release@acme-prod.iam.gserviceaccount.com";
    test("prod and staging enforce attestations by the cluster's release attestor; the signers are the config's", () => {
        for (const environment of ["prod", "staging"]) {
            expect(planAttestation({ clusterName: "platform-prod", environment, gke: { attestationSigners: [signer] } })).toEqual({
                noteId: "platform-prod-release",
                attestorName: "platform-prod-release",
                enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG",
                signers: [signer],
            });
        }
    });
    test("dev runs the same rule as a dry run (logged, not blocked)", () => {
        const plan = planAttestation({ clusterName: "platform-dev", environment: "dev", gke: { attestationSigners: [] } });
        expect(plan).toMatchObject({ enforcementMode: "DRYRUN_AUDIT_LOG_ONLY", signers: [] });
    });
    test("signers get exactly what signing needs: the key, the note, occurrences and a read of the attestor", () => {
        expect(SIGNER_ROLES).toEqual({
            key: "roles/cloudkms.signerVerifier",
            note: "roles/containeranalysis.notes.attacher",
            project: "roles/containeranalysis.occurrences.editor",
            attestor: "roles/binaryauthorization.attestorsViewer",
        });
    });
});

describe("day-2 settings as GKE's (HC-NODE-07, HC-NET-07)", () => {
    const window = { days: ["Sat" as const], start: "22:00", durationHours: 12, utcOffset: "+00:00" };

    test("the prod window: Saturday 22:00 UTC for 12 hours, anchored to a fixed past date", () => {
        expect(planMaintenancePolicy({ window, exclusions: [] })).toEqual({
            recurringWindow: { startTime: "2024-01-01T22:00:00Z", endTime: "2024-01-02T10:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SA" },
            maintenanceExclusions: [],
        });
    });

    test("a local window that starts on the previous UTC day moves its days with it", () => {
        const plan = planMaintenancePolicy({
            window: { ...window, days: ["Mon", "Sun"], start: "01:00", utcOffset: "+05:00" },
            exclusions: [],
        });
        expect(plan.recurringWindow).toEqual({
            startTime: "2024-01-01T20:00:00Z",
            endTime: "2024-01-02T08:00:00Z",
            recurrence: "FREQ=WEEKLY;BYDAY=SA,SU",
        });
        const west = planMaintenancePolicy({ window: { ...window, days: ["Sun"], start: "22:00", utcOffset: "-05:00" }, exclusions: [] });
        expect(west.recurringWindow.recurrence).toBe("FREQ=WEEKLY;BYDAY=MO");
        expect(west.recurringWindow.startTime).toBe("2024-01-01T03:00:00Z");
    });

    test("exclusions keep control-plane security patches (no minor or node upgrades)", () => {
        const exclusions = [{ name: "year-end", start: "2026-12-20T00:00:00Z", end: "2027-01-04T00:00:00Z" }];
        expect(planMaintenancePolicy({ window, exclusions }).maintenanceExclusions).toEqual([
            {
                exclusionName: "year-end",
                startTime: "2026-12-20T00:00:00Z",
                endTime: "2027-01-04T00:00:00Z",
                exclusionOptions: { scope: "NO_MINOR_OR_NODE_UPGRADES" },
            },
        ]);
    });

    test("autoscaling profiles, surge settings per zone, in-transit encryption", () => {
        expect(gkeAutoscalingProfile("balanced")).toBe("BALANCED");
        expect(gkeAutoscalingProfile("optimize-utilization")).toBe("OPTIMIZE_UTILIZATION");
        // 33% of the most nodes one zone may hold (9 over 3 zones: 3), rounded up.
        expect(planUpgradeSettings({ maxSurge: "33%", maxUnavailable: 0 }, { totalMaxNodes: 9 }, 3)).toEqual({
            strategy: "SURGE",
            maxSurge: 1,
            maxUnavailable: 0,
        });
        expect(planUpgradeSettings({ maxSurge: "50%", maxUnavailable: 0 }, { totalMaxNodes: 10 }, 1).maxSurge).toBe(5);
        expect(planUpgradeSettings({ maxSurge: "2", maxUnavailable: 1 }, { totalMaxNodes: 10 }, 1)).toEqual({
            strategy: "SURGE",
            maxSurge: 2,
            maxUnavailable: 1,
        });
        expect(inTransitEncryption(true)).toBe("IN_TRANSIT_ENCRYPTION_INTER_NODE_TRANSPARENT");
        expect(inTransitEncryption(false)).toBe("IN_TRANSIT_ENCRYPTION_DISABLED");
    });
});

describe("planRegistry", () => {
    test("one repository per cluster in its region; immutable tags in prod only", () => {
        const base = { clusterName: "platform-prod", region: "europe-west1", gke: { projectId: "acme-prod" }, registry: { mirror: false } };
        expect(planRegistry({ ...base, environment: "prod" })).toEqual({
            repositoryId: "platform-prod",
            location: "europe-west1",
            immutableTags: true,
            url: "europe-west1-docker.pkg.dev/acme-prod/platform-prod/",
            mirrors: [],
        });
        expect(planRegistry({ ...base, environment: "staging" }).immutableTags).toBe(false);
        expect(planRegistry({ ...base, environment: "dev" }).immutableTags).toBe(false);
        expect(imageMirrorOf(planRegistry({ ...base, environment: "prod" }))).toBeUndefined();
    });

    test("registry.mirror: one remote repository per upstream the baseline pulls from, under the stack's registry prefix", () => {
        const plan = planRegistry({
            clusterName: "platform-prod",
            region: "europe-west1",
            environment: "prod",
            gke: { projectId: "acme-prod" },
            registry: { mirror: true },
        });
        expect(imageMirrorOf(plan)).toEqual({
            "docker.io": "europe-west1-docker.pkg.dev/acme-prod/platform-prod-dockerhub",
            "ghcr.io": "europe-west1-docker.pkg.dev/acme-prod/platform-prod-ghcr",
            "quay.io": "europe-west1-docker.pkg.dev/acme-prod/platform-prod-quay",
            "registry.k8s.io": "europe-west1-docker.pkg.dev/acme-prod/platform-prod-k8s",
            "cr.fluentbit.io": "europe-west1-docker.pkg.dev/acme-prod/platform-prod-fluentbit",
        });
        expect(plan.mirrors.find((m) => m.upstreamHost === "docker.io")?.upstream).toEqual({ publicRepository: "DOCKER_HUB" });
        for (const mirror of nonEmpty(plan.mirrors.filter((m) => m.upstreamHost !== "docker.io"))) {
            expect(mirror.upstream).toEqual({ uri: `https://${mirror.upstreamHost}` });
        }
        // The default trustedRegistries (config/registry.ts) admit every mirror; ids fit Artifact Registry's 63.
        for (const mirror of nonEmpty(plan.mirrors)) {
            expect(`${mirror.prefix}/`.startsWith("europe-west1-docker.pkg.dev/acme-prod/")).toBe(true);
            expect(mirror.repositoryId).toMatch(/^[a-z][a-z0-9-]{0,62}$/);
        }
    });
});

describe("secret store (HC-IAM-06)", () => {
    test("the tenant's principal is its Kubernetes service account in the project's workload identity pool", () => {
        expect(tenantPrincipal("123456789012", "acme-prod", "payments")).toBe(
            "principal://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-prod.svc.id.goog/subject/ns/payments/sa/tenant-secrets",
        );
    });

    test("the condition keeps the grant to the tenant's prefix, by project number", () => {
        expect(tenantSecretCondition("123456789012", "platform-prod", "payments").expression).toBe(
            'resource.name.startsWith("projects/123456789012/secrets/platform-prod_payments_")',
        );
    });

    test("no tenant's prefix is a prefix of another tenant's secret ids, even with '-' in the names", () => {
        const tenants = ["a", "a-b", "a-b-c", "b", "ab"];
        const clusters = ["c", "c-a"];
        for (const cluster of nonEmpty(clusters)) {
            for (const owner of nonEmpty(tenants)) {
                for (const other of nonEmpty(tenants.filter((t) => t !== owner))) {
                    const prefix = tenantSecretPrefix(cluster, owner);
                    expect({ owner, other, leaks: tenantSecretId(cluster, other, "x").startsWith(prefix) }).toEqual({
                        owner,
                        other,
                        leaks: false,
                    });
                }
                // Nor of a tenant of the other cluster.
                for (const otherCluster of nonEmpty(clusters.filter((c) => c !== cluster))) {
                    for (const t of nonEmpty(tenants))
                        expect(tenantSecretId(otherCluster, t, "x").startsWith(tenantSecretPrefix(cluster, owner))).toBe(false);
                }
            }
        }
    });

    test("the SecretProviderClass mounts each listed secret's latest version, named like the secret; none without secrets", () => {
        expect(tenantSecretParameters("acme-prod", "platform-prod", "payments", ["db-password", "api-key"])).toEqual({
            secrets: [
                '- resourceName: "projects/acme-prod/secrets/platform-prod_payments_db-password/versions/latest"',
                '  path: "db-password"',
                '- resourceName: "projects/acme-prod/secrets/platform-prod_payments_api-key/versions/latest"',
                '  path: "api-key"',
                "",
            ].join("\n"),
        });
        expect(tenantSecretParameters("acme-prod", "platform-prod", "payments", [])).toBeUndefined();
    });

    test("the add-on: on with rotation from 1.32, on without it on 1.31, off when secretStore is off", () => {
        expect(planSecretManager(true, "1.35")).toEqual({ enabled: true, rotationConfig: { enabled: true, rotationInterval: "120s" } });
        expect(planSecretManager(true, "1.32")).toEqual({ enabled: true, rotationConfig: { enabled: true, rotationInterval: "120s" } });
        expect(planSecretManager(true, "1.31")).toEqual({ enabled: true });
        expect(planSecretManager(false, "1.35")).toEqual({ enabled: false });
    });
});

describe("identities", () => {
    test("service agents of the project", () => {
        expect(gkeServiceAgent("42")).toBe("serviceAccount:service-42@container-engine-robot.iam.gserviceaccount.com");
        expect(computeServiceAgent("42")).toBe("serviceAccount:service-42@compute-system.iam.gserviceaccount.com");
    });

    test("property: node account ids are valid service account ids for any cluster name", () => {
        const clusterName = fc.stringMatching(/^[a-z]([a-z0-9-]{1,38}[a-z0-9])$/);
        fc.assert(
            fc.property(clusterName, (name) => {
                const id = nodeAccountId(name);
                expect(id).toMatch(/^[a-z]([-a-z0-9]*[a-z0-9])$/);
                expect(id.length).toBeGreaterThanOrEqual(6);
                expect(id.length).toBeLessThanOrEqual(30);
            }),
        );
    });

    test("long cluster names keep distinct node accounts", () => {
        expect(nodeAccountId("platform-dev")).toBe("platform-dev-nodes");
        const a = nodeAccountId("platform-production-europe-west1");
        const b = nodeAccountId("platform-production-europe-west4");
        expect(a).not.toBe(b);
        expect(a).toMatch(/^platform-produc-[0-9a-f]{8}-nodes$/);
    });

    test("role keys", () => expect(roleKey("roles/stackdriver.resourceMetadata.writer")).toBe("stackdriver-resourcemetadata-writer"));
});

describe("renderKubeconfig", () => {
    test("an exec plugin entry and the cluster CA, no credential", () => {
        const text = renderKubeconfig({ contextName: "gke_p_z_c", endpoint: "10.0.0.2", caCertificate: "Q0E=" });
        const parsed = JSON.parse(text) as {
            clusters: { cluster: Record<string, string> }[];
            users: { user: Record<string, unknown> }[];
            "current-context": string;
        };
        expect(parsed.clusters[0].cluster).toEqual({ server: "https://10.0.0.2", "certificate-authority-data": "Q0E=" });
        expect(Object.keys(parsed.users[0].user)).toEqual(["exec"]);
        expect(parsed.users[0].user["exec"]).toMatchObject({
            command: "gke-gcloud-auth-plugin",
            apiVersion: "client.authentication.k8s.io/v1beta1",
        });
        expect(parsed["current-context"]).toBe("gke_p_z_c");
    });
});
