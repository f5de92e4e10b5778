import { parseCidr } from "../../../components/shared/cidr";

/** Narrowest prefix still treated as "open": /0 through /7 admit a large share of the internet. */
export const WIDEST_ACCEPTED_PREFIX = 8;

const CIDR_SHAPE = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

/**
 * True when an authorised range is effectively open (0.0.0.0/0, or wider than /8). A bare address
 * ("203.0.113.4") is a /32; a malformed entry counts as open, since it cannot be shown to be narrow.
 */
export function isEffectivelyOpen(range: string): boolean {
    const cidr = range.includes("/") ? range : `${range}/32`;
    if (!CIDR_SHAPE.test(cidr)) return true;
    try {
        return parseCidr(cidr).prefix < WIDEST_ACCEPTED_PREFIX;
    } catch {
        return true;
    }
}
