import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-IAM-01 (CIS GKE 5.8.2). A client certificate is a static cluster-admin credential that cannot be
 * revoked short of rotating the cluster CA. Unset is GKE's default since 1.12 (no certificate) and passes.
 */
export const gkeClusterDenyClientCertificate = controlResourcePolicy({
    name: "gcp-gke-cluster-deny-client-certificate",
    controlId: "HC-IAM-01",
    description: "GKE issues no client certificate.",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        if (cluster.masterAuth?.clientCertificateConfig?.issueClientCertificate === true) {
            report(
                "masterAuth.clientCertificateConfig.issueClientCertificate is true, which issues a static admin credential; set it false and authenticate through Google identities",
            );
        }
    }),
});
