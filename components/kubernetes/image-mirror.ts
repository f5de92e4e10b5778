import { CHARTS } from "./charts";

/**
 * Where each chart the baseline installs names its images, and which upstream image each value holds at the
 * pinned version, so that the hand-over's `imageMirror` (upstream host → mirror prefix) can point the Helm
 * values at the environment's registry. Three shapes of value:
 * - "repository": one value holds host and path ("ghcr.io/sigstore/policy-controller/policy-controller");
 * - "registry": the chart splits host ("docker.io") and path ("falcosecurity/falco") and joins them with "/";
 * - "hub": Istio's prefix ("docker.io/istio"), to which each component appends its image name.
 * Tags and digests are left alone: a mirror serves the same tags (ECR pull-through cache, ACR cache rules,
 * Artifact Registry remote repositories all do).
 */
export type ImageValues =
    | { readonly kind: "repository"; readonly repository: string }
    | { readonly kind: "registry"; readonly registry: string; readonly repository: string }
    | { readonly kind: "hub"; readonly hubs: readonly string[] };

export interface ChartImage {
    /** The image (or, for a hub, the prefix) as the chart pulls it, fully qualified, without tag: "docker.io/falcosecurity/falco". */
    readonly upstream: string;
    /** The dotted value paths that name it. */
    readonly values: ImageValues;
}

export interface ChartImages {
    /** Where the value paths were checked, and what is not confirmed at the pinned version. */
    readonly checked: string;
    readonly images: readonly ChartImage[];
}

const reg = (registry: string, repository: string): ImageValues => ({ kind: "registry", registry, repository });
const repo = (repository: string): ImageValues => ({ kind: "repository", repository });

/**
 * One entry per pinned chart (CHARTS' keys). Paths were read from the charts' values.yaml in their source
 * repositories offline, at versions near (not always at) the pins: a first install with a mirror must confirm
 * that every pod's image points at the mirror (`kubectl get pods -A -o jsonpath='{..image}'`).
 */
export const CHART_IMAGES: Readonly<Record<keyof typeof CHARTS, ChartImages>> = {
    policyController: {
        checked: "sigstore/helm-charts charts/policy-controller/values.yaml (0.7.x; same keys assumed at 0.10.6, unconfirmed)",
        images: [
            { upstream: "ghcr.io/sigstore/policy-controller/policy-controller", values: repo("webhook.image.repository") },
            // The pre-delete hook that removes the webhook's leases.
            { upstream: "cgr.dev/chainguard/kubectl", values: repo("leasescleanup.image.repository") },
        ],
    },
    falco: {
        checked:
            "falcosecurity/charts charts/falco/values.yaml and charts/falcosidekick/values.yaml (recent master; same keys assumed at 9.1.1, unconfirmed). falcoctl's rules and plugins are OCI artifacts from ghcr.io, not images: not mirrored here.",
        images: [
            { upstream: "docker.io/falcosecurity/falco", values: reg("image.registry", "image.repository") },
            // Not started with driver.kind modern_ebpf, rewritten all the same so a driver change keeps the mirror.
            {
                upstream: "docker.io/falcosecurity/falco-driver-loader",
                values: reg("driver.loader.initContainer.image.registry", "driver.loader.initContainer.image.repository"),
            },
            { upstream: "docker.io/falcosecurity/falcoctl", values: reg("falcoctl.image.registry", "falcoctl.image.repository") },
            // The falcosidekick subchart (deployed when the hand-over names an alert destination).
            {
                upstream: "docker.io/falcosecurity/falcosidekick",
                values: reg("falcosidekick.image.registry", "falcosidekick.image.repository"),
            },
        ],
    },
    fluentBit: {
        checked: "fluent/helm-charts charts/fluent-bit/values.yaml (recent master; same keys assumed at 0.47.0, unconfirmed)",
        images: [
            { upstream: "cr.fluentbit.io/fluent/fluent-bit", values: repo("image.repository") },
            // Only `helm test` starts it; Docker Hub's implicit docker.io/library/.
            { upstream: "busybox", values: repo("testFramework.image.repository") },
        ],
    },
    kubePrometheusStack: {
        checked:
            "prometheus-community/helm-charts kube-prometheus-stack values.yaml and its kube-state-metrics and prometheus-node-exporter subcharts: registry/repository keys from the chart's documentation, NOT confirmed offline at 67.8.0 (grafana and thanos ruler are disabled, so not listed)",
        images: [
            {
                upstream: "quay.io/prometheus-operator/prometheus-operator",
                values: reg("prometheusOperator.image.registry", "prometheusOperator.image.repository"),
            },
            {
                upstream: "quay.io/prometheus-operator/prometheus-config-reloader",
                values: reg(
                    "prometheusOperator.prometheusConfigReloader.image.registry",
                    "prometheusOperator.prometheusConfigReloader.image.repository",
                ),
            },
            {
                upstream: "registry.k8s.io/ingress-nginx/kube-webhook-certgen",
                values: reg(
                    "prometheusOperator.admissionWebhooks.patch.image.registry",
                    "prometheusOperator.admissionWebhooks.patch.image.repository",
                ),
            },
            {
                upstream: "quay.io/prometheus/prometheus",
                values: reg("prometheus.prometheusSpec.image.registry", "prometheus.prometheusSpec.image.repository"),
            },
            {
                upstream: "quay.io/prometheus/alertmanager",
                values: reg("alertmanager.alertmanagerSpec.image.registry", "alertmanager.alertmanagerSpec.image.repository"),
            },
            {
                upstream: "registry.k8s.io/kube-state-metrics/kube-state-metrics",
                values: reg("kube-state-metrics.image.registry", "kube-state-metrics.image.repository"),
            },
            {
                upstream: "quay.io/prometheus/node-exporter",
                values: reg("prometheus-node-exporter.image.registry", "prometheus-node-exporter.image.repository"),
            },
        ],
    },
    // Istio's charts are released with hub docker.io/istio. istiod and istio-cni read global.hub; ztunnel reads its
    // top-level hub (1.24+ flattened values); both keys are set on the node agents so either layout takes the mirror.
    // Checked against istio/istio manifests/charts (pre-1.24 layout) and the "Install with Helm" guide; 1.30.5 unconfirmed.
    istioBase: { checked: "istio/istio manifests/charts/base: CRDs and roles only, no image", images: [] },
    istiod: {
        checked: "istio/istio manifests/charts/istio-control/istio-discovery: pilot image from global.hub (1.30.5 unconfirmed)",
        images: [{ upstream: "docker.io/istio", values: { kind: "hub", hubs: ["global.hub"] } }],
    },
    istioCni: {
        checked: "istio/istio manifests/charts/istio-cni/values.yaml: install-cni image from hub or global.hub (1.30.5 unconfirmed)",
        images: [{ upstream: "docker.io/istio", values: { kind: "hub", hubs: ["global.hub", "hub"] } }],
    },
    ztunnel: {
        checked: "istio/istio manifests/charts/ztunnel/values.yaml: ztunnel image from hub or global.hub (1.30.5 unconfirmed)",
        images: [{ upstream: "docker.io/istio", values: { kind: "hub", hubs: ["global.hub", "hub"] } }],
    },
    clusterAutoscaler: {
        checked: "kubernetes/autoscaler charts/cluster-autoscaler/values.yaml (image.repository; 9.52.1 unconfirmed)",
        images: [{ upstream: "registry.k8s.io/autoscaling/cluster-autoscaler", values: repo("image.repository") }],
    },
};

const DOCKER_HUB_ALIASES = ["docker.io", "index.docker.io", "registry-1.docker.io"];

/**
 * An image reference split as a registry sees it: "busybox" → docker.io + library/busybox,
 * "falcosecurity/falco" → docker.io + falcosecurity/falco, "ghcr.io/sigstore/x" → ghcr.io + sigstore/x
 * (the first component is a host when it has a dot or a port, or is localhost, as Docker reads it).
 */
export function splitImage(image: string): { readonly host: string; readonly path: string } {
    const { host, path } = splitHost(image);
    return host === "docker.io" && !path.includes("/") ? { host, path: `library/${path}` } : { host, path };
}

/** Host and the rest, without Docker Hub's library/ (an Istio hub "docker.io/istio" names an organisation, not an image). */
function splitHost(reference: string): { readonly host: string; readonly path: string } {
    const slash = reference.indexOf("/");
    const first = slash < 0 ? "" : reference.slice(0, slash);
    const explicitHost = first !== "" && (first.includes(".") || first.includes(":") || first === "localhost");
    const host = explicitHost ? first : "docker.io";
    const path = explicitHost ? reference.slice(slash + 1) : reference;
    return { host: DOCKER_HUB_ALIASES.includes(host) ? "docker.io" : host, path };
}

/** The mirror prefix for an image's host, without trailing slash; undefined when the host is not mirrored. */
function prefixFor(host: string, mirror: Readonly<Record<string, string>> | undefined): string | undefined {
    const prefix = mirror?.[host] ?? (host === "docker.io" ? DOCKER_HUB_ALIASES.map((h) => mirror?.[h]).find(Boolean) : undefined);
    return prefix === undefined || prefix === "" ? undefined : prefix.replace(/\/+$/, "");
}

/**
 * "ghcr.io/sigstore/x" with { "ghcr.io": "<ecr>/ghcr" } → "<ecr>/ghcr/sigstore/x"; undefined when its host is not
 * mirrored. `hub`: the reference is a prefix (Istio's "docker.io/istio"), never given Docker Hub's library/.
 */
export function mirroredImage(image: string, mirror: Readonly<Record<string, string>> | undefined, hub = false): string | undefined {
    const { host, path } = hub ? splitHost(image) : splitImage(image);
    const prefix = prefixFor(host, mirror);
    return prefix === undefined ? undefined : `${prefix}/${path}`;
}

function setPath(target: Record<string, unknown>, dotted: string, value: string): void {
    const keys = dotted.split(".");
    let node = target;
    for (const key of keys.slice(0, -1)) {
        const next = node[key];
        if (next === null || typeof next !== "object" || Array.isArray(next)) node[key] = {};
        node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = value;
}

/** The values overrides that point a chart's images at the mirror: {} when no image's host is mirrored. */
export function mirrorOverrides(
    images: readonly ChartImage[],
    mirror: Readonly<Record<string, string>> | undefined,
): Record<string, unknown> {
    const overrides: Record<string, unknown> = {};
    for (const image of images) {
        const { host, path } = image.values.kind === "hub" ? splitHost(image.upstream) : splitImage(image.upstream);
        const prefix = prefixFor(host, mirror);
        if (prefix === undefined) continue;
        const values = image.values;
        switch (values.kind) {
            case "repository":
                setPath(overrides, values.repository, `${prefix}/${path}`);
                break;
            case "registry":
                // The chart joins "<registry>/<repository>": the prefix may itself hold a path (".../dockerhub").
                setPath(overrides, values.registry, prefix);
                setPath(overrides, values.repository, path);
                break;
            case "hub":
                for (const hub of values.hubs) setPath(overrides, hub, `${prefix}/${path}`);
                break;
        }
    }
    return overrides;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}

/** `overrides` merged into a copy of `values` (plain objects recursively; anything else is replaced). */
function deepMerge(values: Readonly<Record<string, unknown>>, overrides: Readonly<Record<string, unknown>>): Record<string, unknown> {
    const merged: Record<string, unknown> = { ...values };
    for (const [key, value] of Object.entries(overrides)) {
        const current = merged[key];
        merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
    }
    return merged;
}

/**
 * A chart's values with its images pointed at the mirror. Returned unchanged (the same object) when the map is
 * unset or names none of the chart's hosts, so a stack without a mirror sees no diff.
 */
export function withImageMirror(
    values: Readonly<Record<string, unknown>>,
    images: readonly ChartImage[],
    mirror: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, unknown>> {
    const overrides = mirrorOverrides(images, mirror);
    return Object.keys(overrides).length === 0 ? values : deepMerge(values, overrides);
}

/** The pinned chart a Helm add-on installs, when it is one of CHARTS (same chart name and repository). */
export function pinnedChartKey(chart: { readonly name: string; readonly repo: string }): keyof typeof CHARTS | undefined {
    const keys = Object.keys(CHARTS) as (keyof typeof CHARTS)[];
    return keys.find((key) => CHARTS[key].chart === chart.name && CHARTS[key].repo === chart.repo);
}
