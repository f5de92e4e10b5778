import { GcpConfig } from "../../config/types";

/** Where the control plane and nodes live. */
export interface LocationPlan {
    /** A region (regional cluster: control plane replicated over three zones) or a zone (zonal cluster). */
    readonly location: string;
    readonly regional: boolean;
    /** How many zones a node pool spreads over; GKE's per-zone node counts are divided by it. */
    readonly zoneCount: number;
}

/** The zone a dev cluster runs in. Every region in config/regions.ts has a "-b" zone. */
export function devZone(region: string): string {
    return `${region}-b`;
}

/**
 * Prod and staging are regional, so a zone outage loses neither the control plane nor the nodes
 * (GKE spreads a regional cluster's pools over three zones by default). Dev is zonal: one
 * control-plane replica is enough there, and a zonal cluster falls under GKE's free tier.
 */
export function planLocation(config: Pick<GcpConfig, "environment" | "region">): LocationPlan {
    if (config.environment === "dev") return { location: devZone(config.region), regional: false, zoneCount: 1 };
    return { location: config.region, regional: true, zoneCount: 3 };
}
