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
} as const satisfies Record<string, ChartPin>;
