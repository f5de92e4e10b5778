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
    /** Remote repositories (pull-through caches) of the baseline's upstream registries; empty unless registry.mirror. */
    readonly mirrors: readonly MirrorPlan[];
}

/** One remote repository: Docker Hub through Artifact Registry's preset, any other registry by its URI. */
export interface MirrorPlan {
    /** The upstream host as image references name it (the hand-over's imageMirror key). */
    readonly upstreamHost: string;
    /** Stable resource-name key. */
    readonly key: string;
    readonly repositoryId: string;
    readonly upstream: { readonly publicRepository: "DOCKER_HUB" } | { readonly uri: string };
    /** <region>-docker.pkg.dev/<project>/<repositoryId>, without a trailing '/' (the hand-over's imageMirror value). */
    readonly prefix: string;
}

/**
 * The registries the baseline's charts pull from (Falco and Istio from Docker Hub, the signature controller from
 * ghcr.io, Prometheus from quay.io, Kubernetes components from registry.k8s.io, Fluent Bit from cr.fluentbit.io).
 */
export const MIRRORED_UPSTREAMS: readonly { readonly host: string; readonly key: string; readonly upstream: MirrorPlan["upstream"] }[] = [
    { host: "docker.io", key: "dockerhub", upstream: { publicRepository: "DOCKER_HUB" } },
    { host: "ghcr.io", key: "ghcr", upstream: { uri: "https://ghcr.io" } },
    { host: "quay.io", key: "quay", upstream: { uri: "https://quay.io" } },
    { host: "registry.k8s.io", key: "k8s", upstream: { uri: "https://registry.k8s.io" } },
    { host: "cr.fluentbit.io", key: "fluentbit", upstream: { uri: "https://cr.fluentbit.io" } },
];

export function planRegistry(config: {
    readonly clusterName: string;
    readonly region: string;
    readonly environment: string;
    readonly gke: { readonly projectId: string };
    readonly registry: { readonly mirror: boolean };
}): RegistryPlan {
    const base = `${config.region}-docker.pkg.dev/${config.gke.projectId}`;
    return {
        repositoryId: config.clusterName,
        location: config.region,
        immutableTags: config.environment === "prod",
        url: `${base}/${config.clusterName}/`,
        // The same location and project as the stack's repository, so the default trustedRegistries prefix
        // (<region>-docker.pkg.dev/<project>/, config/registry.ts) admits them too.
        mirrors: config.registry.mirror
            ? MIRRORED_UPSTREAMS.map((u) => {
                  const repositoryId = `${config.clusterName}-${u.key}`;
                  return { upstreamHost: u.host, key: u.key, repositoryId, upstream: u.upstream, prefix: `${base}/${repositoryId}` };
              })
            : [],
    };
}

/** The hand-over's imageMirror: upstream host -> remote repository prefix; undefined without mirrors. */
export function imageMirrorOf(plan: RegistryPlan): Record<string, string> | undefined {
    if (plan.mirrors.length === 0) return undefined;
    return Object.fromEntries(plan.mirrors.map((m) => [m.upstreamHost, m.prefix]));
}
