/**
 * The ports that must never face the internet (HC-NET-06) and what a firewall entry (a protocol and
 * optional port list, as GCP spells both) opens of them. Pure, no Pulumi.
 */
interface AdminPort {
    readonly protocol: "tcp" | "udp";
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

const LAST_PORT = 65535;

type ProtocolClass = "all" | "tcp" | "udp" | "sctp" | "other";

/** GCP accepts names or IP protocol numbers: "all", "tcp"/"6", "udp"/"17", "sctp"/"132", icmp, esp, ... */
export function protocolClass(protocol: string | undefined): ProtocolClass {
    switch ((protocol ?? "").trim().toLowerCase()) {
        case "all":
            return "all";
        case "tcp":
        case "6":
            return "tcp";
        case "udp":
        case "17":
            return "udp";
        case "sctp":
        case "132":
            return "sctp";
        default:
            return "other";
    }
}

interface PortRange {
    readonly from: number;
    readonly to: number;
}

/** "22" or "1000-2000"; anything else cannot be shown to be narrow, so it reads as every port. */
export function parsePortRange(text: string): PortRange {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
    if (!match) return { from: 0, to: LAST_PORT };
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    return { from: Math.min(from, to), to: Math.max(from, to) };
}

function describe(range: PortRange): string {
    return range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`;
}

/**
 * What one firewall entry opens of the admin ports, in words, or undefined when it opens none. No port
 * list on tcp, udp or sctp means every port of the protocol; "all" means every protocol and port.
 */
export function exposedAdminPorts(protocol: string | undefined, ports: readonly string[] | undefined): string | undefined {
    const cls = protocolClass(protocol);
    if (cls === "all") return `every protocol and port (protocol "${protocol}")`;
    if (cls === "other") return undefined;
    const listed = (ports ?? []).filter((p) => p.trim() !== "");
    if (listed.length === 0) return `every ${cls} port (no ports listed)`;
    const ranges = listed.map(parsePortRange);
    const whole = ranges.find((r) => r.from <= 1 && r.to >= LAST_PORT);
    if (whole) return `every ${cls} port (${describe(whole)})`;
    const hits = ADMIN_PORTS.filter((a) => a.protocol === cls && ranges.some((r) => r.from <= a.to && a.from <= r.to));
    if (hits.length === 0) return undefined;
    return hits.map((a) => `${cls} ${a.from === a.to ? a.from : `${a.from}-${a.to}`} (${a.what})`).join(", ");
}
