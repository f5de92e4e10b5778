import { assertNever } from "../core/vocabulary";
import { EksHardenedCluster } from "./aws";
import { AksHardenedCluster } from "./azure";
import { CloudConnection } from "./connect-cloud";
import { GkeHardenedCluster } from "./gcp";
import { HardenedCluster } from "./shared/contract";

/** The hardened cluster component for the connection's cloud, built with its provider. */
export function createCluster(connection: CloudConnection): HardenedCluster {
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
