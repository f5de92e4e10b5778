import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import { RegistryPlan } from "./registry-plan";

export interface ImageRegistryArgs {
    readonly projectId: string;
    readonly plan: RegistryPlan;
    /** ClusterKeys.registryKey; its grant to Artifact Registry's agent must be in the component's dependsOn. */
    readonly kmsKeyName: pulumi.Input<string>;
    /** Protect the repository (and the images in it) from `pulumi destroy` (config.deletionProtection). */
    readonly protect: boolean;
    readonly labels: Readonly<Record<string, string>>;
}

/**
 * The stack's private image registry: a Docker repository encrypted with the stack's own key (HC-SUP-06),
 * immutable tags in prod, and scanned by Artifact Analysis (HC-SUP-05): with the Container Scanning API
 * on (services.ts), every image pushed is scanned and re-scanned as new vulnerabilities are published;
 * `INHERITED` keeps the repository on the project's scanning. Nodes pull through their account's
 * `roles/artifactregistry.reader`; nobody outside the project's IAM can read it (no public member).
 */
export class ImageRegistry extends pulumi.ComponentResource {
    readonly repository: gcp.artifactregistry.Repository;
    /** Remote repositories caching the baseline's upstream registries (registry.mirror), in plan order. */
    readonly mirrors: readonly gcp.artifactregistry.Repository[];

    constructor(name: string, args: ImageRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:ImageRegistry", name, {}, opts);
        const { plan } = args;
        this.repository = new gcp.artifactregistry.Repository(
            `${name}-repository`,
            {
                project: args.projectId,
                location: plan.location,
                repositoryId: plan.repositoryId,
                format: "DOCKER",
                description: `Images for cluster ${plan.repositoryId} (hardened-cluster HC-SUP-05, HC-SUP-06)`,
                kmsKeyName: args.kmsKeyName,
                dockerConfig: { immutableTags: plan.immutableTags },
                vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
                labels: { ...args.labels },
            },
            { ...childOptions(this, opts), protect: args.protect },
        );
        // registry.mirror: pull-through caches of the baseline's upstream registries, read-only, under the same
        // prefix, key and scanning as the repository above. Tags do not apply (nobody pushes to a remote
        // repository), so no dockerConfig. Protected like the repository: the cached digests are what the
        // stack's attestations and running pods name.
        this.mirrors = plan.mirrors.map(
            (mirror) =>
                new gcp.artifactregistry.Repository(
                    `${name}-mirror-${mirror.key}`,
                    {
                        project: args.projectId,
                        location: plan.location,
                        repositoryId: mirror.repositoryId,
                        format: "DOCKER",
                        mode: "REMOTE_REPOSITORY",
                        description: `Cache of ${mirror.upstreamHost} for cluster ${plan.repositoryId} (hardened-cluster HC-SUP-05, HC-SUP-06)`,
                        kmsKeyName: args.kmsKeyName,
                        remoteRepositoryConfig: {
                            description: mirror.upstreamHost,
                            // Docker Hub through Artifact Registry's preset; any other registry by URI (commonRepository,
                            // which replaces the deprecated dockerRepository.customRepository in @pulumi/gcp 9.37).
                            ...("publicRepository" in mirror.upstream
                                ? { dockerRepository: { publicRepository: mirror.upstream.publicRepository } }
                                : { commonRepository: { uri: mirror.upstream.uri } }),
                        },
                        vulnerabilityScanningConfig: { enablementConfig: "INHERITED" },
                        labels: { ...args.labels },
                    },
                    { ...childOptions(this, opts), protect: args.protect },
                ),
        );
        this.registerOutputs({});
    }
}
