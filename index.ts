import * as pulumi from "@pulumi/pulumi";
import { connectCloud } from "./components/connect-cloud";
import { ConfigError } from "./config/errors";
import { loadStackConfig } from "./config/load";
import { buildBaselineLayer, buildStack } from "./stack";

// Read and validate the stack config (one error listing every bad key), then build the layers it asks
// for. A stack that builds a cluster (layer all or cluster) first connects to the cloud with the stack's
// provider settings and checks the credentials against the stack's identity guard (nothing is created
// when they do not match), then builds the cloud's hardened cluster and, with layer all, the Kubernetes
// baseline on it. A baseline-layer stack has no cloud provider: it reads the cluster from a cluster-layer
// stack (or an existing cluster's kubeconfig) and builds the baseline only. Pulumi calls the exported
// function and exports what it resolves to as the stack outputs. A hand-over that cannot be used is
// reported like a config error: every bad field, no stack trace.
export = async () => {
    try {
        const config = loadStackConfig();
        if (config.layer === "baseline") return await buildBaselineLayer(config);
        return buildStack(config, await connectCloud(config));
    } catch (e) {
        if (e instanceof ConfigError) throw new pulumi.RunError(e.message);
        throw e;
    }
};
