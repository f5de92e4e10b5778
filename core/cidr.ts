import { Address4 } from "ip-address";

/**
 * IPv4 CIDR arithmetic for planning networks. Parsing is done by `ip-address`; the planner
 * only adds and compares 32-bit integers. Pure functions: no Pulumi, no I/O.
 */
export interface CidrRange {
    readonly cidr: string;
    readonly prefix: number;
    readonly first: bigint;
    readonly last: bigint;
}

const CIDR_SHAPE = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/;

/** True when `text` is an IPv4 CIDR block whose address is the network address (10.0.0.0/16, not 10.0.0.1/16). */
export function isIpv4Cidr(text: string): boolean {
    if (!CIDR_SHAPE.test(text) || !Address4.isValid(text)) return false;
    const range = parseCidr(text);
    return range.first === new Address4(text.split("/")[0]).bigInt();
}

export function parseCidr(cidr: string): CidrRange {
    const address = new Address4(cidr);
    return {
        cidr,
        prefix: address.subnetMask,
        first: address.startAddress().bigInt(),
        last: address.endAddress().bigInt(),
    };
}

export function cidrsOverlap(a: string, b: string): boolean {
    const x = parseCidr(a);
    const y = parseCidr(b);
    return x.first <= y.last && y.first <= x.last;
}

/** True when `inner` lies wholly inside `outer`. */
export function cidrContains(outer: string, inner: string): boolean {
    const o = parseCidr(outer);
    const i = parseCidr(inner);
    return o.first <= i.first && i.last <= o.last;
}

/** A block open to every address: 0.0.0.0/0 or any other /0. */
export function isOpenToInternet(cidr: string): boolean {
    return parseCidr(cidr).prefix === 0;
}

function toCidr(first: bigint, prefix: number): string {
    return `${Address4.fromBigInt(first).address}/${prefix}`;
}

/**
 * The `index`-th block of size `/newPrefix` inside `parent`. Throws when the parent has no such block,
 * which is a planning bug, not bad user input (config validation sizes the parent first).
 */
export function subnetAt(parent: string, newPrefix: number, index: number): string {
    const p = parseCidr(parent);
    if (newPrefix < p.prefix || newPrefix > 32) {
        throw new Error(`cannot carve a /${newPrefix} out of ${parent}`);
    }
    const size = 1n << BigInt(32 - newPrefix);
    const first = p.first + size * BigInt(index);
    if (index < 0 || first + size - 1n > p.last) {
        throw new Error(`${parent} has no ${index}-th /${newPrefix} block`);
    }
    return toCidr(first, newPrefix);
}

/** How many `/newPrefix` blocks fit in `parent`. */
export function blockCount(parent: string, newPrefix: number): number {
    const p = parseCidr(parent);
    return newPrefix < p.prefix ? 0 : 2 ** (newPrefix - p.prefix);
}

/** The n-th host address of a block (1 = first usable on most clouds), without the prefix. */
export function hostAt(cidr: string, n: number): string {
    const p = parseCidr(cidr);
    const address = p.first + BigInt(n);
    if (address > p.last) throw new Error(`${cidr} has no host number ${n}`);
    return Address4.fromBigInt(address).address;
}
