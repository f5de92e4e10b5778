import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "./config/errors";
import { loadStackConfig } from "./config/load";
import { buildStack } from "./stack";

// Read and validate the stack config (one error listing every bad key), then build the layers it asks
// for: the cloud's hardened cluster, the Kubernetes baseline on it, or both. Pulumi calls the exported
// function and exports what it resolves to as the stack outputs. A hand-over that cannot be used is
// reported like a config error: every bad field, no stack trace.
export = async () => {
    try {
        return await buildStack(loadStackConfig());
    } catch (e) {
        if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
        throw e;
    }
};
