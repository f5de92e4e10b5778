/**
 * Every Helm chart the baseline installs, pinned to an exact version (an unpinned chart upgrades
 * itself on the next `pulumi up`). Bump deliberately, after reading the chart's changelog.
 * These pins were chosen offline and must be checked against the repositories before first use.
 */
export interface ChartPin {
    readonly chart: string;
    readonly version: string;
    readonly repo: string;
}

export const CHARTS = {
    /** HC-SUP-04: Sigstore policy-controller (app v0.13.x), verifies image signatures at admission. */
    policyController: { chart: "policy-controller", version: "0.10.6", repo: "https://sigstore.github.io/helm-charts" },
    /** HC-RUN-02: Falco runtime detection with falcosidekick as its alert forwarder. */
    falco: { chart: "falco", version: "9.1.1", repo: "https://falcosecurity.github.io/charts" },
    /** In-cluster log shipping, when monitoring is "in-cluster". */
    fluentBit: { chart: "fluent-bit", version: "0.47.0", repo: "https://fluent.github.io/helm-charts" },
    /** In-cluster metrics (Prometheus operator, node exporter, kube-state-metrics), when monitoring is "in-cluster". */
    kubePrometheusStack: { chart: "kube-prometheus-stack", version: "67.8.0", repo: "https://prometheus-community.github.io/helm-charts" },
    /**
     * HC-NET-07: Istio in ambient mode (base CRDs, istiod, the istio-cni node agent, ztunnel), one release of one
     * version for all four charts, as Istio requires. 1.30 supports Kubernetes 1.32 to 1.36 (istio.io supported
     * releases); 1.30.5 is the patch release of 2026-09-21. Values checked against the ambient Helm install guide.
     */
    istioBase: { chart: "base", version: "1.30.5", repo: "https://istio-release.storage.googleapis.com/charts" },
    istiod: { chart: "istiod", version: "1.30.5", repo: "https://istio-release.storage.googleapis.com/charts" },
    istioCni: { chart: "cni", version: "1.30.5", repo: "https://istio-release.storage.googleapis.com/charts" },
    ztunnel: { chart: "ztunnel", version: "1.30.5", repo: "https://istio-release.storage.googleapis.com/charts" },
    /**
     * EKS node autoscaling (issue 14), installed through the AWS hand-over's clusterAddons. Chart 9.52.1 is
     * published with app version 1.34.1 (not confirmed from the chart's own Chart.yaml offline), so the AWS
     * plan pins image.tag to v1.34.1 explicitly: the autoscaler's minor must match the cluster's.
     */
    clusterAutoscaler: { chart: "cluster-autoscaler", version: "9.52.1", repo: "https://kubernetes.github.io/autoscaler" },
} as const satisfies Record<string, ChartPin>;
