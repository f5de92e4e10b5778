import { adminPortsReached, coversEveryPort, LAST_PORT, PortProtocol, rangeText } from "../../lib/admin-ports";
import { isInternetCidr } from "./internet-cidr";

/**
 * One ingress permission of a security group, however AWS spells it (inline ingress block, classic
 * SecurityGroupRule, VPC SecurityGroupIngressRule), and what it exposes. Pure, no Pulumi.
 */
export interface IngressPermission {
    /** How the message names it: "ingress[0]", "rule". */
    readonly label: string;
    readonly protocol: string | undefined;
    readonly fromPort: number | undefined;
    readonly toPort: number | undefined;
    readonly cidrs: readonly string[];
}

type ProtocolClass = "all" | PortProtocol | "other";

/** "-1" (all, also spelled "all"), tcp/6, udp/17; anything else (icmp, esp, ...) has no ports. */
function protocolClass(protocol: string | undefined): ProtocolClass {
    switch ((protocol ?? "").trim().toLowerCase()) {
        case "-1":
        case "all":
            return "all";
        case "tcp":
        case "6":
            return "tcp";
        case "udp":
        case "17":
            return "udp";
        default:
            return "other";
    }
}

/**
 * What the permission opens, or undefined when it opens no admin port. Unset or -1 ports on tcp/udp
 * are read as the whole range, which is how the widest reading of a malformed rule would behave.
 */
export function exposedPorts(p: Pick<IngressPermission, "protocol" | "fromPort" | "toPort">): string | undefined {
    const cls = protocolClass(p.protocol);
    if (cls === "all") return `all protocols and ports (protocol ${p.protocol})`;
    if (cls === "other") return undefined;
    const from = p.fromPort === undefined || p.fromPort < 0 ? 0 : p.fromPort;
    const to = p.toPort === undefined || p.toPort < 0 ? LAST_PORT : p.toPort;
    const range = rangeText({ from, to });
    if (coversEveryPort({ from, to })) return `all ${cls} ports (${range})`;
    const hits = adminPortsReached([cls], [{ from, to }]);
    if (hits.length === 0) return undefined;
    const named = hits.map((a) => `${a.what} ${rangeText(a)}`).join(", ");
    return `${cls} ${range}, which includes ${named}`;
}

/** A finding for one permission: its internet sources reach an admin port or every port. */
export function ingressFinding(p: IngressPermission): string | undefined {
    const open = p.cidrs.filter(isInternetCidr);
    if (open.length === 0) return undefined;
    const ports = exposedPorts(p);
    if (ports === undefined) return undefined;
    return `${p.label} admits [${open.join(", ")}] to ${ports}; allow only the security group or private CIDR that needs the port (reach nodes through SSM, never from the internet)`;
}

/** Strings of a list property, skipping non-strings. */
export function stringsOf(value: unknown): string[] {
    if (value === undefined || value === null) return [];
    return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
}
