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
    /** Ephemeral where the VM size's local temp disk holds the OS disk (see osDiskTypeFor), else Managed. */
    readonly osDiskType: "Ephemeral" | "Managed";
    /** AKS taint strings, key=value:Effect. */
    readonly taints: readonly string[];
    readonly labels: Readonly<Record<string, string>>;
    /** Availability zones, "1".."3"; empty means regional placement (one-zone layouts and zoneless regions). */
    readonly zones: readonly string[];
}

/**
 * Local temp (resource) disk of VM sizes known to take an ephemeral OS disk, GiB (Azure VM size tables,
 * Ddsv5/Ddsv4/Edsv5 series). AKS places an ephemeral OS disk on the VM's cache or temp disk; it must fit.
 */
export const TEMP_DISK_GIB: Readonly<Record<string, number>> = {
    Standard_D2ds_v5: 75,
    Standard_D4ds_v5: 150,
    Standard_D8ds_v5: 300,
    Standard_D16ds_v5: 600,
    Standard_D32ds_v5: 1200,
    Standard_D2ds_v4: 75,
    Standard_D4ds_v4: 150,
    Standard_D8ds_v4: 300,
    Standard_D16ds_v4: 600,
    Standard_E2ds_v5: 75,
    Standard_E4ds_v5: 150,
    Standard_E8ds_v5: 300,
    Standard_E16ds_v5: 600,
};

/**
 * Ephemeral OS disks (issue 13): the OS disk lives on the VM's local disk, so a reimage is fast, nothing is
 * written to a remote disk and the node's OS state does not outlive the VM. Encryption at host stays on and
 * covers it (host-based encryption encrypts the temp disk and ephemeral OS disks). Only for a size known to
 * have a local disk at least as large as the OS disk; any other size stays Managed, since a wrong guess
 * fails pool creation and the disk type cannot change on an existing pool.
 */
export function osDiskTypeFor(vmSize: string, osDiskSizeGB: number): "Ephemeral" | "Managed" {
    const local = TEMP_DISK_GIB[vmSize];
    return local !== undefined && osDiskSizeGB <= local ? "Ephemeral" : "Managed";
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
        osDiskType: osDiskTypeFor(spec.machineType, spec.diskSizeGb),
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
