import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import { PolicyResource } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";
import { isRequired, requiredConfig } from "../../lib/required-config";
import { dependencyUrns } from "../../lib/stack";

/** Lock levels that stop a delete: CanNotDelete, and ReadOnly (which also stops updates, so upgrades too). */
const DELETE_BLOCKING_LEVELS = new Set(["CanNotDelete", "ReadOnly"]);

function blocksDelete(lock: PolicyResource): boolean {
    return DELETE_BLOCKING_LEVELS.has(String(lock.props["level"]));
}

/** The resource groups a cluster sits in, as the names and the URNs its resourceGroupName refers to. */
function groupOf(resource: PolicyResource): string[] {
    const name = resource.props["resourceGroupName"];
    return [...(typeof name === "string" ? [name] : []), ...dependencyUrns(resource, "resourceGroupName")];
}

/**
 * HC-RES-01. AKS has no deletion-protection switch: a management lock is how Azure refuses to delete a
 * cluster, whoever asks (the portal, the CLI, another pipeline, a resource-group delete). Pulumi's `protect`
 * guards only this program's own destroy. A cluster is locked by a ManagementLockByScope whose scope is the
 * cluster, or a ManagementLockAtResourceGroupLevel on its resource group, at level CanNotDelete or ReadOnly.
 * The scope is matched through property dependencies, so it holds while the cluster's id is unknown in a
 * preview. Required where the pack config says so (`required`, prod).
 */
export const azureAksStackRequireDeletionLock = controlStackPolicy({
    name: "azure-aks-stack-require-deletion-lock",
    controlId: "HC-RES-01",
    description: "Where deletion protection is required, every AKS cluster carries a CanNotDelete (or ReadOnly) management lock.",
    remediationSteps:
        'Add an authorization.ManagementLockByScope { scope: cluster.id, level: "CanNotDelete" } (blueprint: deletionProtection, always on in prod).',
    configProperties: requiredConfig("a deletion lock", "the environment's clusters may be deleted"),
    validateStack: (args, report) => {
        const clusters = args.resources.filter((r) => r.isType(containerservice.ManagedCluster));
        if (clusters.length === 0) return args.notApplicable("no AKS cluster in this stack");
        if (!isRequired(args)) return;
        const lockedScopes = new Set<string>();
        for (const lock of args.resources.filter((r) => r.isType(authorization.ManagementLockByScope) && blocksDelete(r))) {
            dependencyUrns(lock, "scope").forEach((u) => lockedScopes.add(u));
        }
        const lockedGroups = new Set<string>();
        for (const lock of args.resources.filter((r) => r.isType(authorization.ManagementLockAtResourceGroupLevel) && blocksDelete(r))) {
            groupOf(lock).forEach((g) => lockedGroups.add(g));
        }
        for (const cluster of clusters) {
            if (lockedScopes.has(cluster.urn) || groupOf(cluster).some((g) => lockedGroups.has(g))) continue;
            report(
                `AKS cluster ${cluster.name} has no CanNotDelete or ReadOnly management lock on it or on its resource group, so one delete from anyone with Microsoft.ContainerService/managedClusters/delete removes it; add a ManagementLockByScope with scope: cluster.id and level CanNotDelete`,
                cluster.urn,
            );
        }
    },
});
