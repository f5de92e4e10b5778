import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { validateResourcesOfTypes } from "./lib";

const KMS_TYPES = new Set(["KMS", "KMS_DSSE"]);

function check(
    what: string,
    configurations: readonly { encryptionType?: string; kmsKey?: string }[] | undefined,
    report: (m: string) => void,
): void {
    const first = configurations?.[0];
    if (first === undefined) {
        report(
            `${what} has no encryptionConfigurations, so ECR encrypts with AES256 under its own key; set encryptionType "KMS" with a customer-managed kmsKey`,
        );
        return;
    }
    if (!KMS_TYPES.has(first.encryptionType ?? "AES256")) {
        report(
            `${what} has encryptionType ${first.encryptionType ?? "unset (AES256)"}; set encryptionType "KMS" with a customer-managed kmsKey`,
        );
        return;
    }
    if (first.kmsKey === undefined || first.kmsKey === "" || /alias\/aws\//.test(first.kmsKey)) {
        report(
            `${what} uses ${first.encryptionType} with ${first.kmsKey ? first.kmsKey : "no kmsKey (the AWS managed key aws/ecr)"}, which the organisation cannot revoke or audit by its own policy; set kmsKey to a customer-managed key`,
        );
    }
}

/**
 * HC-SUP-06. ECR repositories, and the creation templates ECR creates repositories from (push or pull-through), are
 * encrypted with a customer-managed KMS key: revoking the key revokes the images, and the key's policy and CloudTrail
 * say who used it. AES256 or the AWS managed key `aws/ecr` fail. The encryption of a repository cannot be changed
 * after creation, so this is caught before the repository exists.
 */
export const awsEcrRepositoryRequireKms = controlResourcePolicy({
    name: "aws-ecr-repository-require-kms",
    controlId: "HC-SUP-06",
    description: "ECR repositories and repository creation templates encrypt with a customer-managed KMS key.",
    remediationSteps: 'Set encryptionConfigurations [{ encryptionType: "KMS", kmsKey: <customer-managed key ARN> }].',
    validateResource: validateResourcesOfTypes([
        validateResourceOfType(aws.ecr.Repository, (repository, _args, report) =>
            check(`repository ${repository.name}`, repository.encryptionConfigurations, report),
        ),
        validateResourceOfType(aws.ecr.RepositoryCreationTemplate, (template, _args, report) =>
            check(`repository creation template ${template.prefix}`, template.encryptionConfigurations, report),
        ),
    ]),
});
