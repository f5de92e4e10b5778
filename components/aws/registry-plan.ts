import { AwsConfig } from "../../config/types";
import { CREDENTIALED_UPSTREAMS, CredentialedUpstream, EcrTagMutability } from "../../config/clouds/eks-registry";
import { stackRegistryPrefix } from "../../config/registry";
import { KEY_ADMIN_ACTIONS, KEY_USE_ACTIONS, PolicyDocument } from "./policy-documents";

/**
 * The stack's ECR registry as a pure plan (HC-SUP-05, HC-SUP-06): everything lives under the cluster's namespace
 * `<clusterName>/` of the account's registry in the stack's region, so two clusters in one account never share a
 * repository, a cache rule or a template.
 * - Repositories created up front: `<clusterName>/<name>` (default: one per tenant), KMS, tags per
 *   eks.registry.tagMutability, never force-deleted.
 * - One repository creation template for the prefix `<clusterName>` (CREATE_ON_PUSH and PULL_THROUGH_CACHE): any
 *   other repository under the namespace, pushed or cached, gets the same key, tag rule and lifecycle policy.
 * - With registry.mirror: one pull-through cache rule per upstream the baseline pulls from, at
 *   `<clusterName>/<short>`; Docker Hub and ghcr.io only with a credentials secret (eks.registry.upstreamCredentials).
 * - Registry-wide: enhanced scanning (Amazon Inspector), continuous, every repository.
 */
export interface CacheUpstream {
    /** The host images name (`docker.io/falcosecurity/falco`). */
    readonly host: string;
    /** What ECR calls the upstream registry. */
    readonly upstreamRegistryUrl: string;
    /** The last part of the cache prefix `<clusterName>/<short>`. */
    readonly short: string;
    readonly needsCredentials: boolean;
}

/**
 * The upstreams the baseline's charts pull from that ECR can cache. cr.fluentbit.io is not an upstream ECR supports,
 * so fluent-bit is always pulled from upstream (README); the plan lists only what config could change.
 */
export const CACHE_UPSTREAMS: readonly CacheUpstream[] = [
    { host: "public.ecr.aws", upstreamRegistryUrl: "public.ecr.aws", short: "ecr-public", needsCredentials: false },
    { host: "registry.k8s.io", upstreamRegistryUrl: "registry.k8s.io", short: "k8s", needsCredentials: false },
    { host: "quay.io", upstreamRegistryUrl: "quay.io", short: "quay", needsCredentials: false },
    { host: "docker.io", upstreamRegistryUrl: "registry-1.docker.io", short: "docker-hub", needsCredentials: true },
    { host: "ghcr.io", upstreamRegistryUrl: "ghcr.io", short: "ghcr", needsCredentials: true },
];

export interface PlannedCacheRule {
    readonly host: string;
    readonly upstreamRegistryUrl: string;
    /** `<clusterName>/<short>`: cached repositories are `<prefix>/<upstream repository>`. */
    readonly ecrRepositoryPrefix: string;
    readonly credentialArn?: string;
}

export interface RegistryPlan {
    /** The cluster's namespace in the registry (no slash). */
    readonly namespace: string;
    readonly tagMutability: EcrTagMutability;
    /** Full repository names created up front. */
    readonly repositories: readonly string[];
    readonly template: { readonly prefix: string; readonly appliedFor: readonly string[] };
    readonly cacheRules: readonly PlannedCacheRule[];
    /** Upstreams the baseline uses that are not mirrored, and why (shown by the offline plan). */
    readonly notMirrored: readonly { readonly host: string; readonly reason: string }[];
    /**
     * The hand-over's imageMirror (upstream host → `<registry host>/<prefix>`), when the registry's host is known
     * from config (aws:allowedAccountIds names one account); otherwise {} and the baseline pulls from upstream.
     */
    readonly imageMirror: Readonly<Record<string, string>>;
}

/** The creation template applies to repositories pushed or cached under the namespace (values the pinned provider accepts). */
export const TEMPLATE_APPLIED_FOR = ["CREATE_ON_PUSH", "PULL_THROUGH_CACHE"] as const;

/** Untagged images (superseded pushes, signature manifests left behind) expire after this many days. */
export const UNTAGGED_EXPIRY_DAYS = 14;

/** The lifecycle policy of every repository under the namespace: untagged images expire; tagged ones stay. */
export function registryLifecyclePolicy(): string {
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: `Expire untagged images after ${UNTAGGED_EXPIRY_DAYS} days`,
                selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: UNTAGGED_EXPIRY_DAYS },
                action: { type: "expire" },
            },
        ],
    });
}

export function planRegistry(config: AwsConfig): RegistryPlan | undefined {
    if (!config.registry.enabled) return undefined;
    const namespace = config.clusterName;
    const settings = config.eks.registry;
    const names = settings.repositories ?? config.tenants.map((t) => t.name);
    const cacheRules: PlannedCacheRule[] = [];
    const notMirrored: { host: string; reason: string }[] = [];
    if (config.registry.mirror) {
        for (const upstream of CACHE_UPSTREAMS) {
            const credentialArn = isCredentialed(upstream.host) ? settings.upstreamCredentials[upstream.host] : undefined;
            if (upstream.needsCredentials && credentialArn === undefined) {
                notMirrored.push({
                    host: upstream.host,
                    reason: `no eks.registry.upstreamCredentials["${upstream.host}"] secret: ECR caches ${upstream.host} only with credentials`,
                });
                continue;
            }
            cacheRules.push({
                host: upstream.host,
                upstreamRegistryUrl: upstream.upstreamRegistryUrl,
                ecrRepositoryPrefix: `${namespace}/${upstream.short}`,
                ...(credentialArn !== undefined ? { credentialArn } : {}),
            });
        }
    }
    const prefix = stackRegistryPrefix(config);
    const imageMirror = prefix ? Object.fromEntries(cacheRules.map((r) => [r.host, `${prefix}${r.ecrRepositoryPrefix}`])) : {};
    if (!prefix && cacheRules.length > 0)
        notMirrored.push({
            host: cacheRules.map((r) => r.host).join(", "),
            reason: "cached, but the hand-over names no mirror: the registry's account is known from config only when aws:allowedAccountIds names one account",
        });
    return {
        namespace,
        tagMutability: settings.tagMutability,
        repositories: [...new Set(names)].map((n) => `${namespace}/${n}`),
        template: { prefix: namespace, appliedFor: [...TEMPLATE_APPLIED_FOR] },
        cacheRules,
        notMirrored,
        imageMirror,
    };
}

function isCredentialed(host: string): host is CredentialedUpstream {
    return (CREDENTIALED_UPSTREAMS as readonly string[]).includes(host);
}

/** `arn:<partition>:ecr:<region>:<account>:repository/<prefix>/*`: every repository under a prefix. */
export function repositoriesUnder(partition: string, region: string, accountId: string, prefix: string): string {
    return `arn:${partition}:ecr:${region}:${accountId}:repository/${prefix}/*`;
}

/**
 * The node role's pull-through grant: the first pull of an image through a cache rule imports it
 * (ecr:BatchImportUpstreamImage) and, for a repository not yet cached, creates it (ecr:CreateRepository). Both only
 * under the cache prefixes; pulls themselves come from AmazonEC2ContainerRegistryReadOnly.
 */
export function pullThroughImportPolicy(cacheRepositoryArns: readonly string[]): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ImportIntoCacheRepositories",
                Effect: "Allow",
                Action: ["ecr:BatchImportUpstreamImage", "ecr:CreateRepository"],
                Resource: [...cacheRepositoryArns],
            },
        ],
    };
}

/**
 * The role ECR assumes to create repositories from the creation template (required when the template sets a KMS
 * key or tags; ECR's documented policy, narrowed): create and tag repositories only under the namespace, and the
 * grant calls on the registry key only.
 */
export function creationTemplateRolePolicy(namespaceRepositoriesArn: string, keyArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "CreateNamespaceRepositories",
                Effect: "Allow",
                Action: ["ecr:CreateRepository", "ecr:TagResource"],
                Resource: [namespaceRepositoriesArn],
            },
            {
                Sid: "UseRegistryKeyThroughGrants",
                Effect: "Allow",
                Action: ["kms:CreateGrant", "kms:RetireGrant", "kms:DescribeKey"],
                Resource: [keyArn],
            },
        ],
    };
}

/**
 * The registry key's policy (HC-SUP-06, HC-SEC-02): the account root administers it (no use through that
 * statement), and the account's principals use it only through ECR in this region — the pattern of ECR's own
 * AWS managed key. ECR encrypts a repository through grants it creates with the caller's rights when the
 * repository is created (the deployer, a pusher with create-on-push, or the template role), then uses those
 * grants on push and pull, so pullers need no KMS permission of their own.
 */
export function registryKeyPolicy(partition: string, accountId: string, region: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountAdministersKey",
                Effect: "Allow",
                Principal: { AWS: `arn:${partition}:iam::${accountId}:root` },
                Action: [...KEY_ADMIN_ACTIONS],
                Resource: "*",
            },
            {
                Sid: "AccountUsesKeyThroughEcr",
                Effect: "Allow",
                Principal: { AWS: "*" },
                Action: [...KEY_USE_ACTIONS, "kms:CreateGrant", "kms:RetireGrant"],
                Resource: "*",
                Condition: { StringEquals: { "kms:CallerAccount": accountId, "kms:ViaService": `ecr.${region}.amazonaws.com` } },
            },
        ],
    };
}
