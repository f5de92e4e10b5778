/**
 * What a GCP firewall entry (a protocol and optional port list, as GCP spells both) opens of the ports that
 * must never face the internet (HC-NET-06, the shared list in policypacks/lib/admin-ports.ts). Pure, no Pulumi.
 */
import { adminPortsReached, coversEveryPort, LAST_PORT, PortRange, rangeText } from "../../lib/admin-ports";

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

/** "22" or "1000-2000"; anything else cannot be shown to be narrow, so it reads as every port. */
export function parsePortRange(text: string): PortRange {
    const match = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(text);
    if (!match) return { from: 0, to: LAST_PORT };
    const from = Number(match[1]);
    const to = match[2] === undefined ? from : Number(match[2]);
    return { from: Math.min(from, to), to: Math.max(from, to) };
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
    const whole = ranges.find(coversEveryPort);
    if (whole) return `every ${cls} port (${rangeText(whole)})`;
    if (cls === "sctp") return undefined;
    const hits = adminPortsReached([cls], ranges);
    if (hits.length === 0) return undefined;
    return hits.map((a) => `${cls} ${rangeText(a)} (${a.what})`).join(", ");
}
