/**
 * The ports that must never face the internet (HC-NET-06), one list for every cloud's firewall policy, and the
 * range arithmetic on them. How a rule spells its protocol and ports differs per cloud (AWS from/to numbers and
 * "-1", Azure "*" and range text, GCP protocol names or numbers and port lists), so each cloud's policy parses its
 * own rules and asks this module what a protocol and port range open. Pure, no Pulumi.
 */
export type PortProtocol = "tcp" | "udp";

export interface AdminPort {
    readonly protocol: PortProtocol;
    readonly from: number;
    readonly to: number;
    readonly what: string;
}

export const ADMIN_PORTS: readonly AdminPort[] = [
    { protocol: "tcp", from: 22, to: 22, what: "SSH" },
    { protocol: "tcp", from: 3389, to: 3389, what: "RDP" },
    // RDP also runs its transport over UDP 3389.
    { protocol: "udp", from: 3389, to: 3389, what: "RDP" },
    { protocol: "tcp", from: 2379, to: 2380, what: "etcd" },
    { protocol: "tcp", from: 10250, to: 10250, what: "kubelet API" },
    { protocol: "tcp", from: 10255, to: 10255, what: "kubelet read-only port" },
];

export const LAST_PORT = 65535;

export interface PortRange {
    readonly from: number;
    readonly to: number;
}

/** A range that starts at 0 or 1 and ends at the last port: "every port", whatever else the rule says. */
export function coversEveryPort(range: PortRange): boolean {
    return range.from <= 1 && range.to >= LAST_PORT;
}

/** "22" or "2379-2380". */
export function rangeText(range: PortRange): string {
    return range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`;
}

/** The admin ports of `protocols` that any of `ranges` reaches, in ADMIN_PORTS order. */
export function adminPortsReached(protocols: readonly PortProtocol[], ranges: readonly PortRange[]): AdminPort[] {
    return ADMIN_PORTS.filter((a) => protocols.includes(a.protocol) && ranges.some((r) => r.from <= a.to && a.from <= r.to));
}
