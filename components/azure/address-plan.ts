import { hostAt, parseCidr, subnetAt } from "../../core/cidr";
import { AzureConfig } from "../../config/types";

/**
 * The AKS address plan (Azure CNI overlay). Only nodes take VNet addresses; pods get addresses from
 * `podCidr`, a private range outside the VNet, and services from `serviceCidr`. Pure: config in, plan out.
 */
export interface AksAddressPlan {
    readonly vnetCidr: string;
    /** First half of the VNet: the node subnet (NSG + NAT gateway). */
    readonly nodeSubnetCidr: string;
    /**
     * Second half, for subnets beside the nodes; carving them from it renumbers nothing. Its first /28 is
     * the API server's (VNet integration), its second /28 the private endpoints' (the Private-mode KMS key
     * vault); the rest stays free.
     */
    readonly reservedCidr: string;
    /** Delegated to AKS for API server VNet integration (a /28, the size AKS documents as the minimum). */
    readonly apiServerSubnetCidr: string;
    /** Private endpoints (the KMS key vault's). */
    readonly privateEndpointSubnetCidr: string;
    readonly podCidr: string;
    readonly serviceCidr: string;
    /** kube-dns ClusterIP: the 10th address of the service range, AKS's own convention. */
    readonly dnsServiceIP: string;
}

/** The largest VNet prefix the plan accepts: its half must still be a /24 (251 usable node addresses). */
export const MAX_VNET_PREFIX = 23;

/** The host index used for kube-dns inside the service range. */
export const DNS_SERVICE_HOST = 10;

/** The size of the API server and private endpoint subnets. */
export const SIDE_SUBNET_PREFIX = 28;

export function planAddresses(network: AzureConfig["network"]): AksAddressPlan {
    const prefix = parseCidr(network.cidr).prefix;
    if (prefix > MAX_VNET_PREFIX) {
        throw new Error(`VNet ${network.cidr} is smaller than /${MAX_VNET_PREFIX}; config validation should have refused it`);
    }
    return {
        vnetCidr: network.cidr,
        nodeSubnetCidr: subnetAt(network.cidr, prefix + 1, 0),
        reservedCidr: subnetAt(network.cidr, prefix + 1, 1),
        apiServerSubnetCidr: subnetAt(subnetAt(network.cidr, prefix + 1, 1), SIDE_SUBNET_PREFIX, 0),
        privateEndpointSubnetCidr: subnetAt(subnetAt(network.cidr, prefix + 1, 1), SIDE_SUBNET_PREFIX, 1),
        podCidr: network.podCidr,
        serviceCidr: network.serviceCidr,
        dnsServiceIP: hostAt(network.serviceCidr, DNS_SERVICE_HOST),
    };
}
