import * as pulumi from "@pulumi/pulumi";
import { assertNever } from "../core/vocabulary";
import { EksHardenedCluster } from "./aws";
import { AksHardenedCluster } from "./azure";
import { CloudConnection } from "./connect-cloud";
import { GkeHardenedCluster } from "./gcp";
import { CloudCluster } from "./shared/contract";

/**
 * The hardened cluster component for the connection's cloud, built with its provider (the cloud layer;
 * no Kubernetes provider: an all-layer run makes one, see shared/kubernetes-provider.ts).
 */
export function createCluster(connection: CloudConnection): pulumi.ComponentResource & CloudCluster {
    switch (connection.cloud) {
        case "aws": {
            const { config, provider, deployerArn } = connection;
            return new EksHardenedCluster(config.clusterName, { config, provider, deployerArn });
        }
        case "azure": {
            const { config, provider, deployer } = connection;
            return new AksHardenedCluster(config.clusterName, { config, provider, deployer });
        }
        case "gcp": {
            const { config, provider } = connection;
            return new GkeHardenedCluster(config.clusterName, { config, provider });
        }
        default:
            return assertNever(connection, "cloud");
    }
}
