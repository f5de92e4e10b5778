import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-SUP-06. In prod a Docker repository's tags are immutable: once `v1.4.2` is pushed, nobody can point it
 * at another image, so a tag a release names (and a scan or attestation judged) stays that image.
 * Dev's pack config may turn the requirement off (`requireImmutableTags: false`) for moving tags like `dev`.
 * Only standard repositories (mode unset or STANDARD_REPOSITORY) take pushes: a remote repository caches what its
 * upstream serves and a virtual one only routes, so tag immutability does not apply to them (their encryption and
 * scanning are still judged by the other HC-SUP policies).
 */
export const artifactRegistryRepositoryRequireImmutableTags = controlResourcePolicy({
    name: "gcp-artifactregistry-repository-require-immutable-tags",
    controlId: "HC-SUP-06",
    description: "Docker repositories in Artifact Registry have immutable tags (dockerConfig.immutableTags), in prod at least.",
    configProperties: {
        requireImmutableTags: {
            type: "boolean",
            default: true,
            description: "Require immutable tags (false only in dev, where moving tags are accepted).",
        },
    },
    validateResource: validateResourceOfType(gcp.artifactregistry.Repository, (repository, args, report) => {
        if ((repository.format ?? "").toUpperCase() !== "DOCKER") {
            args.notApplicable(`repository format ${repository.format} has no tags`);
            return;
        }
        const mode = (repository.mode ?? "STANDARD_REPOSITORY").toUpperCase();
        if (mode !== "STANDARD_REPOSITORY") {
            args.notApplicable(`a ${mode} takes no pushes, so no tag of it can be moved`);
            return;
        }
        if (args.getConfig<{ requireImmutableTags?: boolean }>().requireImmutableTags === false) return;
        if (repository.dockerConfig?.immutableTags !== true) {
            report(
                `repository ${repository.repositoryId} has dockerConfig.immutableTags ${String(repository.dockerConfig?.immutableTags ?? "unset")}, so a pushed tag can be moved to another image; set dockerConfig { immutableTags: true }`,
            );
        }
    }),
});
