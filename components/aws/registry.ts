import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, childOptions } from "./context";
import { KEY_DELETION_WINDOW_DAYS } from "./key";
import { serviceTrustPolicy } from "./policy-documents";
import {
    creationTemplateRolePolicy,
    pullThroughImportPolicy,
    registryKeyPolicy,
    registryLifecyclePolicy,
    RegistryPlan,
    repositoriesUnder,
} from "./registry-plan";

export interface StackRegistryArgs {
    readonly plan: RegistryPlan;
    /** The node role: it imports images into the cache repositories on their first pull. */
    readonly nodeRole: aws.iam.Role;
    /** config.deletionProtection: the key and the repositories are protected. */
    readonly protect: boolean;
}

export interface StackRegistry {
    readonly key: aws.kms.Key;
    readonly repositories: aws.ecr.Repository[];
    /** `arn:...:repository/<clusterName>/*`: every repository of the cluster. */
    readonly namespaceRepositoriesArn: pulumi.Output<string>;
    /** What nodes need before they pull through the caches. */
    readonly ready: pulumi.Resource[];
}

/** Turns the registry plan into resources (registry-plan.ts says what and why). */
export function stackRegistry(ctx: AwsContext, args: StackRegistryArgs): StackRegistry {
    const { plan } = args;
    const arnUnder = (prefix: string) =>
        pulumi
            .all([ctx.partition, ctx.accountId])
            .apply(([partition, accountId]) => repositoriesUnder(partition, ctx.region, accountId, prefix));
    const namespaceRepositoriesArn = arnUnder(plan.namespace);

    // HC-SUP-06: the registry's own key, rotated yearly, usable only through ECR.
    const key = new aws.kms.Key(
        `${ctx.name}-registry-key`,
        {
            description: `ECR repositories of ${plan.namespace}`,
            keyUsage: "ENCRYPT_DECRYPT",
            customerMasterKeySpec: "SYMMETRIC_DEFAULT",
            enableKeyRotation: true,
            rotationPeriodInDays: 365,
            deletionWindowInDays: KEY_DELETION_WINDOW_DAYS,
            policy: pulumi
                .all([ctx.partition, ctx.accountId])
                .apply(([partition, accountId]) => JSON.stringify(registryKeyPolicy(partition, accountId, ctx.region))),
            tags: { ...ctx.tags, Name: `${plan.namespace}-ecr` },
        },
        childOptions(ctx, { protect: args.protect }),
    );
    new aws.kms.Alias(`${ctx.name}-registry-key-alias`, { name: `alias/${plan.namespace}-ecr`, targetKeyId: key.keyId }, childOptions(ctx));
    const encryptionConfigurations = [{ encryptionType: "KMS", kmsKey: key.arn }];
    const lifecyclePolicy = registryLifecyclePolicy();

    // HC-SUP-05: enhanced scanning (Amazon Inspector), continuous, for every repository of the account's registry in
    // this region. Setting ENHANCED activates Inspector's ECR scanning itself (no inspector2.Enabler: two owners of
    // one switch would turn it off for each other on destroy). Registry-wide: kept on destroy, so removing one stack
    // does not drop another's scanning back to BASIC.
    const scanning = new aws.ecr.RegistryScanningConfiguration(
        `${ctx.name}-registry-scanning`,
        {
            scanType: "ENHANCED",
            rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }],
        },
        childOptions(ctx, { retainOnDelete: true }),
    );

    const repoKey = (name: string) => `${ctx.name}-repo-${name.slice(plan.namespace.length + 1).replace(/[^a-z0-9-]/g, "-")}`;
    const repositories = plan.repositories.map(
        (name) =>
            new aws.ecr.Repository(
                repoKey(name),
                {
                    name,
                    imageTagMutability: plan.tagMutability,
                    encryptionConfigurations,
                    // Basic scan-on-push is superseded by the registry's enhanced scanning.
                    forceDelete: false,
                    tags: ctx.tags,
                },
                // Images are data: protected with the cluster's other data, and kept if the stack is destroyed.
                childOptions(ctx, { protect: args.protect, retainOnDelete: true, dependsOn: [scanning] }),
            ),
    );
    repositories.forEach(
        (repository, i) =>
            new aws.ecr.LifecyclePolicy(
                `${repoKey(plan.repositories[i])}-lifecycle`,
                { repository: repository.name, policy: lifecyclePolicy },
                childOptions(ctx),
            ),
    );

    // Repositories ECR creates under the namespace (push or pull-through) get the same key, tag rule and lifecycle.
    const templateRole = new aws.iam.Role(
        `${ctx.name}-ecr-template-role`,
        {
            description: `ECR repository creation template of ${plan.namespace}`,
            assumeRolePolicy: JSON.stringify(serviceTrustPolicy("ecr.amazonaws.com")),
            maxSessionDuration: 3600,
            tags: ctx.tags,
        },
        childOptions(ctx),
    );
    const templateRolePolicy = new aws.iam.RolePolicy(
        `${ctx.name}-ecr-template-create`,
        {
            role: templateRole.id,
            policy: pulumi
                .all([namespaceRepositoriesArn, key.arn])
                .apply(([arn, keyArn]) => JSON.stringify(creationTemplateRolePolicy(arn, keyArn))),
        },
        childOptions(ctx),
    );
    const template = new aws.ecr.RepositoryCreationTemplate(
        `${ctx.name}-ecr-template`,
        {
            prefix: plan.template.prefix,
            description: `Repositories of ${plan.namespace}: KMS, ${plan.tagMutability} tags, untagged images expire`,
            appliedFors: [...plan.template.appliedFor],
            customRoleArn: templateRole.arn,
            encryptionConfigurations,
            imageTagMutability: plan.tagMutability,
            lifecyclePolicy,
            resourceTags: ctx.tags,
        },
        childOptions(ctx, { dependsOn: [templateRolePolicy] }),
    );

    const ready: pulumi.Resource[] = [];
    if (plan.cacheRules.length > 0) {
        const rules = plan.cacheRules.map(
            (rule) =>
                new aws.ecr.PullThroughCacheRule(
                    `${ctx.name}-cache-${rule.ecrRepositoryPrefix.slice(plan.namespace.length + 1)}`,
                    {
                        ecrRepositoryPrefix: rule.ecrRepositoryPrefix,
                        upstreamRegistryUrl: rule.upstreamRegistryUrl,
                        ...(rule.credentialArn ? { credentialArn: rule.credentialArn } : {}),
                    },
                    // The template must exist before the first cached repository is created.
                    childOptions(ctx, { dependsOn: [template] }),
                ),
        );
        const importPolicy = new aws.iam.RolePolicy(
            `${ctx.name}-node-role-ecr-pull-through`,
            {
                role: args.nodeRole.id,
                policy: pulumi
                    .all(plan.cacheRules.map((r) => arnUnder(r.ecrRepositoryPrefix)))
                    .apply((arns) => JSON.stringify(pullThroughImportPolicy(arns))),
            },
            childOptions(ctx),
        );
        ready.push(importPolicy, ...rules);
    }
    return { key, repositories, namespaceRepositoriesArn, ready };
}
