import { PoolRole, POOL_ROLES } from "../../config/defaults";
import { GcpConfig, Taint } from "../../config/types";
import { POOL_LABEL } from "../../core/labels";
import { planUpgradeSettings } from "./day2-plan";

/** GKE's names for the Kubernetes taint effects. */
export const GKE_TAINT_EFFECTS: Readonly<Record<Taint["effect"], string>> = {
    NoSchedule: "NO_SCHEDULE",
    PreferNoSchedule: "PREFER_NO_SCHEDULE",
    NoExecute: "NO_EXECUTE",
};

export interface GkeTaint {
    readonly key: string;
    readonly value: string;
    readonly effect: string;
}

export interface PoolPlan {
    /** The pool's role: a stable key in resource names and the pool name prefix. */
    readonly role: PoolRole;
    readonly machineType: string;
    /** Cluster-wide node bounds (GKE's totalMin/totalMaxNodeCount), as the config states them. */
    readonly totalMinNodes: number;
    readonly totalMaxNodes: number;
    /** Nodes per zone at creation: GKE's initialNodeCount counts per zone. */
    readonly initialNodesPerZone: number;
    readonly diskSizeGb: number;
    readonly labels: Readonly<Record<string, string>>;
    readonly taints: readonly GkeTaint[];
    /** Surge upgrades from the config's `upgrades` (HC-NODE-07), in GKE's per-zone node counts. */
    readonly upgradeSettings: { readonly strategy: "SURGE"; readonly maxSurge: number; readonly maxUnavailable: number };
}

export function toGkeTaint(taint: Taint): GkeTaint {
    return { key: taint.key, value: taint.value, effect: GKE_TAINT_EFFECTS[taint.effect] };
}

/**
 * The three pools from the config: system (CriticalAddonsOnly taint keeps tenant pods off the nodes
 * running kube-system), general, and isolated (its taint keeps everything but tolerating workloads off).
 */
export function planNodePools(config: Pick<GcpConfig, "nodePools" | "upgrades">, zoneCount: number): PoolPlan[] {
    return POOL_ROLES.map((role) => {
        const spec = config.nodePools[role];
        return {
            role,
            machineType: spec.machineType,
            totalMinNodes: spec.minSize,
            totalMaxNodes: spec.maxSize,
            initialNodesPerZone: Math.ceil(spec.minSize / zoneCount),
            diskSizeGb: spec.diskSizeGb,
            labels: { [POOL_LABEL]: role },
            taints: spec.taints.map(toGkeTaint),
            upgradeSettings: planUpgradeSettings(config.upgrades, { totalMaxNodes: spec.maxSize }, zoneCount),
        };
    });
}
