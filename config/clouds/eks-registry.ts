import { z } from "zod";
import { DAY2_DEFAULTS } from "../day2";
import { ConfigProblem } from "../errors";
import { keyName, Path, RawConfig, stringAt, valueAt } from "../raw";
import { Environment } from "../../core/vocabulary";

/**
 * The ECR settings of the stack's registry (`eks.registry`, HC-SUP-05/06). The registry itself is switched by the
 * shared `registry.enabled` / `registry.mirror` keys (config/day2.ts); these are the AWS-only knobs.
 */
export const ECR_TAG_MUTABILITIES = ["IMMUTABLE", "MUTABLE"] as const;
export type EcrTagMutability = (typeof ECR_TAG_MUTABILITIES)[number];

/**
 * Upstreams whose ECR pull-through cache needs a Secrets Manager secret (Docker Hub and GitHub's registry refuse
 * anonymous pulls through ECR). ECR only accepts secrets whose name starts with `ecr-pullthroughcache/`.
 */
export const CREDENTIALED_UPSTREAMS = ["docker.io", "ghcr.io"] as const;
export type CredentialedUpstream = (typeof CREDENTIALED_UPSTREAMS)[number];
export const PULL_THROUGH_SECRET_PREFIX = "ecr-pullthroughcache/";

/** ECR's rule for a repository name component (lowercase, digits, separators inside). */
const REPOSITORY_NAME = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const SECRET_ARN = /^arn:(aws|aws-cn|aws-us-gov):secretsmanager:([a-z0-9-]+):(\d{12}):secret:(.+)$/;
/** CreatePullThroughCacheRule: the ECR repository prefix is 2 to 30 characters (`<clusterName>/<upstream>`). */
export const MAX_CACHE_PREFIX_LENGTH = 30;

const secretArn = z.string({ error: `a Secrets Manager secret ARN whose name starts with ${PULL_THROUGH_SECRET_PREFIX}` });

export const eksRegistrySchema = z.strictObject({
    /**
     * Tag mutability of the stack's repositories and of every repository created under the cluster's prefix
     * (push or pull-through). IMMUTABLE (default everywhere); MUTABLE only in dev.
     */
    tagMutability: z.enum(ECR_TAG_MUTABILITIES, { error: ECR_TAG_MUTABILITIES.join(" or ") }).optional(),
    /**
     * Repositories created up front as `<clusterName>/<name>` (protected, never force-deleted). Default: one per
     * tenant. Any other `<clusterName>/...` repository is created on first push with the same rules.
     */
    repositories: z
        .array(z.string().regex(REPOSITORY_NAME, { error: "a repository name of lowercase letters, digits and . _ - inside" }), {
            error: "a list of repository names",
        })
        .optional(),
    /** Secrets Manager secrets for the upstreams that need credentials; an upstream without one is not mirrored. */
    upstreamCredentials: z
        .strictObject(
            { "docker.io": secretArn.optional(), "ghcr.io": secretArn.optional() },
            {
                error: `an object with optional keys ${CREDENTIALED_UPSTREAMS.join(", ")}`,
            },
        )
        .optional(),
});
export type EksRegistryInput = z.infer<typeof eksRegistrySchema>;

export interface EksRegistrySettings {
    readonly tagMutability: EcrTagMutability;
    /** Undefined: one repository per tenant. */
    readonly repositories?: readonly string[];
    readonly upstreamCredentials: Readonly<Partial<Record<CredentialedUpstream, string>>>;
}

export function resolveEksRegistrySettings(input: EksRegistryInput | undefined): EksRegistrySettings {
    const credentials: Partial<Record<CredentialedUpstream, string>> = {};
    for (const host of CREDENTIALED_UPSTREAMS) {
        const arn = input?.upstreamCredentials?.[host];
        if (arn !== undefined) credentials[host] = arn;
    }
    return {
        tagMutability: input?.tagMutability ?? "IMMUTABLE",
        ...(input?.repositories ? { repositories: input.repositories } : {}),
        upstreamCredentials: credentials,
    };
}

function problem(path: Path, raw: RawConfig, allowed: string): ConfigProblem {
    return { key: keyName(path), value: valueAt(raw, path), allowed };
}

/** The longest pull-through prefix suffix (`/docker-hub`, `/ecr-public`), see components/aws/registry-plan.ts. */
export const LONGEST_CACHE_SUFFIX = "/ecr-public".length;

/** Rules on the raw config: secret ARNs ECR accepts, MUTABLE only in dev, cache prefixes within ECR's length. */
export function eksRegistryProblems(raw: RawConfig, environment: Environment | undefined): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const region = stringAt(raw, ["region"]);
    for (const host of CREDENTIALED_UPSTREAMS) {
        const path = ["eks", "registry", "upstreamCredentials", host];
        const arn = stringAt(raw, path);
        if (arn === undefined) continue;
        const match = SECRET_ARN.exec(arn);
        if (!match || !match[4].startsWith(PULL_THROUGH_SECRET_PREFIX) || match[4].length <= PULL_THROUGH_SECRET_PREFIX.length) {
            problems.push(
                problem(
                    path,
                    raw,
                    `a Secrets Manager secret ARN whose name starts with ${PULL_THROUGH_SECRET_PREFIX} (ECR refuses other names), such as arn:aws:secretsmanager:eu-west-1:123456789012:secret:${PULL_THROUGH_SECRET_PREFIX}${host === "docker.io" ? "docker-hub" : "ghcr"}-AbCdEf`,
                ),
            );
        } else if (region !== undefined && match[2] !== region) {
            problems.push(
                problem(path, raw, `a secret in the stack's region ${region}: ECR reads pull-through credentials from its own region`),
            );
        }
    }
    if (valueAt(raw, ["eks", "registry", "tagMutability"]) === "MUTABLE" && environment !== undefined && environment !== "dev") {
        problems.push(
            problem(["eks", "registry", "tagMutability"], raw, `IMMUTABLE in ${environment}: MUTABLE tags are accepted in dev only`),
        );
    }
    const name = stringAt(raw, ["clusterName"]);
    const enabled = valueAt(raw, ["registry", "enabled"]);
    const mirror = valueAt(raw, ["registry", "mirror"]);
    const mirrorOn =
        enabled !== false &&
        (typeof mirror === "boolean" ? mirror : environment !== undefined && DAY2_DEFAULTS[environment].registry.mirror);
    if (mirrorOn && name !== undefined && name.length + LONGEST_CACHE_SUFFIX > MAX_CACHE_PREFIX_LENGTH) {
        problems.push(
            problem(
                ["registry", "mirror"],
                raw,
                `false for a cluster name longer than ${MAX_CACHE_PREFIX_LENGTH - LONGEST_CACHE_SUFFIX} characters: the pull-through prefixes <clusterName>/<upstream> are at most ${MAX_CACHE_PREFIX_LENGTH} characters in ECR (or a shorter clusterName)`,
            ),
        );
    }
    return problems;
}
