import { NodePoolSpec, Taint } from "../../config/types";
import { EksSettings } from "../../config/clouds/eks";
import { POOL_ROLES, PoolRole } from "../../config/defaults";
import { UpgradeSpec } from "../../config/day2";
import { POOL_LABEL } from "../../core/labels";

/**
 * Managed node groups, one per pool role, planned from config (HC-NODE-01..04). Pure: no Pulumi.
 */
export type EksTaintEffect = "NO_SCHEDULE" | "NO_EXECUTE" | "PREFER_NO_SCHEDULE";

const TAINT_EFFECTS: Readonly<Record<Taint["effect"], EksTaintEffect>> = {
    NoSchedule: "NO_SCHEDULE",
    NoExecute: "NO_EXECUTE",
    PreferNoSchedule: "PREFER_NO_SCHEDULE",
};

/** HC-NODE-04: container-optimised images only. */
export const AMI_TYPES: Readonly<Record<EksSettings["nodeOs"], string>> = {
    bottlerocket: "BOTTLEROCKET_x86_64",
    al2023: "AL2023_x86_64_STANDARD",
};

export interface VolumePlan {
    readonly deviceName: string;
    /** Undefined: the AMI snapshot's size (Bottlerocket's small OS volume). */
    readonly sizeGb?: number;
}

/** The largest parallel update EKS accepts for a managed node group. */
export const EKS_MAX_UNAVAILABLE_LIMIT = 100;

export interface NodeGroupUpdatePlan {
    /** At least 1: EKS refuses 0. */
    readonly maxUnavailable: number;
    /** DEFAULT launches the replacement nodes first (surge), then drains and terminates the old ones. */
    readonly updateStrategy: "DEFAULT";
}

/**
 * HC-NODE-07: node group updates keep capacity, from the shared `upgrades` key. EKS managed node groups
 * always surge with the DEFAULT strategy (new nodes in each zone before old ones go; MINIMAL, which may
 * terminate first, is never used) and take no surge size, so `maxSurge` has no EKS setting. `maxUnavailable`
 * is how many nodes are replaced in parallel; EKS needs at least 1, so prod's 0 becomes 1, which with the
 * DEFAULT strategy still keeps the group's capacity (the replacement is Ready before the old node drains).
 */
export function planNodeGroupUpdate(upgrades: UpgradeSpec): NodeGroupUpdatePlan {
    return {
        maxUnavailable: Math.min(Math.max(upgrades.maxUnavailable, 1), EKS_MAX_UNAVAILABLE_LIMIT),
        updateStrategy: "DEFAULT",
    };
}

export interface NodeGroupPlan {
    readonly key: PoolRole;
    readonly amiType: string;
    readonly instanceTypes: readonly string[];
    readonly scaling: { readonly minSize: number; readonly maxSize: number; readonly desiredSize: number };
    readonly labels: Readonly<Record<string, string>>;
    readonly taints: readonly { readonly key: string; readonly value: string; readonly effect: EksTaintEffect }[];
    /** Every block device the image uses, each encrypted with the cluster key (HC-NODE-01). */
    readonly volumes: readonly VolumePlan[];
    readonly update: NodeGroupUpdatePlan;
}

/**
 * Bottlerocket boots from a small OS volume (/dev/xvda) and keeps images and pod data on /dev/xvdb;
 * AL2023 has one root volume (/dev/xvda). Both are listed so none falls back to the AMI's unencrypted
 * snapshot setting.
 */
export function volumesFor(nodeOs: EksSettings["nodeOs"], diskSizeGb: number): VolumePlan[] {
    switch (nodeOs) {
        case "bottlerocket":
            return [{ deviceName: "/dev/xvda" }, { deviceName: "/dev/xvdb", sizeGb: diskSizeGb }];
        case "al2023":
            return [{ deviceName: "/dev/xvda", sizeGb: diskSizeGb }];
    }
}

export function planNodeGroups(
    pools: Readonly<Record<PoolRole, NodePoolSpec>>,
    nodeOs: EksSettings["nodeOs"],
    upgrades: UpgradeSpec,
): NodeGroupPlan[] {
    const update = planNodeGroupUpdate(upgrades);
    return POOL_ROLES.map((role) => {
        const pool = pools[role];
        return {
            key: role,
            amiType: AMI_TYPES[nodeOs],
            instanceTypes: [pool.machineType],
            scaling: { minSize: pool.minSize, maxSize: Math.max(pool.maxSize, 1), desiredSize: pool.minSize },
            labels: { [POOL_LABEL]: role },
            taints: pool.taints.map((t) => ({ key: t.key, value: t.value, effect: TAINT_EFFECTS[t.effect] })),
            volumes: volumesFor(nodeOs, pool.diskSizeGb),
            update,
        };
    });
}
