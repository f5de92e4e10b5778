import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-NET-02 (CIS GKE 5.6.7). NetworkPolicy objects are only enforced with Dataplane V2
 * (datapathProvider ADVANCED_DATAPATH, which always enforces them) or the legacy Calico add-on
 * (networkPolicy.enabled).
 */
export const gkeClusterRequireDataplaneV2 = controlResourcePolicy({
    name: "gcp-gke-cluster-require-dataplane-v2",
    controlId: "HC-NET-02",
    description: "GKE enforces NetworkPolicy: Dataplane V2 (ADVANCED_DATAPATH) or network policy enabled.",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        if (cluster.datapathProvider === "ADVANCED_DATAPATH") return;
        if (cluster.networkPolicy?.enabled === true) return;
        report(
            `datapathProvider is ${cluster.datapathProvider ?? "unset"} and networkPolicy is not enabled, so NetworkPolicy objects are not enforced; set datapathProvider "ADVANCED_DATAPATH" (Dataplane V2)`,
        );
    }),
});
