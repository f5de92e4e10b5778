import { controlResourcePolicy } from "../../lib/define";
import { onNodeSettings } from "./node-configs";

/**
 * HC-NODE-05 (CIS GKE 5.5.2, 5.5.3). Every pool repairs and upgrades itself. Checked on NodePools and
 * a cluster's inline pools; the default pool's management cannot be set on the cluster, so a cluster
 * that keeps it is judged by its inline pools only (and by gcp-gke-cluster-require-release-channel,
 * which forces auto-upgrade on every pool of an enrolled cluster).
 */
export const gkePoolRequireAutoUpgrade = controlResourcePolicy({
    name: "gcp-gke-pool-require-auto-upgrade",
    controlId: "HC-NODE-05",
    description: "GKE node pools have auto-repair and auto-upgrade on.",
    validateResource: onNodeSettings(
        (settings, report) => {
            const where = settings.managementPath;
            if (where === undefined) return;
            const m = settings.management;
            if (m?.autoRepair !== true || m.autoUpgrade !== true) {
                report(
                    `${where} has autoRepair ${String(m?.autoRepair)} and autoUpgrade ${String(m?.autoUpgrade)}; set management { autoRepair: true, autoUpgrade: true }`,
                );
            }
        },
        { includeRemovedDefaultPool: false },
    ),
});
