import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childOpts } from "./options";
import { CHARTS } from "./charts";
import { platformNamespace } from "./platform-namespace";
import { BaselineHandover, RUNTIME_ALERTS_SERVICE_ACCOUNT } from "../shared/handover";
import { CHART_IMAGES, withImageMirror } from "./image-mirror";

export const FALCO_NAMESPACE = RUNTIME_ALERTS_SERVICE_ACCOUNT.namespace;

/**
 * The falco chart's values (9.1.1; falcosidekick keys checked against falcosecurity/charts' falcosidekick
 * templates). Falco writes every alert as JSON to stdout, which the cloud's container log agent ships
 * (AKS Container Insights, GKE Cloud Logging). When the hand-over names a destination (runtimeAlerts:
 * falcosidekick's `config`, e.g. `aws.cloudwatchlogs` on EKS, where the node agent is not installed),
 * falcosidekick runs and forwards each alert there too, authenticated as its service account
 * (RUNTIME_ALERTS_SERVICE_ACCOUNT, which the cloud layer binds to an identity by name: EKS Pod Identity).
 * Without one it is not deployed: it would forward to nowhere.
 */
export function falcoValues(
    tolerations: readonly k8s.types.input.core.v1.Toleration[],
    alerts: BaselineHandover<pulumi.Input<string>>["runtimeAlerts"],
): Record<string, unknown> {
    const forward = Object.keys(alerts.falcosidekickConfig).length > 0;
    return {
        driver: { kind: "modern_ebpf" },
        tolerations: [...tolerations],
        falco: { json_output: true },
        // falcosidekick.enabled makes the chart point Falco's http_output at it.
        falcosidekick: forward
            ? { enabled: true, webui: { enabled: false }, config: { ...alerts.falcosidekickConfig } }
            : { enabled: false },
    };
}

export interface RuntimeDefenceArgs {
    /** Tolerations for every pool's taints (system, isolated), so Falco watches every node. */
    readonly tolerations: k8s.types.input.core.v1.Toleration[];
    readonly kubernetesVersion: string;
    /** The hand-over's runtimeAlerts: where falcosidekick forwards alerts (none: stdout only). */
    readonly alerts: BaselineHandover<pulumi.Input<string>>["runtimeAlerts"];
    /** The hand-over's imageMirror: upstream host → mirror prefix. */
    readonly imageMirror?: Readonly<Record<string, string>>;
}

/**
 * HC-RUN-02: Falco watches system calls on every node through the modern eBPF probe (no kernel module,
 * no headers to download); HC-RUN-03: its alerts leave the cluster (falcoValues).
 */
export class RuntimeDefence extends pulumi.ComponentResource {
    constructor(name: string, args: RuntimeDefenceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:kubernetes:RuntimeDefence", name, {}, opts);
        // Falco needs host PID, host paths and BPF: the privileged level, with a reviewed exception.
        const namespace = platformNamespace(
            `${name}-ns`,
            { namespace: FALCO_NAMESPACE, enforce: "privileged", kubernetesVersion: args.kubernetesVersion },
            childOpts(this, opts),
        );
        new k8s.helm.v3.Release(
            `${name}-falco`,
            {
                name: "falco",
                chart: CHARTS.falco.chart,
                version: CHARTS.falco.version,
                repositoryOpts: { repo: CHARTS.falco.repo },
                namespace: namespace.metadata.name,
                values: withImageMirror(falcoValues(args.tolerations, args.alerts), CHART_IMAGES.falco.images, args.imageMirror),
                atomic: true,
                cleanupOnFail: true,
            },
            childOpts(this, opts),
        );
        this.registerOutputs({});
    }
}
