import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** True for 0.0.0.0/0 and any other /0 block: every IPv4 address. */
function isOpen(cidr: string): boolean {
    return /\/0$/.test(cidr.trim());
}

/**
 * HC-API-01 (CIS GKE 5.6.3, 5.6.4). Passes when the IP endpoint is private (or the IP endpoints are off),
 * or when master authorized networks are on and list only specific CIDRs. 0.0.0.0/0 fails in either case,
 * and so does the "all Google Cloud public IPs" switch, which admits any VM of any customer.
 * The DNS-based endpoint may admit external traffic (CIS GKE 5.6.4 prefers it): IAM checks
 * container.clusters.connect on every call there. It fails only when it also accepts Kubernetes service
 * account tokens or client certificates, credentials IAM never sees, from anywhere on the internet.
 */
export const gkeClusterRequirePrivateEndpoint = controlResourcePolicy({
    name: "gcp-gke-cluster-require-private-endpoint",
    controlId: "HC-API-01",
    description: "GKE API server endpoint is private, or public only to master authorized networks with specific CIDRs.",
    remediationSteps:
        "Set privateClusterConfig.enablePrivateEndpoint true (reach the API through the IAM-authorized DNS endpoint), or list specific CIDRs in masterAuthorizedNetworksConfig.cidrBlocks.",
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
        const dns = cluster.controlPlaneEndpointsConfig?.dnsEndpointConfig;
        if (dns?.allowExternalTraffic === true) {
            const bypass = [
                dns.enableK8sTokensViaDns === true ? "enableK8sTokensViaDns" : undefined,
                dns.enableK8sCertsViaDns === true ? "enableK8sCertsViaDns" : undefined,
            ].filter((f): f is string => f !== undefined);
            if (bypass.length > 0) {
                report(
                    `controlPlaneEndpointsConfig.dnsEndpointConfig admits external traffic with ${bypass.join(" and ")} true, so Kubernetes credentials that IAM does not check reach the API server from the internet; set them false (IAM-authorized Google credentials only)`,
                );
            }
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
