/**
 * Subnet purposes that carry VM traffic. Proxy-only, Private Service Connect and similar special
 * purpose subnets accept neither flow logs nor Private Google Access.
 */
export function carriesVmTraffic(purpose: string | undefined): boolean {
    return purpose === undefined || purpose === "PRIVATE" || purpose === "PRIVATE_RFC_1918";
}
