import * as k8s from "@pulumi/kubernetes";
import { MESH_AGENT_EXCEPTION } from "../../components/kubernetes/platform-namespace";
import { trafficEncryptionKind } from "../../components/shared/handover-plan";
import { ISTIO_DATAPLANE_MODE_LABEL } from "../../core/kubernetes-labels";
import { CapturedResource } from "../harness";
import { nonEmpty } from "../harness/non-empty";
import { capture, edit, messages, named, statusesOf, unknownAt, without } from "./edits";
import { runBaseline, testConfig } from "./fixture";
import { evaluate } from "./policy-helpers";

const ISTIO_REPO = "https://istio-release.storage.googleapis.com/charts";
const PEER = "test-baseline-mesh-strict-mtls";

let prod: CapturedResource[];
let dev: CapturedResource[];
beforeAll(async () => {
    prod = (await runBaseline(testConfig())).resources;
    dev = (await runBaseline(testConfig({ environment: "dev", "aws:allowedAccountIds": undefined }))).resources;
});

describe("traffic encryption: which kind each cloud gets (HC-NET-07)", () => {
    test.each([
        ["aws", true, "istio-ambient"],
        ["azure", true, "istio-ambient"],
        ["gcp", true, "dataplane"],
        ["aws", false, "none"],
        ["gcp", false, "none"],
    ] as const)("%s with trafficEncryption.enabled %s: %s", (cloud, enabled, kind) => {
        expect(trafficEncryptionKind({ cloud, trafficEncryption: { enabled } })).toBe(kind);
    });
});

describe("Istio ambient in the baseline (hand-over kind istio-ambient)", () => {
    test("four pinned releases from the Istio repository, in install order, each after the previous one", () => {
        const releases = prod.filter((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name.startsWith("test-baseline-mesh-"));
        expect(releases.map((r) => [r.props["name"], r.props["chart"], r.props["version"], r.props["repositoryOpts"]])).toEqual([
            ["istio-base", "base", "1.30.5", { repo: ISTIO_REPO }],
            ["istiod", "istiod", "1.30.5", { repo: ISTIO_REPO }],
            ["istio-cni", "cni", "1.30.5", { repo: ISTIO_REPO }],
            ["ztunnel", "ztunnel", "1.30.5", { repo: ISTIO_REPO }],
        ]);
        expect(releases.map((r) => r.props["namespace"])).toEqual(["istio-system", "istio-system", "istio-system", "istio-system"]);
        expect(releases[1].props["values"]).toEqual({ profile: "ambient", global: { networkPolicy: { enabled: true } } });
        expect(releases[2].props["values"]).toEqual({ profile: "ambient", global: { networkPolicy: { enabled: true } } });
        for (const [i, release] of nonEmpty([...releases.slice(1).entries()])) expect(release.dependencies).toContain(releases[i].urn);
        const strict = named(prod, PEER);
        expect(strict.dependencies).toContain(releases[3].urn);
    });

    test("istio-system is a privileged platform namespace carrying the mesh agents' reviewed exception", () => {
        const ns = named(prod, "test-baseline-mesh-ns");
        const metadata = ns.props["metadata"] as { labels: Record<string, string>; annotations: Record<string, string> };
        expect(metadata.labels).toMatchObject({
            "pod-security.kubernetes.io/enforce": "privileged",
            "hardened-cluster.io/platform": "true",
        });
        expect(metadata.annotations["exceptions.hardened-cluster.io/HC-ISO-01"]).toBe(
            `expires=${MESH_AGENT_EXCEPTION.expires} approver=${MESH_AGENT_EXCEPTION.approver} reason=${MESH_AGENT_EXCEPTION.reason}`,
        );
    });

    test("mesh-wide STRICT mutual TLS: PeerAuthentication default in istio-system without a selector", () => {
        expect(named(prod, PEER)).toMatchObject({
            type: "kubernetes:security.istio.io/v1:PeerAuthentication",
            props: { metadata: { name: "default", namespace: "istio-system" }, spec: { mtls: { mode: "STRICT" } } },
        });
    });

    test("tenant namespaces join the mesh and admit the kubelet probes' SNAT address; same-namespace traffic names no ports (HBONE 15008 passes)", () => {
        for (const tenant of nonEmpty(["payments", "search"])) {
            const labels = (named(prod, `test-baseline-tenant-${tenant}-ns`).props["metadata"] as { labels: Record<string, string> })
                .labels;
            expect(labels[ISTIO_DATAPLANE_MODE_LABEL]).toBe("ambient");
            expect(named(prod, `test-baseline-tenant-${tenant}-allow-mesh-probes`).props["spec"]).toEqual({
                podSelector: {},
                policyTypes: ["Ingress"],
                ingress: [{ from: [{ ipBlock: { cidr: "169.254.7.127/32" } }] }],
            });
        }
        expect(named(prod, "test-baseline-tenant-payments-allow-same-namespace").props["spec"]).toMatchObject({
            ingress: [{ from: [{ podSelector: {} }] }],
        });
    });

    test("encryption off (dev default): no mesh, no ambient label, no probe policy", () => {
        expect(dev.filter((r) => r.name.startsWith("test-baseline-mesh"))).toEqual([]);
        const labels = (named(dev, "test-baseline-tenant-payments-ns").props["metadata"] as { labels: Record<string, string> }).labels;
        expect(labels[ISTIO_DATAPLANE_MODE_LABEL]).toBeUndefined();
        expect(dev.filter((r) => r.name.endsWith("-allow-mesh-probes"))).toEqual([]);
    });
});

describe("kubernetes-peerauthentication-deny-plaintext (HC-NET-07)", () => {
    const NAME = "kubernetes-peerauthentication-deny-plaintext";

    test("the baseline's mesh-wide STRICT policy passes", async () => {
        expect(statusesOf(await evaluate(NAME, prod))).toEqual(["pass"]);
    });

    test("wrong value: the mesh-wide policy set to PERMISSIVE", async () => {
        expect(messages(await evaluate(NAME, edit(prod, PEER, "spec.mtls.mode", "PERMISSIVE")))).toEqual([
            "[HC-NET-07] PeerAuthentication istio-system/default sets mtls.mode PERMISSIVE, which accepts unencrypted traffic between pods; set it to STRICT (or remove it to inherit the mesh-wide STRICT policy)",
        ]);
    });

    test("a tenant namespace opting out (DISABLE) and a port-level PERMISSIVE are violations", async () => {
        const added = await capture(() => {
            new k8s.apiextensions.CustomResource("opt-out", {
                apiVersion: "security.istio.io/v1",
                kind: "PeerAuthentication",
                metadata: { name: "plaintext", namespace: "payments" },
                spec: { mtls: { mode: "DISABLE" } },
            });
            new k8s.apiextensions.CustomResource("port-opt-out", {
                apiVersion: "security.istio.io/v1beta1",
                kind: "PeerAuthentication",
                metadata: { name: "metrics", namespace: "search" },
                spec: {
                    selector: { matchLabels: { app: "api" } },
                    mtls: { mode: "STRICT" },
                    portLevelMtls: { "9090": { mode: "PERMISSIVE" } },
                },
            });
        });
        expect(messages(await evaluate(NAME, [...prod, ...added]))).toEqual([
            "[HC-NET-07] PeerAuthentication payments/plaintext sets mtls.mode DISABLE, which accepts unencrypted traffic between pods; set it to STRICT (or remove it to inherit the mesh-wide STRICT policy)",
            "[HC-NET-07] PeerAuthentication search/metrics sets portLevelMtls[9090].mode PERMISSIVE, which accepts unencrypted traffic between pods; set it to STRICT (or remove it to inherit the mesh-wide STRICT policy)",
        ]);
    });

    test("a mode unknown in preview is not evaluated, never passed", async () => {
        expect(statusesOf(await evaluate(NAME, unknownAt(prod, PEER, "spec.mtls.mode")))).toEqual(["not-evaluated"]);
    });
});

describe("kubernetes-stack-require-strict-mtls (HC-NET-07)", () => {
    const NAME = "kubernetes-stack-require-strict-mtls";

    test("passes on the baseline with the mesh; not applicable without one", async () => {
        expect(statusesOf(await evaluate(NAME, prod))).toEqual(["pass"]);
        // Not applicable: no outcome at all.
        expect(await evaluate(NAME, dev)).toEqual([]);
    });

    test("unset: the mesh-wide policy without a mode (Istio's default is PERMISSIVE)", async () => {
        expect(messages(await evaluate(NAME, edit(prod, PEER, "spec.mtls.mode", undefined)))).toEqual([
            "[HC-NET-07] the stack runs Istio ambient (Helm release test-baseline-mesh-ztunnel installs ztunnel) without a mesh-wide STRICT PeerAuthentication: PeerAuthentication istio-system/default (mode null), so meshed pods still accept plaintext (Istio's default is PERMISSIVE); add PeerAuthentication default in istio-system with spec.mtls.mode STRICT and no selector",
        ]);
    });

    test("removed, or scoped to one workload: the mesh has no mesh-wide STRICT policy", async () => {
        const removed = messages(await evaluate(NAME, without(prod, PEER)));
        expect(removed).toEqual([
            expect.stringContaining("without a mesh-wide STRICT PeerAuthentication, so meshed pods still accept plaintext"),
        ]);
        const scoped = edit(prod, PEER, "spec.selector", { matchLabels: { app: "api" } });
        expect(messages(await evaluate(NAME, scoped))).toEqual([expect.stringContaining("without a mesh-wide STRICT PeerAuthentication")]);
    });

    test("a namespace enrolled in ambient without ztunnel's release is still a mesh that needs the policy", async () => {
        const stack = without(without(prod, "test-baseline-mesh-ztunnel"), PEER);
        expect(messages(await evaluate(NAME, stack))).toEqual([
            expect.stringContaining(
                "Namespace payments is labelled istio.io/dataplane-mode=ambient) without a mesh-wide STRICT PeerAuthentication",
            ),
        ]);
    });
});
