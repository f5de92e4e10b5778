import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BaselineLayerConfig } from "./config/layers";
import { ProgramConfig } from "./config/program";
import { HardenedConfig } from "./config/types";
import { assertNever } from "./core/vocabulary";
import { createCluster } from "./components/create-cluster";
import { KubernetesBaseline } from "./components/kubernetes";
import { BaselineHandover, HANDOVER_OUTPUT, KUBECONFIG_OUTPUT } from "./components/shared/handover";
import { handoverFromExistingCluster } from "./components/shared/handover-plan";
import { HandoverError, parseHandover } from "./components/shared/handover-schema";
import { connectKubernetes } from "./components/shared/kubernetes-provider";

/** Stack outputs. The kubeconfig is a secret output; a cluster stack also exports the hand-over. */
export interface StackOutputs {
    readonly layer: string;
    readonly cloud: string;
    readonly environment: string;
    readonly clusterName: pulumi.Input<string>;
    readonly [more: string]: unknown;
}

/** The cloud layer: the cluster and, as outputs, the secret kubeconfig and the resolved hand-over. */
function buildCloudLayer(config: HardenedConfig) {
    const cluster = createCluster(config);
    const outputs = {
        layer: config.layer,
        cloud: config.cloud,
        environment: config.environment,
        clusterName: cluster.clusterName,
        [KUBECONFIG_OUTPUT]: pulumi.secret(cluster.kubeconfig),
        // Plain data once resolved: a baseline-layer stack reads it back with a StackReference.
        [HANDOVER_OUTPUT]: pulumi.output(cluster.handover),
        ...cluster.outputs,
    };
    return { cluster, outputs };
}

/**
 * Both layers in one program (layer all), in-process: the baseline goes through a provider built from
 * the component's kubeconfig and waits for the node pools. Config validation admits `all` only when the
 * deployer reaches the API from outside the network this run creates (config/reachability.ts).
 */
export function buildClusterAndBaseline(config: HardenedConfig): StackOutputs {
    const { cluster, outputs } = buildCloudLayer(config);
    const connected = connectKubernetes(config.clusterName, cluster);
    new KubernetesBaseline(`${config.clusterName}-baseline`, {
        handover: connected.handover,
        provider: connected.provider,
        dependsOn: connected.readyResources,
    });
    return outputs;
}

/** The cluster a baseline-layer stack applies to: its hand-over and (secret) kubeconfig. */
async function readBaselineSource(config: BaselineLayerConfig): Promise<{ handover: BaselineHandover; kubeconfig: pulumi.Output<string> }> {
    const { source } = config;
    switch (source.kind) {
        case "existing-cluster":
            return { handover: handoverFromExistingCluster(source.cluster), kubeconfig: pulumi.secret(source.kubeconfig) };
        case "cluster-stack": {
            const reference = new pulumi.StackReference("cluster-stack", { name: source.stackName });
            const [handover, kubeconfig] = await Promise.all([
                reference.getOutputDetails(HANDOVER_OUTPUT),
                reference.getOutputDetails(KUBECONFIG_OUTPUT),
            ]);
            const kubeconfigText = kubeconfig.secretValue ?? kubeconfig.value;
            if (typeof kubeconfigText !== "string" || kubeconfigText.length === 0) {
                throw new HandoverError(
                    [
                        {
                            key: KUBECONFIG_OUTPUT,
                            value: kubeconfigText === undefined ? undefined : "(not a string)",
                            allowed: `the secret kubeconfig output of a deployed cluster-layer stack: run \`pulumi up\` on ${source.stackName} first`,
                        },
                    ],
                    source.stackName,
                );
            }
            // Plain values from here on: the baseline is built from data, never from resources inside an apply.
            return {
                handover: parseHandover(handover.value ?? handover.secretValue, source.stackName),
                kubeconfig: pulumi.secret(kubeconfigText),
            };
        }
        default:
            return assertNever(source, "baseline source");
    }
}

/** The Kubernetes baseline alone (layer baseline), on a cluster from a cluster-layer stack or one already running. */
export async function buildBaselineLayer(config: BaselineLayerConfig): Promise<StackOutputs> {
    const { handover, kubeconfig } = await readBaselineSource(config);
    const name = handover.clusterName;
    const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig, enableServerSideApply: true });
    const baseline = new KubernetesBaseline(`${name}-baseline`, { handover, provider, dependsOn: [] });
    return {
        layer: "baseline",
        cloud: handover.cloud,
        environment: handover.environment,
        clusterName: name,
        tenantNamespaces: baseline.tenantNamespaces,
    };
}

/** Validated config → the layers it asks for → stack outputs. */
export async function buildStack(config: ProgramConfig): Promise<StackOutputs> {
    switch (config.layer) {
        case "all":
            return buildClusterAndBaseline(config);
        case "cluster":
            return buildCloudLayer(config).outputs;
        case "baseline":
            return buildBaselineLayer(config);
        default:
            return assertNever(config, "layer");
    }
}
