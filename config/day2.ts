import { z } from "zod";
import { ConfigProblem } from "./errors";
import { arrayAt, keyName, numberAt, Path, RawConfig, stringAt, valueAt } from "./raw";
import { Cloud, Environment } from "../core/vocabulary";

/**
 * Day-2 settings with one shape on every cloud (DESIGN decision 5): when upgrades may run, how node pools
 * are replaced, how autoscalers trade cost for headroom, and whether workloads get the cloud's secret store
 * and encrypted pod traffic. Each cloud's component maps them to its own resources; EKS has no control-plane
 * maintenance window, so there the window only documents intent and node groups follow `upgrades`.
 */
export const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const AUTOSCALING_PROFILES = ["balanced", "optimize-utilization"] as const;
export type AutoscalingProfile = (typeof AUTOSCALING_PROFILES)[number];

export interface MaintenanceWindow {
    /** The days the window opens on, in the window's UTC offset. */
    readonly days: readonly Weekday[];
    /** Opening time, "HH:MM". */
    readonly start: string;
    readonly durationHours: number;
    /** "+HH:MM" or "-HH:MM". */
    readonly utcOffset: string;
}

export interface MaintenanceExclusion {
    readonly name: string;
    /** ISO 8601 date-time with offset, e.g. 2026-12-20T00:00:00Z. */
    readonly start: string;
    readonly end: string;
}

export interface MaintenanceSpec {
    readonly window: MaintenanceWindow;
    readonly exclusions: readonly MaintenanceExclusion[];
}

export interface UpgradeSpec {
    /** Extra nodes during a node-pool upgrade: a percentage ("33%") or a count ("1"). */
    readonly maxSurge: string;
    /** Nodes that may be unavailable at once (EKS managed node groups need at least 1). */
    readonly maxUnavailable: number;
}

export interface Day2Settings {
    readonly maintenance: MaintenanceSpec;
    readonly upgrades: UpgradeSpec;
    readonly autoscaling: { readonly profile: AutoscalingProfile };
    /** Workloads read secrets from the cloud's secret store through a per-tenant identity. */
    readonly secretStore: { readonly enabled: boolean };
    /** Pod-to-pod traffic is encrypted in transit (a mesh or the cloud's dataplane). */
    readonly trafficEncryption: { readonly enabled: boolean };
    /**
     * The environment's private registry (HC-SUP-05, HC-SUP-06): created by the cloud layer when `enabled`; with
     * `mirror`, the baseline's own images are pulled through it (pull-through cache / remote repository / cache rule).
     */
    readonly registry: { readonly enabled: boolean; readonly mirror: boolean };
}

/**
 * Environment defaults. Prod: upgrades only from Saturday 22:00 to Sunday 10:00 UTC (12 hours a week, which
 * also meets GKE's minimum of 48 hours of availability in any 32 days), surge upgrades that never take a node
 * away before its replacement is ready. Staging a midweek window, dev every night.
 */
export const DAY2_DEFAULTS: Readonly<Record<Environment, Day2Settings>> = {
    dev: {
        maintenance: { window: { days: [...WEEKDAYS], start: "02:00", durationHours: 4, utcOffset: "+00:00" }, exclusions: [] },
        upgrades: { maxSurge: "1", maxUnavailable: 1 },
        autoscaling: { profile: "optimize-utilization" },
        secretStore: { enabled: true },
        trafficEncryption: { enabled: false },
        registry: { enabled: true, mirror: false },
    },
    staging: {
        maintenance: { window: { days: ["Wed"], start: "01:00", durationHours: 12, utcOffset: "+00:00" }, exclusions: [] },
        upgrades: { maxSurge: "1", maxUnavailable: 1 },
        autoscaling: { profile: "balanced" },
        secretStore: { enabled: true },
        trafficEncryption: { enabled: false },
        registry: { enabled: true, mirror: true },
    },
    prod: {
        maintenance: { window: { days: ["Sat"], start: "22:00", durationHours: 12, utcOffset: "+00:00" }, exclusions: [] },
        upgrades: { maxSurge: "33%", maxUnavailable: 0 },
        autoscaling: { profile: "balanced" },
        secretStore: { enabled: true },
        trafficEncryption: { enabled: true },
        registry: { enabled: true, mirror: true },
    },
};

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;
const UTC_OFFSET = /^[+-](0\d|1[0-4]):(00|30|45)$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const SURGE = /^([1-9]\d{0,2}|[1-9]\d?%|100%)$/;

const exclusionSchema = z.strictObject({
    name: z
        .string({ error: "a name of lowercase letters, digits and '-'" })
        .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, { error: "a name of lowercase letters, digits and '-'" }),
    start: z.string({ error: "an ISO 8601 date-time such as 2026-12-20T00:00:00Z" }).regex(DATE_TIME, {
        error: "an ISO 8601 date-time such as 2026-12-20T00:00:00Z",
    }),
    end: z.string({ error: "an ISO 8601 date-time such as 2027-01-04T00:00:00Z" }).regex(DATE_TIME, {
        error: "an ISO 8601 date-time such as 2027-01-04T00:00:00Z",
    }),
});

export const maintenanceSchema = z.strictObject({
    window: z
        .strictObject({
            days: z
                .array(z.enum(WEEKDAYS, { error: `one of ${WEEKDAYS.join(", ")}` }), { error: "a list of weekdays" })
                .min(1, { error: "at least one weekday" }),
            start: z.string({ error: 'a time "HH:MM" (24-hour)' }).regex(HH_MM, { error: 'a time "HH:MM" (24-hour)' }),
            durationHours: z
                .number({ error: "a whole number of hours from 4 to 24" })
                .int({ error: "a whole number of hours from 4 to 24" })
                .min(4, { error: "a whole number of hours from 4 to 24 (AKS and GKE need at least 4)" })
                .max(24, { error: "a whole number of hours from 4 to 24" }),
            utcOffset: z.string({ error: 'an offset such as "+00:00" or "-05:00"' }).regex(UTC_OFFSET, {
                error: 'an offset such as "+00:00" or "-05:00"',
            }),
        })
        .partial()
        .optional(),
    exclusions: z.array(exclusionSchema, { error: "a list of { name, start, end }" }).optional(),
});

export const upgradesSchema = z
    .strictObject({
        maxSurge: z.string({ error: 'a node count or percentage as text, such as "1" or "33%"' }).regex(SURGE, {
            error: 'a node count (1-999) or percentage (1%-100%) as text, such as "1" or "33%"',
        }),
        maxUnavailable: z
            .number({ error: "a whole number of nodes from 0 to 100" })
            .int({ error: "a whole number of nodes from 0 to 100" })
            .min(0, { error: "a whole number of nodes from 0 to 100" })
            .max(100, { error: "a whole number of nodes from 0 to 100" }),
    })
    .partial();

export const autoscalingSchema = z.strictObject({
    profile: z.enum(AUTOSCALING_PROFILES, { error: `one of ${AUTOSCALING_PROFILES.join(", ")}` }).optional(),
});

const switchSchema = z.strictObject({ enabled: z.boolean({ error: "true or false" }).optional() });

export const registrySchema = z.strictObject({
    enabled: z.boolean({ error: "true or false" }).optional(),
    mirror: z.boolean({ error: "true or false" }).optional(),
});

/** The day-2 keys of the stack config schema (config/schema.ts). */
export const day2SchemaShape = {
    maintenance: maintenanceSchema.optional(),
    upgrades: upgradesSchema.optional(),
    autoscaling: autoscalingSchema.optional(),
    secretStore: switchSchema.optional(),
    trafficEncryption: switchSchema.optional(),
    registry: registrySchema.optional(),
};

type Day2Input = {
    maintenance?: z.infer<typeof maintenanceSchema>;
    upgrades?: z.infer<typeof upgradesSchema>;
    autoscaling?: z.infer<typeof autoscalingSchema>;
    secretStore?: z.infer<typeof switchSchema>;
    trafficEncryption?: z.infer<typeof switchSchema>;
    registry?: z.infer<typeof registrySchema>;
};

/** The day-2 settings of a schema-valid config, each unset key from the environment's defaults. */
export function resolveDay2(input: Day2Input, environment: Environment): Day2Settings {
    const d = DAY2_DEFAULTS[environment];
    return {
        maintenance: {
            window: { ...d.maintenance.window, ...definedOnly(input.maintenance?.window ?? {}) },
            exclusions: input.maintenance?.exclusions ?? d.maintenance.exclusions,
        },
        upgrades: { ...d.upgrades, ...definedOnly(input.upgrades ?? {}) },
        autoscaling: { profile: input.autoscaling?.profile ?? d.autoscaling.profile },
        secretStore: { enabled: input.secretStore?.enabled ?? d.secretStore.enabled },
        trafficEncryption: { enabled: input.trafficEncryption?.enabled ?? d.trafficEncryption.enabled },
        registry: {
            enabled: input.registry?.enabled ?? d.registry.enabled,
            // Mirroring needs the registry: a stack that turns the registry off mirrors nothing.
            mirror: (input.registry?.enabled ?? d.registry.enabled) && (input.registry?.mirror ?? d.registry.mirror),
        },
    };
}

function definedOnly<T extends object>(value: T): Partial<T> {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function problem(path: Path, raw: RawConfig, allowed: string): ConfigProblem {
    return { key: keyName(path), value: valueAt(raw, path), allowed };
}

/** Exclusions that end before they start, overlap or last longer than the clouds accept. */
function exclusionProblems(raw: RawConfig): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    arrayAt(raw, ["maintenance", "exclusions"]).forEach((_, i) => {
        const start = Date.parse(stringAt(raw, ["maintenance", "exclusions", i, "start"]) ?? "");
        const end = Date.parse(stringAt(raw, ["maintenance", "exclusions", i, "end"]) ?? "");
        if (Number.isNaN(start) || Number.isNaN(end)) return;
        if (end <= start) problems.push(problem(["maintenance", "exclusions", i, "end"], raw, "a date-time after the exclusion's start"));
        else if (end - start > 32 * 24 * 3600 * 1000)
            problems.push(
                problem(["maintenance", "exclusions", i, "end"], raw, "at most 32 days after start (GKE and AKS refuse longer exclusions)"),
            );
    });
    return problems;
}

/**
 * Cloud limits on the window. AKS maintenance configurations repeat weekly on one day or daily, so an AKS
 * window opens on one weekday or on all seven. GKE needs at least 48 hours of window in any 32 days.
 */
function windowProblems(raw: RawConfig, cloud: Cloud | undefined, environment: Environment | undefined): ConfigProblem[] {
    if (!cloud || !environment) return [];
    const given = valueAt(raw, ["maintenance", "window", "days"]);
    const days = Array.isArray(given) ? given : DAY2_DEFAULTS[environment].maintenance.window.days;
    const hours = numberAt(raw, ["maintenance", "window", "durationHours"]) ?? DAY2_DEFAULTS[environment].maintenance.window.durationHours;
    const distinct = new Set(days).size;
    if (Array.isArray(given) && distinct !== given.length)
        return [problem(["maintenance", "window", "days"], raw, "each weekday at most once")];
    if (cloud === "azure" && distinct !== 1 && distinct !== 7)
        return [
            problem(
                ["maintenance", "window", "days"],
                raw,
                "one weekday or all seven: AKS maintenance schedules repeat weekly on one day, or daily",
            ),
        ];
    // Any 32 days hold at least 4 of each weekday.
    if (cloud === "gcp" && distinct * 4 * hours < 48)
        return [
            problem(
                ["maintenance", "window", "durationHours"],
                raw,
                `at least ${Math.ceil(48 / (distinct * 4))} hours for ${distinct} weekday(s): GKE needs 48 hours of maintenance window in any 32 days`,
            ),
        ];
    return [];
}

/** Prod keeps capacity during upgrades: surge, never take nodes away first (EKS node groups still need 1). */
function upgradeProblems(raw: RawConfig, _cloud: Cloud | undefined, environment: Environment | undefined): ConfigProblem[] {
    const unavailable = numberAt(raw, ["upgrades", "maxUnavailable"]);
    if (environment === "prod" && unavailable !== undefined && unavailable > 1)
        return [problem(["upgrades", "maxUnavailable"], raw, "0 or 1 in prod: upgrades surge new nodes rather than remove capacity")];
    return [];
}

export function day2Problems(raw: RawConfig, cloud: Cloud | undefined, environment: Environment | undefined): ConfigProblem[] {
    return [...exclusionProblems(raw), ...windowProblems(raw, cloud, environment), ...upgradeProblems(raw, cloud, environment)];
}
