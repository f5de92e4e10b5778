import { AutoscalingProfile, MaintenanceSpec, UpgradeSpec, Weekday, WEEKDAYS } from "../../config/day2";
import type { containerservice as aksInputs } from "@pulumi/azure-native/types/input";

/**
 * The day-2 settings in AKS's shapes (issue 14). Pure: config in, plan out; maintenance.ts makes resources.
 *
 * Maintenance: two AKS maintenance configurations from the one window, `aksManagedAutoUpgradeSchedule`
 * (cluster auto-upgrades on the upgrade channel) and `aksManagedNodeOSUpgradeSchedule` (node OS channel),
 * each with the window's exclusions as not-allowed dates. AKS takes one schedule per configuration: a
 * window on every day is a daily schedule for node OS upgrades; the cluster auto-upgrade schedule is at
 * most weekly, so it opens on the window's first day only. A window on some but not all days is refused
 * by config (config/day2.ts).
 */
export const AUTO_UPGRADE_SCHEDULE = "aksManagedAutoUpgradeSchedule";
export const NODE_OS_UPGRADE_SCHEDULE = "aksManagedNodeOSUpgradeSchedule";

const DAY_NAMES: Readonly<Record<Weekday, string>> = {
    Mon: "Monday",
    Tue: "Tuesday",
    Wed: "Wednesday",
    Thu: "Thursday",
    Fri: "Friday",
    Sat: "Saturday",
    Sun: "Sunday",
};

export interface AksMaintenancePlan {
    readonly configName: typeof AUTO_UPGRADE_SCHEDULE | typeof NODE_OS_UPGRADE_SCHEDULE;
    readonly maintenanceWindow: aksInputs.MaintenanceWindowArgs;
}

/** The UTC dates an exclusion touches, as AKS's date spans (dates only, both ends included). */
export function notAllowedDates(exclusions: MaintenanceSpec["exclusions"]): { start: string; end: string }[] {
    return exclusions.map((e) => ({
        start: new Date(e.start).toISOString().slice(0, 10),
        end: new Date(e.end).toISOString().slice(0, 10),
    }));
}

export function planMaintenance(maintenance: MaintenanceSpec): AksMaintenancePlan[] {
    const { window } = maintenance;
    const everyDay = WEEKDAYS.every((d) => window.days.includes(d));
    const first = WEEKDAYS.find((d) => window.days.includes(d)) ?? window.days[0];
    const weekly = { weekly: { dayOfWeek: DAY_NAMES[first], intervalWeeks: 1 } };
    const common = {
        durationHours: window.durationHours,
        startTime: window.start,
        utcOffset: window.utcOffset,
        ...(maintenance.exclusions.length > 0 ? { notAllowedDates: notAllowedDates(maintenance.exclusions) } : {}),
    };
    return [
        { configName: AUTO_UPGRADE_SCHEDULE, maintenanceWindow: { ...common, schedule: weekly } },
        {
            configName: NODE_OS_UPGRADE_SCHEDULE,
            maintenanceWindow: { ...common, schedule: everyDay ? { daily: { intervalDays: 1 } } : weekly },
        },
    ];
}

/** Node pool surge settings (AKS takes both as strings; prod keeps capacity with maxUnavailable 0). */
export function poolUpgradeSettings(upgrades: UpgradeSpec): { maxSurge: string; maxUnavailable: string } {
    return { maxSurge: upgrades.maxSurge, maxUnavailable: String(upgrades.maxUnavailable) };
}

/**
 * The cluster autoscaler profile (it scales every pool with enableAutoScaling). `balanced` keeps AKS's
 * defaults for when to scale down; `optimize-utilization` removes unneeded nodes sooner and packs tighter
 * (the AKS docs' cost-optimised example). Both pick the expander that wastes the least capacity, balance
 * the zonal pools, and never evict pods with local storage or kube-system pods to scale down.
 */
export function autoScalerProfile(profile: AutoscalingProfile): aksInputs.ManagedClusterPropertiesAutoScalerProfileArgs {
    const shared = {
        expander: "least-waste",
        balanceSimilarNodeGroups: "true",
        skipNodesWithLocalStorage: "true",
        skipNodesWithSystemPods: "true",
    };
    return profile === "optimize-utilization"
        ? {
              ...shared,
              scaleDownUnneededTime: "5m",
              scaleDownDelayAfterAdd: "5m",
              scaleDownUtilizationThreshold: "0.7",
              scanInterval: "10s",
          }
        : {
              ...shared,
              scaleDownUnneededTime: "10m",
              scaleDownDelayAfterAdd: "10m",
              scaleDownUtilizationThreshold: "0.5",
              scanInterval: "10s",
          };
}
