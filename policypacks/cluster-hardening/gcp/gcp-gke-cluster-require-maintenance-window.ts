import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-NODE-07. Automatic upgrades of the control plane and nodes run only in a maintenance window the
 * platform team chose (maintenancePolicy.recurringWindow or dailyMaintenanceWindow), not whenever GKE
 * schedules them. Without one GKE may upgrade at any time of any day.
 */
export const gkeClusterRequireMaintenanceWindow = controlResourcePolicy({
    name: "gcp-gke-cluster-require-maintenance-window",
    controlId: "HC-NODE-07",
    description: "GKE clusters upgrade only in a maintenance window (maintenancePolicy.recurringWindow or dailyMaintenanceWindow).",
    validateResource: validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
        const policy = cluster.maintenancePolicy;
        const recurring = policy?.recurringWindow;
        if (recurring && recurring.recurrence && recurring.startTime && recurring.endTime) return;
        if (policy?.dailyMaintenanceWindow?.startTime) return;
        report(
            `maintenancePolicy ${policy ? "has no complete window" : "is unset"}, so GKE may upgrade the control plane and nodes at any time; set maintenancePolicy { recurringWindow: { startTime, endTime, recurrence: "FREQ=WEEKLY;BYDAY=SA" } } (the stack's maintenance.window)`,
        );
    }),
});
