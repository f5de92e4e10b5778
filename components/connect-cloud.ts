import { HardenedConfig } from "../config/types";
import { assertNever } from "../core/vocabulary";
import { AwsConnection, connectAws } from "./aws/connection";
import { AzureConnection, connectAzure } from "./azure/connection";
import { connectGcp, GcpConnection } from "./gcp/connection";

/** The stack's explicit cloud provider, checked against the stack's identity guard, and the deployer. */
export type CloudConnection = AwsConnection | AzureConnection | GcpConnection;

/**
 * Creates the chosen cloud's explicit provider from the stack's provider settings and checks, through
 * it, that the credentials are the ones the stack is for, before any cloud resource is registered. A
 * mismatch is a RunError that names the config key; nothing is created.
 */
export function connectCloud(config: HardenedConfig): Promise<CloudConnection> {
    switch (config.cloud) {
        case "aws":
            return connectAws(config);
        case "azure":
            return connectAzure(config);
        case "gcp":
            return connectGcp(config);
        default:
            return assertNever(config, "cloud");
    }
}
