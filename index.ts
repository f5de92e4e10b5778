import { connectCloud } from "./components/connect-cloud";
import { loadStackConfig } from "./config/load";
import { buildStack } from "./stack";

// Read and validate the stack config (one error listing every bad key), connect to the cloud with the
// stack's provider settings and check the credentials against the stack's identity guard (nothing is
// created when they do not match), then build the cloud's hardened cluster and the Kubernetes baseline
// on it. Pulumi calls the exported function and exports what it returns as the stack outputs.
export = async () => {
    const config = loadStackConfig();
    return buildStack(config, await connectCloud(config));
};
