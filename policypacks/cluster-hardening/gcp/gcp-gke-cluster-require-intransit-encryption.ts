import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { isRequired, requiredConfig } from "../../lib/required-config";

const INTER_NODE = "IN_TRANSIT_ENCRYPTION_INTER_NODE_TRANSPARENT";

/**
 * HC-NET-07. Pod traffic between nodes is encrypted by the cluster: Dataplane V2's inter-node transparent
 * encryption (WireGuard), which needs Dataplane V2 (GKE refuses it otherwise; the datapath itself is
 * HC-NET-02's). Required where the pack config
 * says so (`required`, prod); dev and staging may leave it off (trafficEncryption.enabled defaults to false
 * there). It does not cover hostNetwork pods or the first hop of NodePort traffic.
 */
export const gkeClusterRequireInTransitEncryption = controlResourcePolicy({
    name: "gcp-gke-cluster-require-intransit-encryption",
    controlId: "HC-NET-07",
    description:
        "GKE encrypts pod traffic between nodes (inTransitEncryptionConfig IN_TRANSIT_ENCRYPTION_INTER_NODE_TRANSPARENT on Dataplane V2).",
    configProperties: requiredConfig("in-transit encryption", "the environment may run without it"),
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, args, report) => {
        // Not required in this environment (pack config required: false): nothing to judge.
        if (!isRequired(args)) return;
        const mode = cluster.inTransitEncryptionConfig;
        if (mode !== INTER_NODE) {
            report(
                `inTransitEncryptionConfig is ${mode ?? "unset"}, so pod traffic between nodes is not encrypted by the cluster; set inTransitEncryptionConfig "${INTER_NODE}" (with datapathProvider ADVANCED_DATAPATH)`,
            );
        }
    }),
});
