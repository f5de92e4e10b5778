import * as containerservice from "@pulumi/azure-native/containerservice";
import * as pulumi from "@pulumi/pulumi";
import { AksMaintenancePlan } from "./maintenance-plan";

export interface MaintenanceArgs {
    readonly resourceGroupName: pulumi.Input<string>;
    readonly clusterName: pulumi.Input<string>;
    readonly plans: readonly AksMaintenancePlan[];
}

/** The cluster's maintenance configurations (maintenance-plan.ts), named as AKS requires. */
export function createMaintenanceConfigurations(
    name: string,
    args: MaintenanceArgs,
    opts: pulumi.CustomResourceOptions,
): containerservice.MaintenanceConfiguration[] {
    return args.plans.map(
        (plan) =>
            new containerservice.MaintenanceConfiguration(
                `${name}-${plan.configName}`,
                {
                    resourceGroupName: args.resourceGroupName,
                    resourceName: args.clusterName,
                    configName: plan.configName,
                    maintenanceWindow: plan.maintenanceWindow,
                },
                opts,
            ),
    );
}
