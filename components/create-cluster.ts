import * as pulumi from "@pulumi/pulumi";
import { HardenedConfig } from "../config/types";
import { assertNever } from "../core/vocabulary";
import { EksHardenedCluster } from "./aws";
import { AksHardenedCluster } from "./azure";
import { GkeHardenedCluster } from "./gcp";
import { CloudCluster } from "./shared/contract";

/** The hardened cluster component for the stack's cloud (the cloud layer; no Kubernetes provider). */
export function createCluster(config: HardenedConfig): pulumi.ComponentResource & CloudCluster {
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
