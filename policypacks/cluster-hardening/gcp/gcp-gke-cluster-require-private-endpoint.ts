import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** True for 0.0.0.0/0 and any other /0 block: every IPv4 address. */
function isOpen(cidr: string): boolean {
    return /\/0$/.test(cidr.trim());
}

/**
 * HC-API-01 (CIS GKE 5.6.3, 5.6.4). Passes when the endpoint is private (or the IP endpoints are off),
 * or when master authorized networks are on and list only specific CIDRs. 0.0.0.0/0 fails in either case,
 * and so does the "all Google Cloud public IPs" switch, which admits any VM of any customer.
 */
export const gkeClusterRequirePrivateEndpoint = controlResourcePolicy({
    name: "gcp-gke-cluster-require-private-endpoint",
    controlId: "HC-API-01",
    description: "GKE API server endpoint is private, or public only to master authorized networks with specific CIDRs.",
    remediationSteps:
        "Set privateClusterConfig.enablePrivateEndpoint true, or list specific CIDRs in masterAuthorizedNetworksConfig.cidrBlocks.",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        const man = cluster.masterAuthorizedNetworksConfig;
        const cidrs = (man?.cidrBlocks ?? []).map((b) => b.cidrBlock);
        const open = cidrs.filter(isOpen);
        if (open.length > 0) {
            report(
                `masterAuthorizedNetworksConfig.cidrBlocks contains ${open.join(", ")}, which lets any address reach the API server; list specific CIDRs only`,
            );
        }
        if (man?.gcpPublicCidrsAccessEnabled === true) {
            report(
                "masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled is true, which admits every Google Cloud public IP (any customer's VM); set it false",
            );
        }
        if (cluster.privateClusterConfig?.enablePrivateEndpoint === true) return;
        // IP endpoints switched off: only the DNS endpoint remains, and every call to it is IAM-authorized.
        if (cluster.controlPlaneEndpointsConfig?.ipEndpointsConfig?.enabled === false) return;
        if (!man) {
            report(
                "the API server has a public endpoint (privateClusterConfig.enablePrivateEndpoint is not true) and masterAuthorizedNetworksConfig is not set, so the whole internet can reach it; set enablePrivateEndpoint true or list specific CIDRs in masterAuthorizedNetworksConfig.cidrBlocks",
            );
        }
    }),
});
