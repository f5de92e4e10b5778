import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { carriesVmTraffic } from "./subnetwork-scope";

/** HC-NET-04 (CIS GKE 5.6.2). Private nodes reach Google APIs (images, logs, KMS) without an internet route. */
export const computeSubnetworkRequirePrivateGoogleAccess = controlResourcePolicy({
    name: "gcp-compute-subnetwork-require-private-google-access",
    controlId: "HC-NET-04",
    description: "Subnetworks have Private Google Access on.",
    validateResource: validateResourceOfType(gcp.compute.Subnetwork, (subnet, args, report) => {
        if (!carriesVmTraffic(subnet.purpose)) {
            args.notApplicable(`purpose ${subnet.purpose} subnets have no Private Google Access`);
            return;
        }
        if (subnet.privateIpGoogleAccess !== true) {
            report(
                `privateIpGoogleAccess is ${String(subnet.privateIpGoogleAccess)}, so private nodes reach Google APIs only through NAT; set privateIpGoogleAccess true`,
            );
        }
    }),
});
