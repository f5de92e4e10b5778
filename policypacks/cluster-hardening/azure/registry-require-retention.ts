import * as containerregistry from "@pulumi/azure-native/containerregistry";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-SUP-06: untagged manifests (a tag moved to a new image, a failed push) are purged after a retention period.
 * ACR has no registry-wide tag immutability, so an overwritten release tag leaves its old image behind, still
 * pullable by digest and still scanned and billed; the retention policy bounds how long.
 */
export const azureContainerregistryRegistryRequireRetention = controlResourcePolicy({
    name: "azure-containerregistry-registry-require-retention",
    controlId: "HC-SUP-06",
    description: "Container registries purge untagged manifests after a retention period (policies.retentionPolicy enabled).",
    remediationSteps: "Set policies.retentionPolicy.status enabled with days between 0 and 365 (Premium only).",
    validateResource: validateResourceOfType(containerregistry.Registry, (registry, _args, report) => {
        const retention = registry.policies?.retentionPolicy;
        if (retention?.status === "enabled") return;
        const state =
            retention === undefined
                ? "policies.retentionPolicy is not set"
                : `policies.retentionPolicy.status is ${retention.status ?? "unset"}`;
        report(
            `${state}, so untagged manifests (images whose tag was moved) stay pullable by digest forever; set retentionPolicy.status enabled with a number of days`,
        );
    }),
});
