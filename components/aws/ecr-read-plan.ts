/**
 * Which ECR repositories the image-signature webhook may read (HC-SUP-04 with HC-IAM-03): the trusted
 * registries that are ECR private registries, each narrowed to its repository prefix. Pure: the account
 * and region come from the registry host itself, so a cross-account registry is named by its own account.
 */
const ECR_HOST = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

export interface EcrRepositoryScope {
    readonly registry: string;
    readonly accountId: string;
    readonly region: string;
    /** Repository name prefix inside the registry; "" for every repository of the registry. */
    readonly repositoryPrefix: string;
}

/** The ECR private registries among `trustedRegistries` ("<account>.dkr.ecr.<region>.amazonaws.com/<prefix>"). */
export function ecrRepositoryScopes(trustedRegistries: readonly string[]): EcrRepositoryScope[] {
    return trustedRegistries.flatMap((registry) => {
        const slash = registry.indexOf("/");
        const host = slash < 0 ? registry : registry.slice(0, slash);
        const match = ECR_HOST.exec(host);
        if (!match) return [];
        const prefix = slash < 0 ? "" : registry.slice(slash + 1);
        return [{ registry, accountId: match[1], region: match[2], repositoryPrefix: prefix }];
    });
}

/** Repository ARNs covering the scopes: `repository/<prefix>*` (a trailing "/" keeps the prefix a path). */
export function ecrRepositoryArns(partition: string, scopes: readonly EcrRepositoryScope[]): string[] {
    return [...new Set(scopes.map((s) => `arn:${partition}:ecr:${s.region}:${s.accountId}:repository/${s.repositoryPrefix}*`))];
}
