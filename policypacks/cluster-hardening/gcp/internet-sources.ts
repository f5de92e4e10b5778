import { Address4, Address6 } from "ip-address";

/**
 * When does a source range admit "the internet"? Not only at 0.0.0.0/0 and ::/0: a block wide enough
 * to hold a large share of public addresses admits the same strangers. Pure, no Pulumi.
 * - IPv4: wider than /8 (0.0.0.0/0 up to /7). Every such block holds public space; a /8 or narrower is
 *   a deliberate range (10.0.0.0/8 is private).
 * - IPv6: wider than /16 and overlapping the global unicast space 2000::/3 (::/0, 2000::/3, ...);
 *   unique-local fc00::/7 and link-local fe80::/10 are not the internet.
 * - Text that parses as neither cannot be shown to be narrow, so it counts as open.
 * (The same reading as the AWS security-group policy, so one rule edit means the same on every cloud.)
 */
export const WIDEST_IPV4_PREFIX = 8;
export const WIDEST_IPV6_PREFIX = 16;

const GLOBAL_UNICAST_FIRST = 0x2n << 124n;
const GLOBAL_UNICAST_LAST = (0x4n << 124n) - 1n;

function ipv6Open(text: string): boolean {
    const address = new Address6(text.includes("/") ? text : `${text}/128`);
    if (address.subnetMask >= WIDEST_IPV6_PREFIX) return false;
    const first = address.startAddress().bigInt();
    const last = address.endAddress().bigInt();
    return first <= GLOBAL_UNICAST_LAST && GLOBAL_UNICAST_FIRST <= last;
}

/** True when a source range admits the internet (see the module comment). */
export function isInternetRange(range: string): boolean {
    const text = range.trim();
    if (Address4.isValid(text)) return new Address4(text.includes("/") ? text : `${text}/32`).subnetMask < WIDEST_IPV4_PREFIX;
    if (Address6.isValid(text)) return ipv6Open(text);
    return true;
}

/** The non-empty strings of a list property ("" entries are how an unset variable often reaches a list). */
export function nonEmptyStrings(value: readonly unknown[] | undefined): string[] {
    return (value ?? []).filter((v): v is string => typeof v === "string" && v.trim() !== "");
}
