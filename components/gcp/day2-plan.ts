import { AutoscalingProfile, MaintenanceSpec, UpgradeSpec, WEEKDAYS, Weekday } from "../../config/day2";

/** RFC 5545 BYDAY codes, Monday first like WEEKDAYS. */
const BYDAY: Readonly<Record<Weekday, string>> = { Mon: "MO", Tue: "TU", Wed: "WE", Thu: "TH", Fri: "FR", Sat: "SA", Sun: "SU" };

/**
 * The first occurrence GKE's recurring window is anchored to: a fixed past Monday (UTC), so the plan
 * never depends on the day it runs. Only the time of day, the length and the BYDAY rule matter afterwards.
 */
const ANCHOR_MONDAY = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;

export interface GkeMaintenancePolicy {
    readonly recurringWindow: { readonly startTime: string; readonly endTime: string; readonly recurrence: string };
    /** A mutable list, as the provider's input type takes it. */
    readonly maintenanceExclusions: {
        readonly exclusionName: string;
        readonly startTime: string;
        readonly endTime: string;
        readonly exclusionOptions: { readonly scope: string };
    }[];
}

function offsetMinutes(utcOffset: string): number {
    const sign = utcOffset.startsWith("-") ? -1 : 1;
    const [hours, minutes] = utcOffset.slice(1).split(":").map(Number);
    return sign * (hours * 60 + minutes);
}

function iso(ms: number): string {
    return new Date(ms).toISOString().replace(".000Z", "Z");
}

/**
 * HC-NODE-07: `maintenance` as GKE's maintenance policy. The window is given in local time (days, start,
 * utcOffset); GKE reads the recurrence's days in UTC, so a window that starts on the previous or next UTC
 * day moves its BYDAY days with it. Exclusions keep the control plane's security patches (scope
 * NO_MINOR_OR_NODE_UPGRADES: no minor upgrades, no node upgrades), which GKE allows up to the version's end
 * of support, where a full "no upgrades" exclusion is limited to 30 days.
 */
export function planMaintenancePolicy(maintenance: MaintenanceSpec): GkeMaintenancePolicy {
    const { days, start, durationHours, utcOffset } = maintenance.window;
    const [h, m] = start.split(":").map(Number);
    const utcMinutes = h * 60 + m - offsetMinutes(utcOffset);
    const dayShift = Math.floor(utcMinutes / 1440);
    const minutesOfDay = utcMinutes - dayShift * 1440;
    const utcDays = WEEKDAYS.filter((d) => days.some((given) => (WEEKDAYS.indexOf(given) + dayShift + 7) % 7 === WEEKDAYS.indexOf(d)));
    const startMs = ANCHOR_MONDAY + minutesOfDay * MINUTE;
    return {
        recurringWindow: {
            startTime: iso(startMs),
            endTime: iso(startMs + durationHours * 60 * MINUTE),
            recurrence: `FREQ=WEEKLY;BYDAY=${utcDays.map((d) => BYDAY[d]).join(",")}`,
        },
        maintenanceExclusions: maintenance.exclusions.map((e) => ({
            exclusionName: e.name,
            startTime: e.start,
            endTime: e.end,
            exclusionOptions: { scope: "NO_MINOR_OR_NODE_UPGRADES" },
        })),
    };
}

/** `autoscaling.profile` as GKE's cluster autoscaler profile. */
export function gkeAutoscalingProfile(profile: AutoscalingProfile): "BALANCED" | "OPTIMIZE_UTILIZATION" {
    return profile === "optimize-utilization" ? "OPTIMIZE_UTILIZATION" : "BALANCED";
}

/**
 * `upgrades` as a pool's surge settings. GKE takes node counts only, per zone: a percentage is taken of
 * the most nodes the pool may have in one zone, rounded up, and never below one node.
 */
export function planUpgradeSettings(
    upgrades: UpgradeSpec,
    pool: { readonly totalMaxNodes: number },
    zoneCount: number,
): { readonly strategy: "SURGE"; readonly maxSurge: number; readonly maxUnavailable: number } {
    const perZone = Math.max(1, Math.ceil(pool.totalMaxNodes / zoneCount));
    const surge = upgrades.maxSurge.endsWith("%")
        ? Math.max(1, Math.ceil((Number(upgrades.maxSurge.slice(0, -1)) / 100) * perZone))
        : Number(upgrades.maxSurge);
    return { strategy: "SURGE", maxSurge: surge, maxUnavailable: upgrades.maxUnavailable };
}

/** HC-NET-07: Dataplane V2's inter-node transparent encryption (WireGuard) when `trafficEncryption.enabled`. */
export function inTransitEncryption(enabled: boolean): "IN_TRANSIT_ENCRYPTION_INTER_NODE_TRANSPARENT" | "IN_TRANSIT_ENCRYPTION_DISABLED" {
    return enabled ? "IN_TRANSIT_ENCRYPTION_INTER_NODE_TRANSPARENT" : "IN_TRANSIT_ENCRYPTION_DISABLED";
}
