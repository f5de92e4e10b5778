import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childOpts } from "./options";
import { CHARTS } from "./charts";
import { platformNamespace } from "./platform-namespace";

export const FALCO_NAMESPACE = "falco";

export interface RuntimeDefenceArgs {
    /** Tolerations for every pool's taints (system, isolated), so Falco watches every node. */
    readonly tolerations: k8s.types.input.core.v1.Toleration[];
    readonly kubernetesVersion: string;
}

/**
 * HC-RUN-02: Falco watches system calls on every node through the modern eBPF probe (no kernel module,
 * no headers to download) and falcosidekick forwards its alerts. JSON output to stdout means the cloud's
 * managed log collector also ships every alert out of the cluster.
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
                values: {
                    driver: { kind: "modern_ebpf" },
                    tolerations: args.tolerations,
                    // falcosidekick.enabled makes the chart point Falco's http_output at it.
                    falco: { json_output: true },
                    falcosidekick: { enabled: true, webui: { enabled: false } },
                },
                atomic: true,
                cleanupOnFail: true,
            },
            childOpts(this, opts),
        );
        this.registerOutputs({});
    }
}
