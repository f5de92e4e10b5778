import { Address4, Address6 } from "ip-address";

/**
 * When is a source CIDR "the internet"? Not only 0.0.0.0/0 and ::/0: a block wide enough to hold a
 * large share of public addresses admits the same attackers. Pure, no Pulumi.
 * - IPv4: wider than /8 (0.0.0.0/0 to /7). Every such block holds public space; a /8 or narrower is a
 *   deliberate range (10.0.0.0/8 is private).
 * - IPv6: wider than /16 and overlapping the global unicast space 2000::/3 (so ::/0, 2000::/3, ...;
 *   fc00::/7 unique-local and fe80::/10 link-local ranges are not the internet).
 * - Text that parses as neither cannot be shown to be narrow, so it counts as open.
 */
export const WIDEST_IPV4_PREFIX = 8;
export const WIDEST_IPV6_PREFIX = 16;

const GLOBAL_UNICAST_FIRST = 0x2n << 124n;
const GLOBAL_UNICAST_LAST = (0x4n << 124n) - 1n;

function ipv4Open(cidr: string): boolean {
    const address = new Address4(cidr.includes("/") ? cidr : `${cidr}/32`);
    return address.subnetMask < WIDEST_IPV4_PREFIX;
}

function ipv6Open(cidr: string): boolean {
    const address = new Address6(cidr.includes("/") ? cidr : `${cidr}/128`);
    if (address.subnetMask >= WIDEST_IPV6_PREFIX) return false;
    const first = address.startAddress().bigInt();
    const last = address.endAddress().bigInt();
    return first <= GLOBAL_UNICAST_LAST && GLOBAL_UNICAST_FIRST <= last;
}

/** True when a source range admits the internet (see the module comment). */
export function isInternetCidr(cidr: string): boolean {
    const text = cidr.trim();
    if (Address4.isValid(text)) return ipv4Open(text);
    if (Address6.isValid(text)) return ipv6Open(text);
    return true;
}
