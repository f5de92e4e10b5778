import * as gcp from "@pulumi/gcp";
import { ReportViolation, ResourceValidationArgs, validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { onNodeSettings } from "./node-configs";

/** The provider's string enum: "TRUE" or "FALSE". */
function isOff(value: string | undefined): boolean {
    return (value ?? "").trim().toUpperCase() === "FALSE";
}

function state(value: string | undefined): string {
    return value === undefined ? "unset (GKE's version default, which serves the port on older versions)" : `"${value}"`;
}

const onPools = onNodeSettings(
    (settings, report) => {
        if (settings.autoProvisioned) return;
        const value = settings.nodeConfig?.kubeletConfig?.insecureKubeletReadonlyPortEnabled;
        if (!isOff(value)) {
            report(
                `${settings.nodeConfigPath}.kubeletConfig.insecureKubeletReadonlyPortEnabled is ${state(value)}, so every pod can read the node's pod specs without credentials on port 10255; set kubeletConfig { insecureKubeletReadonlyPortEnabled: "FALSE" }`,
            );
        }
    },
    { includeRemovedDefaultPool: false },
);

interface ClusterDefaults {
    readonly enableAutopilot?: boolean;
    readonly clusterAutoscaling?: { readonly enabled?: boolean };
    readonly nodePoolDefaults?: { readonly nodeConfigDefaults?: { readonly insecureKubeletReadonlyPortEnabled?: string } };
    readonly nodePoolAutoConfig?: { readonly nodeKubeletConfig?: { readonly insecureKubeletReadonlyPortEnabled?: string } };
}

/** The cluster's defaults: new pools (Standard) and auto-provisioned pools (Autopilot, node auto-provisioning). */
const onClusterDefaults = validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
    const c = cluster as unknown as ClusterDefaults;
    if (c.enableAutopilot !== true) {
        const value = c.nodePoolDefaults?.nodeConfigDefaults?.insecureKubeletReadonlyPortEnabled;
        if (!isOff(value)) {
            report(
                `nodePoolDefaults.nodeConfigDefaults.insecureKubeletReadonlyPortEnabled is ${state(value)}, so node pools created without their own kubeletConfig serve the unauthenticated port 10255; set it "FALSE"`,
            );
        }
    }
    if (c.enableAutopilot === true || c.clusterAutoscaling?.enabled === true) {
        const value = c.nodePoolAutoConfig?.nodeKubeletConfig?.insecureKubeletReadonlyPortEnabled;
        if (!isOff(value)) {
            report(
                `nodePoolAutoConfig.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled is ${state(value)}, so auto-provisioned nodes serve the unauthenticated port 10255; set it "FALSE"`,
            );
        }
    }
});

/**
 * HC-NODE-06 (CIS GKE 3.2.4). The kubelet's read-only port (10255) answers without authentication; GKE's
 * own firewall rules let every pod reach its node, so it hands pod specs (environment, images, mounts)
 * to any pod. Off on every NodePool and inline pool (kubeletConfig), as the Standard cluster's default for
 * pools created later (nodePoolDefaults, which GKE does not apply to existing pools) and, with Autopilot
 * or node auto-provisioning, for the pools GKE creates (nodePoolAutoConfig). A removed default pool is
 * not judged: it lives for the minutes of cluster creation, before any workload.
 */
export const gkePoolDenyKubeletReadonlyPort = controlResourcePolicy({
    name: "gcp-gke-pool-deny-kubelet-readonly-port",
    controlId: "HC-NODE-06",
    description:
        'GKE node pools and the cluster\'s pool defaults switch the kubelet read-only port off (insecureKubeletReadonlyPortEnabled "FALSE").',
    validateResource: async (args: ResourceValidationArgs, report: ReportViolation) => {
        if (!args.isType(gcp.container.Cluster)) return onPools(args, report);
        await onClusterDefaults(args, report);
        // Autopilot has no pools of its own to judge (onPools would call it not applicable).
        if ((args.props as ClusterDefaults).enableAutopilot !== true) await onPools(args, report);
    },
});
