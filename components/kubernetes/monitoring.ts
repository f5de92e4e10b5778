import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childOpts } from "./options";
import { CHARTS } from "./charts";
import { platformNamespace } from "./platform-namespace";
import { CHART_IMAGES, withImageMirror } from "./image-mirror";

export const MONITORING_NAMESPACE = "monitoring";

export interface InClusterMonitoringArgs {
    readonly tolerations: k8s.types.input.core.v1.Toleration[];
    readonly kubernetesVersion: string;
    /** The hand-over's imageMirror: upstream host → mirror prefix. */
    readonly imageMirror?: Readonly<Record<string, string>>;
}

/**
 * Metrics and logs collected inside the cluster (`baseline.monitoring: in-cluster`): Fluent Bit tails
 * container logs, kube-prometheus-stack scrapes nodes and workloads. With "managed" (the default) the
 * cloud's own agents (Container Insights, Azure Monitor, Cloud Logging/Monitoring) do this and the
 * baseline installs nothing. Where Fluent Bit ships to is cluster-specific and set through chart values.
 */
export class InClusterMonitoring extends pulumi.ComponentResource {
    constructor(name: string, args: InClusterMonitoringArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:kubernetes:InClusterMonitoring", name, {}, opts);
        // Fluent Bit reads /var/log through hostPath and node-exporter uses host PID/network: privileged, with exception.
        const namespace = platformNamespace(
            `${name}-ns`,
            { namespace: MONITORING_NAMESPACE, enforce: "privileged", kubernetesVersion: args.kubernetesVersion },
            childOpts(this, opts),
        );
        new k8s.helm.v3.Release(
            `${name}-fluent-bit`,
            {
                name: "fluent-bit",
                chart: CHARTS.fluentBit.chart,
                version: CHARTS.fluentBit.version,
                repositoryOpts: { repo: CHARTS.fluentBit.repo },
                namespace: namespace.metadata.name,
                values: withImageMirror({ tolerations: args.tolerations }, CHART_IMAGES.fluentBit.images, args.imageMirror),
                atomic: true,
                cleanupOnFail: true,
            },
            childOpts(this, opts),
        );
        new k8s.helm.v3.Release(
            `${name}-kube-prometheus-stack`,
            {
                name: "kube-prometheus-stack",
                chart: CHARTS.kubePrometheusStack.chart,
                version: CHARTS.kubePrometheusStack.version,
                repositoryOpts: { repo: CHARTS.kubePrometheusStack.repo },
                namespace: namespace.metadata.name,
                values: withImageMirror(
                    { "prometheus-node-exporter": { tolerations: args.tolerations }, grafana: { enabled: false } },
                    CHART_IMAGES.kubePrometheusStack.images,
                    args.imageMirror,
                ),
                atomic: true,
                cleanupOnFail: true,
            },
            childOpts(this, opts),
        );
        this.registerOutputs({});
    }
}
