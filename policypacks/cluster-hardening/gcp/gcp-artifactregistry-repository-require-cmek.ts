import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-SUP-06. A repository's images are encrypted with a customer-managed Cloud KMS key, which the
 * organisation can rotate, audit and revoke. The key can only be set when the repository is created.
 * During a first preview the key id is unknown: not evaluated.
 */
export const artifactRegistryRepositoryRequireCmek = controlResourcePolicy({
    name: "gcp-artifactregistry-repository-require-cmek",
    controlId: "HC-SUP-06",
    description: "Artifact Registry repositories are encrypted with a customer-managed Cloud KMS key (kmsKeyName).",
    validateResource: validateResourceOfType(gcp.artifactregistry.Repository, (repository, _args, report) => {
        const key = repository.kmsKeyName;
        if (!key || key.trim() === "") {
            report(
                `repository ${repository.repositoryId} has no kmsKeyName, so its images are encrypted only with Google's default key; set kmsKeyName to a Cloud KMS key in the repository's region that Artifact Registry's service agent may use (it can only be set at creation)`,
            );
        }
    }),
});
