import { CapturedResource, runStack } from "../harness";
import { evaluatePolicy, violations } from "../harness/policies";
import {
    added,
    everyOf,
    expectCompliant as compliant,
    messagesOf as messages,
    obj,
    path,
    policy,
    Props,
    shippedConfig,
    T,
    variant,
} from "./fixture";

const KUBELET = "gcp-gke-pool-deny-kubelet-readonly-port";
const RBAC = "gcp-gke-cluster-deny-insecure-rbac-bindings";
const INTRANODE = "gcp-gke-cluster-require-intranode-visibility";
const ALPHA = "gcp-gke-cluster-deny-alpha-features";
const CMEK = "gcp-gke-pool-require-cmek-boot-disk";
const PROD = shippedConfig("prod");

let prod: CapturedResource[];

beforeAll(async () => {
    prod = (await runStack("gcp-prod")).resources;
});

describe("kubelet read-only port (HC-NODE-06)", () => {
    test("a teammate's node pool without a kubeletConfig is caught", async () => {
        const pool = added(T.pool, "teammate-pool", { cluster: "c", nodeConfig: { machineType: "e2-standard-4" } });
        expect(await messages(KUBELET, [...prod, pool])).toEqual([
            expect.stringContaining("nodeConfig.kubeletConfig.insecureKubeletReadonlyPortEnabled is unset"),
        ]);
    });

    test("every inline pool of a cluster is judged", async () => {
        const edited = variant(prod, T.cluster, (p) => {
            p["nodePools"] = [
                { name: "a", nodeConfig: { kubeletConfig: { insecureKubeletReadonlyPortEnabled: "FALSE" } } },
                { name: "b", nodeConfig: {} },
            ];
        });
        expect(await messages(KUBELET, edited)).toEqual([
            expect.stringContaining("nodePools[1].nodeConfig.kubeletConfig.insecureKubeletReadonlyPortEnabled is unset"),
        ]);
    });

    test("a kept default pool is judged, a removed one is not", async () => {
        const serving = (p: Props) => (path(p, "nodeConfig.kubeletConfig")["insecureKubeletReadonlyPortEnabled"] = "TRUE");
        await compliant(KUBELET, variant(prod, T.cluster, serving));
        const kept = variant(prod, T.cluster, (p) => {
            serving(p);
            p["removeDefaultNodePool"] = false;
        });
        expect(await messages(KUBELET, kept)).toEqual([
            expect.stringContaining('nodeConfig.kubeletConfig.insecureKubeletReadonlyPortEnabled is "TRUE"'),
        ]);
    });

    test("auto-provisioned pools (Autopilot, node auto-provisioning) need nodePoolAutoConfig", async () => {
        const autopilot = variant(prod, T.cluster, (p) => {
            p["enableAutopilot"] = true;
            delete p["nodePoolDefaults"];
        });
        expect(await messages(KUBELET, autopilot)).toEqual([
            expect.stringContaining("nodePoolAutoConfig.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled is unset"),
        ]);
        const nap = variant(prod, T.cluster, (p) => (p["clusterAutoscaling"] = { enabled: true }));
        expect(await messages(KUBELET, nap)).toEqual([
            expect.stringContaining("so auto-provisioned nodes serve the unauthenticated port 10255"),
        ]);
        const napOff = variant(prod, T.cluster, (p) => {
            p["clusterAutoscaling"] = { enabled: true };
            p["nodePoolAutoConfig"] = { nodeKubeletConfig: { insecureKubeletReadonlyPortEnabled: "FALSE" } };
        });
        await compliant(KUBELET, napOff);
    });

    test("compliant: the value in lower case", async () => {
        await compliant(
            KUBELET,
            everyOf(prod, T.pool, (p) => (path(p, "nodeConfig.kubeletConfig")["insecureKubeletReadonlyPortEnabled"] = "false")),
        );
    });
});

describe("RBAC bindings to the everyone-groups (HC-RBAC-03)", () => {
    test("a cluster without rbacBindingConfig allows both, and says so twice", async () => {
        const found = await messages(
            RBAC,
            variant(prod, T.cluster, (p) => delete p["rbacBindingConfig"]),
        );
        expect(found).toEqual([
            expect.stringContaining("enableInsecureBindingSystemAuthenticated is unset (GKE then accepts such bindings)"),
            expect.stringContaining("enableInsecureBindingSystemUnauthenticated is unset"),
        ]);
    });
});

describe("other cluster settings", () => {
    test("compliant: alpha explicitly off, or unset (GKE's default)", async () => {
        await compliant(
            ALPHA,
            variant(prod, T.cluster, (p) => (p["enableKubernetesAlpha"] = false)),
        );
        await compliant(
            ALPHA,
            variant(prod, T.cluster, (p) => delete p["enableKubernetesAlpha"]),
        );
    });

    test("intranode visibility is not judged on Autopilot", async () => {
        const autopilot = variant(prod, T.cluster, (p) => {
            p["enableAutopilot"] = true;
            delete p["enableIntranodeVisibility"];
        });
        const outcomes = await evaluatePolicy(policy(INTRANODE), autopilot, PROD);
        expect(outcomes).toEqual([]);
    });

    test("boot-disk CMEK: a teammate's pool without it is caught; in a first preview the key is unknown, so not evaluated", async () => {
        const pool = added(T.pool, "teammate-pool", { cluster: "c", nodeConfig: { machineType: "e2-standard-4" } });
        const found = violations(await evaluatePolicy(policy(CMEK), [...prod, pool], PROD), CMEK);
        expect(found).toHaveLength(1);
        expect(found[0].urn).toContain("teammate-pool");
        expect(found[0].message).toContain("nodeConfig.bootDiskKmsKey is not set");
        const { resources } = await runStack("gcp-prod", {}, { preview: true });
        const pools = (await evaluatePolicy(policy(CMEK), resources, PROD)).filter((o) => o.urn?.includes("nodePool:NodePool"));
        expect(pools.length).toBeGreaterThan(0);
        expect(new Set(pools.map((o) => o.status))).toEqual(new Set(["not-evaluated"]));
    });

    test("a removed default pool's boot disk is not judged", async () => {
        await compliant(
            CMEK,
            variant(prod, T.cluster, (p) => delete obj(p, "nodeConfig")["bootDiskKmsKey"]),
        );
    });
});

describe("node auto-provisioning keeps the node controls (issue 14)", () => {
    const NAP = "clusterAutoscaling.autoProvisioningDefaults";
    const hardenedDefaults = {
        serviceAccount: "nodes@acme-platform-prod.iam.gserviceaccount.com",
        imageType: "COS_CONTAINERD",
        bootDiskKmsKey: "projects/acme-platform-prod/locations/europe-west1/keyRings/r/cryptoKeys/disks",
        shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
        management: { autoRepair: true, autoUpgrade: true },
    };
    const withNap = (defaults: Record<string, unknown> | undefined) =>
        variant(prod, T.cluster, (p) => {
            p["clusterAutoscaling"] = {
                ...obj(p, "clusterAutoscaling"),
                enabled: true,
                ...(defaults ? { autoProvisioningDefaults: defaults } : {}),
            };
            p["nodePoolAutoConfig"] = { nodeKubeletConfig: { insecureKubeletReadonlyPortEnabled: "FALSE" } };
        });

    test("hardened auto-provisioning defaults pass every pool policy", async () => {
        for (const name of [
            "gcp-gke-pool-deny-default-service-account",
            "gcp-gke-pool-require-cos-image",
            CMEK,
            "gcp-gke-pool-require-shielded-nodes",
            "gcp-gke-pool-require-auto-upgrade",
            "gcp-gke-pool-require-metadata-server",
            KUBELET,
        ]) {
            await compliant(name, withNap(hardenedDefaults));
        }
    });

    test("auto-provisioning without defaults is caught by each pool policy, naming the defaults block", async () => {
        const bare = withNap(undefined);
        expect(await messages("gcp-gke-pool-require-cos-image", bare)).toEqual([
            `[HC-NODE-04] ${NAP}.imageType is unset; set imageType "COS_CONTAINERD" (Container-Optimized OS)`,
        ]);
        expect(await messages(CMEK, bare)).toEqual([expect.stringContaining(`${NAP}.bootDiskKmsKey is not set`)]);
        expect(await messages("gcp-gke-pool-require-shielded-nodes", bare)).toEqual([
            expect.stringContaining(`${NAP}.shieldedInstanceConfig.enableSecureBoot is undefined`),
        ]);
        expect(await messages("gcp-gke-pool-require-auto-upgrade", bare)).toEqual([
            expect.stringContaining(`${NAP}.management has autoRepair undefined and autoUpgrade undefined`),
        ]);
        expect(await messages("gcp-gke-pool-deny-default-service-account", bare)).toEqual([
            expect.stringContaining(`${NAP}.serviceAccount`),
        ]);
    });

    test("the defaults are not judged while auto-provisioning is off", async () => {
        const off = variant(prod, T.cluster, (p) => {
            p["clusterAutoscaling"] = { ...obj(p, "clusterAutoscaling"), enabled: false, autoProvisioningDefaults: {} };
        });
        await compliant("gcp-gke-pool-require-cos-image", off);
    });
});
