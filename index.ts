import { loadStackConfig } from "./config/load";
import { buildStack } from "./stack";

// Read and validate the stack config (one error listing every bad key), then build the cloud's
// hardened cluster and the Kubernetes baseline on it. Pulumi calls the exported function and
// exports what it returns as the stack outputs.
export = () => buildStack(loadStackConfig());
