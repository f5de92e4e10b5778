import { Cloud, KubernetesVersion } from "./vocabulary";

/**
 * When each cloud stops supporting each Kubernetes minor version the stacks can use (KUBERNETES_VERSIONS).
 * A dated, versioned snapshot of the clouds' published calendars: bump `version` and `asOf` whenever a
 * date is added or changed, and re-read the sources below first.
 *
 * - EKS: https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar
 *   14 months of standard support, then 12 months of extended support (paid; on by default).
 * - AKS: https://learn.microsoft.com/en-us/azure/aks/supported-kubernetes-versions#aks-kubernetes-release-calendar
 *   "End of life" is the end of community support; the "LTS End of life" column applies only to clusters on the
 *   Premium tier with the AKSLongTermSupport plan. The calendar gives most dates as a month only: such a date is
 *   recorded as the 1st of that month, so the plan warns early rather than late.
 * - GKE: https://cloud.google.com/kubernetes-engine/docs/release-schedule ("End of standard support"; best-effort
 *   estimates that Google updates). Extended support exists only in the Extended release channel; its end dates
 *   are not recorded here (null).
 *
 * Pure data and date arithmetic: imports nothing of ours but the vocabulary.
 */
export interface SupportWindow {
    /** Last day of standard support is the day before this date (ISO date, UTC). */
    readonly standardEnd: string;
    /** End of the cloud's extended / long-term support, when the cloud has one and it is recorded. */
    readonly extendedEnd: string | null;
}

export const KUBERNETES_SUPPORT = {
    version: 1,
    asOf: "2026-12-01",
    clouds: {
        aws: {
            "1.31": { standardEnd: "2025-11-26", extendedEnd: "2026-11-26" },
            "1.32": { standardEnd: "2026-03-23", extendedEnd: "2027-03-23" },
            "1.33": { standardEnd: "2026-07-29", extendedEnd: "2027-07-29" },
            "1.34": { standardEnd: "2026-12-02", extendedEnd: "2027-12-02" },
            "1.35": { standardEnd: "2027-03-27", extendedEnd: "2028-03-27" },
            "1.36": { standardEnd: "2027-08-02", extendedEnd: "2028-08-02" },
        },
        azure: {
            "1.31": { standardEnd: "2025-11-01", extendedEnd: "2026-11-01" },
            "1.32": { standardEnd: "2026-03-01", extendedEnd: "2027-03-01" },
            "1.33": { standardEnd: "2026-07-01", extendedEnd: "2027-07-01" },
            "1.34": { standardEnd: "2026-11-01", extendedEnd: "2027-11-01" },
            "1.35": { standardEnd: "2027-03-01", extendedEnd: "2028-03-01" },
            "1.36": { standardEnd: "2027-06-01", extendedEnd: "2028-06-01" },
        },
        gcp: {
            "1.31": { standardEnd: "2026-01-16", extendedEnd: null },
            "1.32": { standardEnd: "2026-04-11", extendedEnd: null },
            "1.33": { standardEnd: "2026-08-03", extendedEnd: null },
            "1.34": { standardEnd: "2026-10-01", extendedEnd: null },
            "1.35": { standardEnd: "2027-04-11", extendedEnd: null },
        },
    },
} as const satisfies {
    readonly version: number;
    readonly asOf: string;
    readonly clouds: Readonly<Record<Cloud, Partial<Readonly<Record<KubernetesVersion, SupportWindow>>>>>;
};

/** Standard support ending within this many days is a warning in the offline plan. */
export const SUPPORT_WARNING_DAYS = 90;

export const SUPPORT_PHASES = ["standard", "extended", "unsupported", "unlisted"] as const;
export type SupportPhase = (typeof SUPPORT_PHASES)[number];

export interface SupportStatus {
    readonly cloud: Cloud | "other";
    readonly version: KubernetesVersion;
    /** "unlisted": the table has no dates for this cloud and version (a cluster of another cloud, a version not yet scheduled). */
    readonly phase: SupportPhase;
    readonly standardEnd?: string;
    /** Only when the stack runs with the cloud's extended support. */
    readonly extendedEnd?: string;
    /** Whole days from the as-of date to the end of standard support (negative once it has ended). */
    readonly daysToStandardEnd?: number;
    /** Set when standard support ends within SUPPORT_WARNING_DAYS, has ended, or the version is unlisted. */
    readonly warning?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function utcDay(date: Date): number {
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
}

function isoDay(date: Date): string {
    return new Date(utcDay(date)).toISOString().slice(0, 10);
}

/** The table's window for a cloud and version, if it has one. */
export function supportWindow(cloud: Cloud | "other", version: KubernetesVersion): SupportWindow | undefined {
    if (cloud === "other") return undefined;
    const windows: Partial<Record<KubernetesVersion, SupportWindow>> = KUBERNETES_SUPPORT.clouds[cloud];
    return windows[version];
}

/**
 * The support status of `version` on `cloud` as of a date. `extendedSupport` says whether the stack runs with
 * the cloud's extended support (EKS by default; AKS LTS and GKE's Extended channel only when chosen), so
 * that the end of all support is the extended end rather than the standard one.
 */
export function supportStatus(cloud: Cloud | "other", version: KubernetesVersion, asOf: Date, extendedSupport: boolean): SupportStatus {
    const window = supportWindow(cloud, version);
    if (!window) {
        return {
            cloud,
            version,
            phase: "unlisted",
            warning: `the support table (v${KUBERNETES_SUPPORT.version}, as of ${KUBERNETES_SUPPORT.asOf}) has no dates for Kubernetes ${version} on ${cloud}: check the cloud's calendar`,
        };
    }
    const today = utcDay(asOf);
    const standardEnd = Date.parse(`${window.standardEnd}T00:00:00Z`);
    const extendedEnd = extendedSupport && window.extendedEnd ? window.extendedEnd : undefined;
    const daysToStandardEnd = Math.round((standardEnd - today) / DAY_MS);
    const allEnd = extendedEnd ? Date.parse(`${extendedEnd}T00:00:00Z`) : standardEnd;
    const phase: SupportPhase = today < standardEnd ? "standard" : today < allEnd ? "extended" : "unsupported";
    const on = `Kubernetes ${version} on ${cloud}`;
    const warning =
        phase === "unsupported"
            ? `${on} is out of all support since ${extendedEnd ?? window.standardEnd} (as of ${isoDay(asOf)}): upgrade now`
            : phase === "extended"
              ? `${on} left standard support on ${window.standardEnd} and is in extended support until ${extendedEnd}: upgrade`
              : daysToStandardEnd <= SUPPORT_WARNING_DAYS
                ? `standard support for ${on} ends on ${window.standardEnd}, in ${daysToStandardEnd} day(s)${extendedEnd ? ` (extended support, at extra cost, until ${extendedEnd})` : ""}: plan the upgrade`
                : undefined;
    return {
        cloud,
        version,
        phase,
        standardEnd: window.standardEnd,
        ...(extendedEnd ? { extendedEnd } : {}),
        daysToStandardEnd,
        ...(warning ? { warning } : {}),
    };
}

/** The table's own date, the date config validation judges versions on (deterministic, unlike "today"). */
export function supportTableDate(): Date {
    return new Date(`${KUBERNETES_SUPPORT.asOf}T12:00:00Z`);
}
