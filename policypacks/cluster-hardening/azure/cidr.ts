/** Narrowest prefix still treated as "open": /0 through /7 admit a large share of the internet. */
export const WIDEST_ACCEPTED_PREFIX = 8;

const CIDR_SHAPE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * True when an authorised range is effectively open (0.0.0.0/0, or wider than /8). A bare address
 * ("203.0.113.4") is a /32; a malformed entry counts as open, since it cannot be shown to be narrow.
 * Self-contained on purpose: the pack runs from its own directory, without the program's helpers.
 */
export function isEffectivelyOpen(range: string): boolean {
    const match = CIDR_SHAPE.exec(range.includes("/") ? range : `${range}/32`);
    if (!match) return true;
    const octets = match.slice(1, 5).map(Number);
    const prefix = Number(match[5]);
    if (octets.some((o) => o > 255) || prefix > 32) return true;
    return prefix < WIDEST_ACCEPTED_PREFIX;
}
