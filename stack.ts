import * as pulumi from "@pulumi/pulumi";
import { HardenedConfig } from "./config/types";
import { CloudConnection } from "./components/connect-cloud";
import { createCluster } from "./components/create-cluster";
import { KubernetesBaseline } from "./components/kubernetes";

/** Stack outputs. The kubeconfig is a secret output. */
export interface StackOutputs {
    readonly cloud: string;
    readonly environment: string;
    readonly clusterName: pulumi.Output<string>;
    readonly kubeconfig: pulumi.Output<string>;
    readonly [cloudSpecific: string]: unknown;
}

/**
 * Validated config and the checked cloud connection (components/connect-cloud.ts) → the chosen cloud's
 * hardened cluster → the Kubernetes baseline on it.
 */
export function buildStack(config: HardenedConfig, connection: CloudConnection): StackOutputs {
    const cluster = createCluster(connection);
    new KubernetesBaseline(`${config.clusterName}-baseline`, { config, cluster });
    return {
        cloud: config.cloud,
        environment: config.environment,
        clusterName: cluster.clusterName,
        kubeconfig: pulumi.secret(cluster.kubeconfig),
        ...cluster.outputs,
    };
}
