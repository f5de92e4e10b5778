import { extendedSupportInUse } from "../../config/kubernetes-support";
import { ProgramConfig } from "../../config/program";
import { supportStatus, SupportStatus } from "../../core/kubernetes-support";

/**
 * The Kubernetes version a stack's config names, judged against the support table as of the plan date: a
 * stack that builds a cluster (its cloud and version), a cluster the blueprint did not build (the cloud
 * `existingCluster.cloud` names), or, for a baseline stack that reads a cluster stack, that stack's config.
 */
export function versionSupportOf(config: ProgramConfig, asOf: Date, clusterStackConfig?: ProgramConfig): SupportStatus | undefined {
    if (config.layer !== "baseline") {
        return supportStatus(config.cloud, config.kubernetesVersion, asOf, extendedSupportInUse(config.cloud));
    }
    if (config.source.kind === "existing-cluster") {
        const { cloud, kubernetesVersion } = config.source.cluster;
        return supportStatus(cloud, kubernetesVersion, asOf, extendedSupportInUse(cloud));
    }
    return clusterStackConfig && clusterStackConfig.layer !== "baseline" ? versionSupportOf(clusterStackConfig, asOf) : undefined;
}

/** One line for the reports: "Kubernetes 1.34 on aws: standard support until 2026-12-02 (1 day left)". */
export function supportSummary(status: SupportStatus): string {
    const on = `Kubernetes ${status.version} on ${status.cloud}`;
    switch (status.phase) {
        case "standard":
            return `${on}: standard support until ${status.standardEnd} (${status.daysToStandardEnd} day(s) left)`;
        case "extended":
            return `${on}: extended support until ${status.extendedEnd} (standard support ended ${status.standardEnd})`;
        case "unsupported":
            return `${on}: out of support (since ${status.extendedEnd ?? status.standardEnd})`;
        case "unlisted":
            return `${on}: not in the support table`;
    }
}
