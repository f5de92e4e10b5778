import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

const CHANNELS = ["RAPID", "REGULAR", "STABLE", "EXTENDED"];

/** HC-NODE-05 (CIS GKE 5.5.4). A release channel keeps the control plane and nodes on patched versions. */
export const gkeClusterRequireReleaseChannel = controlResourcePolicy({
    name: "gcp-gke-cluster-require-release-channel",
    controlId: "HC-NODE-05",
    description: "GKE clusters are enrolled in a release channel.",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        const channel = cluster.releaseChannel?.channel;
        if (!channel || !CHANNELS.includes(channel)) {
            report(
                `releaseChannel.channel is ${channel ?? "unset"}, so upgrades depend on someone doing them; set releaseChannel { channel: "STABLE" } (or REGULAR / RAPID)`,
            );
        }
    }),
});
