import { HardenedConfig } from "../config/types";
import { assertNever } from "../core/vocabulary";
import { EksHardenedCluster } from "./aws";
import { AksHardenedCluster } from "./azure";
import { GkeHardenedCluster } from "./gcp";
import { HardenedCluster } from "./shared/contract";

/** The hardened cluster component for the stack's cloud. */
export function createCluster(config: HardenedConfig): HardenedCluster {
    switch (config.cloud) {
        case "aws":
            return new EksHardenedCluster(config.clusterName, { config });
        case "azure":
            return new AksHardenedCluster(config.clusterName, { config });
        case "gcp":
            return new GkeHardenedCluster(config.clusterName, { config });
        default:
            return assertNever(config, "cloud");
    }
}
