import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** HC-SEC-01 (CIS GKE 5.3.1). Application-layer Secrets encryption with a Cloud KMS key the customer controls. */
export const gkeClusterRequireDatabaseEncryption = controlResourcePolicy({
    name: "gcp-gke-cluster-require-database-encryption",
    controlId: "HC-SEC-01",
    description: "GKE encrypts Secrets in etcd with a customer-managed Cloud KMS key.",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        const encryption = cluster.databaseEncryption;
        if (encryption?.state !== "ENCRYPTED") {
            report(
                `databaseEncryption.state is ${encryption?.state ?? "unset"}, so Secrets are only protected by Google's default encryption; set databaseEncryption { state: "ENCRYPTED", keyName: <Cloud KMS key id> }`,
            );
            return;
        }
        if (!encryption.keyName) {
            report("databaseEncryption.state is ENCRYPTED but keyName is empty; set keyName to the Cloud KMS crypto key id");
        }
    }),
});
