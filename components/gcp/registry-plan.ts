/**
 * The stack's Artifact Registry repository (HC-SUP-05, HC-SUP-06): one Docker repository per cluster in
 * the cluster's region, under the stacks' trusted registry prefix (<region>-docker.pkg.dev/<project>/).
 */
export interface RegistryPlan {
    readonly repositoryId: string;
    readonly location: string;
    /** Prod: a tag, once pushed, always names the same image (no re-pointing a release tag). */
    readonly immutableTags: boolean;
    /** The image path prefix, e.g. europe-west1-docker.pkg.dev/acme-platform-prod/platform-prod/. */
    readonly url: string;
}

export function planRegistry(config: {
    readonly clusterName: string;
    readonly region: string;
    readonly environment: string;
    readonly gke: { readonly projectId: string };
}): RegistryPlan {
    return {
        repositoryId: config.clusterName,
        location: config.region,
        immutableTags: config.environment === "prod",
        url: `${config.region}-docker.pkg.dev/${config.gke.projectId}/${config.clusterName}/`,
    };
}
