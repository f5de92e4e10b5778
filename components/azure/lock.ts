import * as authorization from "@pulumi/azure-native/authorization";
import * as pulumi from "@pulumi/pulumi";

export interface DeletionLockArgs {
    /** The locked resource: the managed cluster. */
    readonly scope: pulumi.Input<string>;
    readonly clusterName: string;
}

/**
 * A CanNotDelete management lock (HC-GOV deletion protection beside Pulumi's `protect`, which only guards
 * against `pulumi destroy`). Azure refuses to delete a locked resource and any resource group holding one,
 * whoever asks; updates (upgrades, scaling) still go through. On the cluster rather than its resource
 * group: a group lock would also block deleting a role assignment or a user node pool there, ordinary
 * day-2 changes. Deleting the cluster on purpose means deleting this lock first (`Microsoft.Authorization/
 * locks/delete`, held by Owner and User Access Administrator).
 */
export function createDeletionLock(
    name: string,
    args: DeletionLockArgs,
    opts: pulumi.CustomResourceOptions,
): authorization.ManagementLockByScope {
    return new authorization.ManagementLockByScope(
        `${name}-delete-lock`,
        {
            scope: args.scope,
            lockName: `${args.clusterName}-cannot-delete`,
            level: "CanNotDelete",
            notes: "Prod cluster: deletion protection (hardened-cluster deletionProtection). Lift deliberately before deleting.",
        },
        opts,
    );
}
