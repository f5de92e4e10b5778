import { GcpConfig } from "../../config/types";

/** Kubernetes components whose logs go to Cloud Logging (HC-AUD-01, CIS GKE 5.7.1). */
export const LOGGED_COMPONENTS = ["SYSTEM_COMPONENTS", "APISERVER", "CONTROLLER_MANAGER", "SCHEDULER", "WORKLOADS"] as const;

export interface AuthorizedNetwork {
    readonly cidrBlock: string;
    readonly displayName: string;
}

export interface EndpointPlan {
    /** True: the API server has no public address at all. */
    readonly privateEndpoint: boolean;
    /** The only networks allowed to reach the API server (master authorized networks). */
    readonly authorizedNetworks: readonly AuthorizedNetwork[];
}

/**
 * HC-API-01 (CIS GKE 5.6.3/5.6.4). With no authorized CIDRs the endpoint is private, and master
 * authorized networks stay on with only the node subnet: without them any address routed to the VPC
 * (peered networks, VPN, Interconnect) could reach the API server; with them, only the cluster's own
 * subnet (nodes, and a runner or bastion placed there) can. With authorized CIDRs the public endpoint
 * exists but answers exactly those CIDRs (config validation refuses 0.0.0.0/0 and anything wider than /8).
 */
export function planEndpoint(config: {
    readonly apiAccess: { readonly authorizedCidrs: readonly string[] };
    readonly network: GcpConfig["network"];
}): EndpointPlan {
    const cidrs = config.apiAccess.authorizedCidrs;
    if (cidrs.length === 0) {
        return { privateEndpoint: true, authorizedNetworks: [{ cidrBlock: config.network.cidr, displayName: "node-subnet" }] };
    }
    return {
        privateEndpoint: false,
        authorizedNetworks: cidrs.map((cidrBlock, i) => ({ cidrBlock, displayName: `authorized-${i + 1}` })),
    };
}
