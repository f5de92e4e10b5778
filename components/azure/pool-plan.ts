import { AzureConfig, NodePoolSpec, Taint } from "../../config/types";
import { POOL_ROLES, PoolRole } from "../../config/defaults";
import { POOL_LABEL } from "../../core/labels";

/**
 * The node pool layout: one System pool (cluster add-ons only) and two User pools (general, and an
 * isolated pool ring-fenced by a taint). Pure: config in, plan out; pools.ts turns it into resources.
 */
export interface AksPoolPlan {
    /** Stable key, also the AKS pool name (lowercase letters and digits, at most 12 characters). */
    readonly key: PoolRole;
    readonly name: string;
    readonly mode: "System" | "User";
    readonly vmSize: string;
    readonly minCount: number;
    readonly maxCount: number;
    /** Initial node count: the minimum, the autoscaler takes over from there. */
    readonly count: number;
    readonly osDiskSizeGB: number;
    /** AKS taint strings, key=value:Effect. */
    readonly taints: readonly string[];
    readonly labels: Readonly<Record<string, string>>;
    /** Availability zones, "1".."3"; empty means regional placement (one-zone layouts and zoneless regions). */
    readonly zones: readonly string[];
}

export function taintString(taint: Taint): string {
    return `${taint.key}=${taint.value}:${taint.effect}`;
}

/** Zones to spread pools over: none when only one zone is asked for, else "1".."n". */
export function planZones(zones: number): string[] {
    return zones < 2 ? [] : Array.from({ length: zones }, (_, i) => String(i + 1));
}

function poolFor(role: PoolRole, spec: NodePoolSpec, zones: readonly string[]): AksPoolPlan {
    return {
        key: role,
        name: role,
        mode: role === "system" ? "System" : "User",
        vmSize: spec.machineType,
        minCount: spec.minSize,
        maxCount: spec.maxSize,
        count: spec.minSize,
        osDiskSizeGB: spec.diskSizeGb,
        taints: spec.taints.map(taintString),
        labels: { [POOL_LABEL]: role },
        zones,
    };
}

/** System pool first (it must be the inline pool of the managed cluster), then the user pools. */
export function planPools(config: Pick<AzureConfig, "nodePools" | "network">): AksPoolPlan[] {
    const zones = planZones(config.network.zones);
    return POOL_ROLES.map((role) => poolFor(role, config.nodePools[role], zones));
}
