import { baselineReleases, unmirroredBaselineImages } from "../../components/kubernetes/baseline-images";
import { CHARTS } from "../../components/kubernetes/charts";
import { addonValues } from "../../components/kubernetes/cluster-addons";
import {
    CHART_IMAGES,
    ChartImage,
    mirroredImage,
    mirrorOverrides,
    pinnedChartKey,
    splitImage,
    withImageMirror,
} from "../../components/kubernetes/image-mirror";
import { NEUTRAL_HANDOVER_EXTRAS } from "../../components/shared/handover";
import { imageMirrorWarnings } from "../../tools/plan/image-mirror";
import { at, inputsOf } from "../harness";
import { nonEmpty } from "../harness/non-empty";
import { fakeHandover, runBaseline, testConfig } from "./fixture";

const ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
/** Every upstream host of the baseline's charts, each to its own prefix in the environment's registry. */
const ALL_HOSTS = {
    "ghcr.io": `${ECR}/ghcr`,
    "cgr.dev": `${ECR}/chainguard`,
    "docker.io": `${ECR}/dockerhub`,
    "cr.fluentbit.io": `${ECR}/fluentbit`,
    "quay.io": `${ECR}/quay`,
    "registry.k8s.io": `${ECR}/k8s`,
};

function get(values: Readonly<Record<string, unknown>>, dotted: string): unknown {
    return dotted.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], values);
}

/** The image a chart would pull after the overrides: registry/repository joined, or the repository or hub alone. */
function pulled(values: Readonly<Record<string, unknown>>, image: ChartImage): string[] {
    const v = image.values;
    switch (v.kind) {
        case "repository":
            return [String(get(values, v.repository))];
        case "registry":
            return [`${String(get(values, v.registry))}/${String(get(values, v.repository))}`];
        case "hub":
            return v.hubs.map((h) => String(get(values, h)));
    }
}

describe("image references as registries read them", () => {
    test.each([
        ["busybox", "docker.io", "library/busybox"],
        ["falcosecurity/falco", "docker.io", "falcosecurity/falco"],
        ["docker.io/falcosecurity/falco", "docker.io", "falcosecurity/falco"],
        ["index.docker.io/library/nginx", "docker.io", "library/nginx"],
        ["ghcr.io/sigstore/policy-controller/policy-controller", "ghcr.io", "sigstore/policy-controller/policy-controller"],
        ["localhost:5000/tools/x", "localhost:5000", "tools/x"],
        ["localhost/x", "localhost", "x"],
    ])("%s → host %s, path %s", (image, host, path) => {
        expect(splitImage(image)).toEqual({ host, path });
    });

    test("a mirrored host is replaced by its prefix (trailing slash ignored); an unlisted host is not mirrored", () => {
        const mirror = { "ghcr.io": `${ECR}/ghcr/` };
        expect(mirroredImage("ghcr.io/sigstore/policy-controller", mirror)).toBe(`${ECR}/ghcr/sigstore/policy-controller`);
        expect(mirroredImage("quay.io/prometheus/prometheus", mirror)).toBeUndefined();
        expect(mirroredImage("ghcr.io/x", undefined)).toBeUndefined();
        expect(mirroredImage("ghcr.io/x", { "ghcr.io": "" })).toBeUndefined();
    });

    test("Docker Hub images keep library/ for official images, whichever Docker Hub alias the map names", () => {
        expect(mirroredImage("busybox", { "docker.io": `${ECR}/dockerhub` })).toBe(`${ECR}/dockerhub/library/busybox`);
        expect(mirroredImage("falcosecurity/falco", { "registry-1.docker.io": `${ECR}/hub` })).toBe(`${ECR}/hub/falcosecurity/falco`);
        // An Istio hub names an organisation: no library/.
        expect(mirroredImage("docker.io/istio", { "docker.io": `${ECR}/dockerhub` }, true)).toBe(`${ECR}/dockerhub/istio`);
    });
});

describe("chart values overrides", () => {
    const charts = Object.entries(CHART_IMAGES).filter(([, c]) => c.images.length > 0);

    test.each(nonEmpty(charts))("%s: a mirrored host rewrites each of the chart's image paths", (_key, chart) => {
        const values = withImageMirror({ keep: { me: 1 } }, chart.images, ALL_HOSTS);
        expect(values["keep"]).toEqual({ me: 1 });
        for (const image of nonEmpty(chart.images)) {
            const expected = mirroredImage(image.upstream, ALL_HOSTS, image.values.kind === "hub");
            expect(expected).toBeDefined();
            for (const p of nonEmpty(pulled(values, image)))
                expect({ upstream: image.upstream, pulled: p }).toEqual({ upstream: image.upstream, pulled: expected });
        }
    });

    test.each(nonEmpty(charts))("%s: no map, an empty map or only unlisted hosts → the same values object", (_key, chart) => {
        const values = { a: 1 };
        expect(withImageMirror(values, chart.images, undefined)).toBe(values);
        expect(withImageMirror(values, chart.images, {})).toBe(values);
        expect(withImageMirror(values, chart.images, { "example.invalid": "mirror.example/x" })).toBe(values);
    });

    test("split registry/repository: the registry takes the whole prefix, the repository the path", () => {
        const falco = CHART_IMAGES.falco.images;
        const overrides = mirrorOverrides(falco, { "docker.io": `${ECR}/dockerhub` });
        expect(at(overrides, "image")).toEqual({ registry: `${ECR}/dockerhub`, repository: "falcosecurity/falco" });
        expect(at(overrides, "falcosidekick.image")).toEqual({ registry: `${ECR}/dockerhub`, repository: "falcosecurity/falcosidekick" });
    });

    test("overrides merge into existing values without dropping siblings (tags, tolerations)", () => {
        const values = { image: { tag: "v1.34.1", pullPolicy: "IfNotPresent" }, tolerations: [{ operator: "Exists" }] };
        const merged = withImageMirror(values, CHART_IMAGES.clusterAutoscaler.images, { "registry.k8s.io": `${ECR}/k8s` });
        expect(merged).toEqual({
            image: { tag: "v1.34.1", pullPolicy: "IfNotPresent", repository: `${ECR}/k8s/autoscaling/cluster-autoscaler` },
            tolerations: [{ operator: "Exists" }],
        });
        expect(values.image).toEqual({ tag: "v1.34.1", pullPolicy: "IfNotPresent" });
    });

    test("only the mirrored hosts of a chart change: policy-controller with ghcr.io alone keeps cgr.dev", () => {
        const overrides = mirrorOverrides(CHART_IMAGES.policyController.images, { "ghcr.io": `${ECR}/ghcr` });
        expect(overrides).toEqual({ webhook: { image: { repository: `${ECR}/ghcr/sigstore/policy-controller/policy-controller` } } });
    });

    test("a Helm add-on of a pinned chart gets the mirror; an add-on of another chart is left alone", () => {
        const autoscaler = {
            kind: "helm" as const,
            key: "cluster-autoscaler",
            namespace: "kube-system",
            chart: { name: CHARTS.clusterAutoscaler.chart, version: CHARTS.clusterAutoscaler.version, repo: CHARTS.clusterAutoscaler.repo },
            values: { image: { tag: "v1.34.1" } },
        };
        expect(pinnedChartKey(autoscaler.chart)).toBe("clusterAutoscaler");
        expect(at(addonValues(autoscaler, {}, ALL_HOSTS), "image")).toEqual({
            tag: "v1.34.1",
            repository: `${ECR}/k8s/autoscaling/cluster-autoscaler`,
        });
        const other = { ...autoscaler, chart: { name: "karpenter", version: "1.0.0", repo: "oci://public.ecr.aws/karpenter" } };
        expect(pinnedChartKey(other.chart)).toBeUndefined();
        expect(addonValues(other, {}, ALL_HOSTS)).toBe(other.values);
    });
});

describe("what the mirror does not cover (the offline plan's warnings)", () => {
    const base = fakeHandover(testConfig());

    test("no mirror configured: nothing is reported", () => {
        expect(unmirroredBaselineImages({ ...base, imageMirror: undefined })).toEqual([]);
        expect(unmirroredBaselineImages({ ...base, imageMirror: {} })).toEqual([]);
    });

    test("every host mirrored: nothing is reported", () => {
        expect(nonEmpty(baselineReleases({ ...base, imageMirror: ALL_HOSTS }).map((r) => r.release))).toContain("policy-controller");
        expect(unmirroredBaselineImages({ ...base, imageMirror: ALL_HOSTS })).toEqual([]);
    });

    test("a partial mirror lists each installed image of an unlisted host, and unknown add-on charts", () => {
        const handover = {
            ...base,
            imageMirror: { "ghcr.io": `${ECR}/ghcr` },
            trafficEncryption: { kind: "istio-ambient" as const, settings: {} },
            clusterAddons: [
                {
                    kind: "helm" as const,
                    key: "karpenter",
                    namespace: "kube-system",
                    chart: { name: "karpenter", version: "1.0.0", repo: "oci://public.ecr.aws/karpenter" },
                    values: {},
                },
            ],
        };
        const missing = unmirroredBaselineImages(handover);
        expect(missing).toEqual([
            "karpenter: the add-on's images are not in the blueprint's mirror table (components/kubernetes/image-mirror.ts)",
            "istiod: docker.io/istio",
            "istio-cni: docker.io/istio",
            "ztunnel: docker.io/istio",
            "policy-controller: cgr.dev/chainguard/kubectl",
            "falco: docker.io/falcosecurity/falco",
            "falco: docker.io/falcosecurity/falco-driver-loader",
            "falco: docker.io/falcosecurity/falcoctl",
        ]);
        const warnings = imageMirrorWarnings("aws-prod", { baselineHandover: JSON.parse(JSON.stringify(handover)) });
        expect(warnings).toHaveLength(missing.length);
        expect(warnings[1]).toEqual({
            stack: "aws-prod",
            kind: "image-mirror",
            message:
                "the image mirror does not cover istiod: docker.io/istio: it is still pulled from its upstream registry (add its host to the mirror)",
        });
    });

    test("a stack without a hand-over output, or whose hand-over has no mirror, gets no warning", () => {
        expect(imageMirrorWarnings("x", {})).toEqual([]);
        expect(imageMirrorWarnings("x", { baselineHandover: { ...NEUTRAL_HANDOVER_EXTRAS } })).toEqual([]);
    });
});

describe("the baseline under mocks with a mirror", () => {
    test("every Helm release's image values point at the mirror", async () => {
        const run = await runBaseline(testConfig({ baseline: { monitoring: "in-cluster" } }), {
            handover: { imageMirror: ALL_HOSTS, trafficEncryption: { kind: "istio-ambient", settings: {} } },
        });
        const release = (suffix: string) => {
            const found = run.resources.find((r) => r.type === "kubernetes:helm.sh/v3:Release" && r.name.endsWith(suffix));
            if (!found) throw new Error(`no release ${suffix}`);
            return inputsOf(found)["values"] as Record<string, unknown>;
        };
        const cases: [string, keyof typeof CHART_IMAGES][] = [
            ["-policy-controller", "policyController"],
            ["-runtime-falco", "falco"],
            ["-fluent-bit", "fluentBit"],
            ["-kube-prometheus-stack", "kubePrometheusStack"],
            ["-mesh-istiod", "istiod"],
            ["-mesh-istio-cni", "istioCni"],
            ["-mesh-ztunnel", "ztunnel"],
        ];
        for (const [suffix, key] of nonEmpty(cases)) {
            const values = release(suffix);
            for (const image of nonEmpty(CHART_IMAGES[key].images))
                for (const p of nonEmpty(pulled(values, image)))
                    expect({ suffix, pulled: p.startsWith(`${ECR}/`) }).toEqual({ suffix, pulled: true });
        }
        expect(at(release("-policy-controller"), "webhook.image.repository")).toBe(
            `${ECR}/ghcr/sigstore/policy-controller/policy-controller`,
        );
        expect(at(release("-mesh-ztunnel"), "hub")).toBe(`${ECR}/dockerhub/istio`);
        // The chart's own values stay.
        expect(at(release("-runtime-falco"), "driver.kind")).toBe("modern_ebpf");
        expect(at(release("-policy-controller"), "installCRDs")).toBe(true);
    });
});
