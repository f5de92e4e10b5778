import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { validateResourcesOfTypes } from "./lib";

function check(what: string, mutability: string | undefined, requireImmutable: boolean | undefined, report: (m: string) => void): void {
    if (requireImmutable === false) return;
    if (mutability === "IMMUTABLE") return;
    const why =
        mutability === undefined
            ? "imageTagMutability is unset (AWS default MUTABLE)"
            : mutability === "IMMUTABLE_WITH_EXCLUSION"
              ? "imageTagMutability is IMMUTABLE_WITH_EXCLUSION (tags matching the exclusion filters can move)"
              : `imageTagMutability is ${mutability}`;
    report(`${what}: ${why}, so a pushed tag can be moved to another image; set imageTagMutability "IMMUTABLE"`);
}

type Config = { requireImmutableTags?: boolean };

/**
 * HC-SUP-06. ECR tags are immutable: once `v1.4.2` is pushed, nobody can point it at another image, so the tag a
 * release names (and a scan or signature judged) stays that image. Judged on repositories and on repository creation
 * templates (which set the tag rule of every repository ECR creates on push or pull-through). Dev's pack config may
 * turn it off (`requireImmutableTags: false`).
 */
export const awsEcrRepositoryRequireImmutableTags = controlResourcePolicy({
    name: "aws-ecr-repository-require-immutable-tags",
    controlId: "HC-SUP-06",
    description: "ECR repositories and repository creation templates set imageTagMutability IMMUTABLE, in prod at least.",
    remediationSteps: 'Set imageTagMutability: "IMMUTABLE" (eks.registry.tagMutability; MUTABLE is accepted in dev only).',
    configProperties: {
        requireImmutableTags: {
            type: "boolean",
            default: true,
            description: "Require immutable tags (false only in dev, where moving tags are accepted).",
        },
    },
    validateResource: validateResourcesOfTypes([
        validateResourceOfType(aws.ecr.Repository, (repository, args, report) =>
            check(`repository ${repository.name}`, repository.imageTagMutability, args.getConfig<Config>().requireImmutableTags, report),
        ),
        validateResourceOfType(aws.ecr.RepositoryCreationTemplate, (template, args, report) =>
            check(
                `repository creation template ${template.prefix}`,
                template.imageTagMutability,
                args.getConfig<Config>().requireImmutableTags,
                report,
            ),
        ),
    ]),
});
