import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-NET-03 (CIS GKE 5.6.1). Pod-to-pod traffic between pods of one node never leaves the node, so
 * without intranode visibility VPC flow logs and firewall logging never see it: lateral movement inside a
 * node leaves no record. Off is GKE's default, so unset fails. Autopilot manages it itself.
 */
export const gkeClusterRequireIntranodeVisibility = controlResourcePolicy({
    name: "gcp-gke-cluster-require-intranode-visibility",
    controlId: "HC-NET-03",
    description: "GKE routes pod-to-pod traffic on one node through the VPC (enableIntranodeVisibility), so flow logs record it.",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, args, report) => {
        if (cluster.enableAutopilot === true) {
            args.notApplicable("Autopilot manages intranode visibility");
            return;
        }
        if (cluster.enableIntranodeVisibility !== true) {
            report(
                `enableIntranodeVisibility is ${cluster.enableIntranodeVisibility === undefined ? "unset (off)" : String(cluster.enableIntranodeVisibility)}, so traffic between pods of one node appears in no flow log; set enableIntranodeVisibility true`,
            );
        }
    }),
});
