import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BaselineLayerConfig } from "./config/layers";
import { HardenedConfig } from "./config/types";
import { assertNever } from "./core/vocabulary";
import { CloudConnection } from "./components/connect-cloud";
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

/**
 * The cloud layer, built with the checked cloud connection (components/connect-cloud.ts): the cluster and,
 * as outputs, the secret kubeconfig and the resolved hand-over.
 */
function buildCloudLayer(config: HardenedConfig, connection: CloudConnection) {
    const cluster = createCluster(connection);
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
export function buildClusterAndBaseline(config: HardenedConfig, connection: CloudConnection): StackOutputs {
    const { cluster, outputs } = buildCloudLayer(config, connection);
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

/**
 * A stack that builds a cluster (layer all or cluster): validated config and the checked cloud connection →
 * the chosen cloud's hardened cluster → (layer all) the Kubernetes baseline on it → stack outputs. A
 * baseline-layer stack has no cloud connection and goes to buildBaselineLayer instead (index.ts).
 */
export function buildStack(config: HardenedConfig, connection: CloudConnection): StackOutputs {
    switch (config.layer) {
        case "all":
            return buildClusterAndBaseline(config, connection);
        case "cluster":
            return buildCloudLayer(config, connection).outputs;
        default:
            return assertNever(config.layer, "layer");
    }
}
