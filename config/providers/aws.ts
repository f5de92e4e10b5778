import { z } from "zod";
import { credential, flag, stringMap, text, textList } from "./fields";

/** A 12-digit AWS account id. */
export const AWS_ACCOUNT_ID = /^\d{12}$/;
const accountIds = z
    .array(
        z
            .string({ error: 'quoted 12-digit account ids, such as "123456789012"' })
            .regex(AWS_ACCOUNT_ID, { error: "12-digit account ids such as 123456789012" }),
        {
            error: "a list of 12-digit account ids",
        },
    )
    .min(1, { error: "at least one 12-digit account id" });
const roleArn = z
    .string({ error: "an IAM role ARN such as arn:aws:iam::123456789012:role/platform-deployer" })
    .regex(/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, {
        error: "an IAM role ARN such as arn:aws:iam::123456789012:role/platform-deployer",
    });
/** The AWS provider's session durations: Go duration text such as 1h, 15m or 1h30m. */
const duration = z.string({ error: "a duration such as 1h or 15m" }).regex(/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/, {
    error: "a duration such as 1h or 15m",
});
const count = z.number({ error: "a whole number" }).int({ error: "a whole number" }).min(0, { error: "a whole number" });

/**
 * Every key of the `aws:` namespace that @pulumi/aws 7.48 documents (config/vars.d.ts), with the
 * type the explicit provider takes (provider.d.ts ProviderArgs, same names). Test
 * test/config/providers.test.ts keeps the table in step with the installed package.
 */
export const awsProviderSchema = z
    .strictObject({
        accessKey: credential,
        allowedAccountIds: accountIds,
        assumeRoleWithWebIdentity: z.strictObject({
            roleArn,
            duration: duration.optional(),
            policy: text("an IAM policy document (JSON text)").optional(),
            policyArns: textList("IAM policy ARNs").optional(),
            sessionName: text("a session name").optional(),
            webIdentityToken: credential,
            webIdentityTokenFile: text("the path of the web identity token file").optional(),
        }),
        assumeRoles: z.array(
            z.strictObject({
                roleArn,
                duration: duration.optional(),
                externalId: text("an external id").optional(),
                policy: text("an IAM policy document (JSON text)").optional(),
                policyArns: textList("IAM policy ARNs").optional(),
                sessionName: text("a session name").optional(),
                sourceIdentity: text("a source identity").optional(),
                tags: stringMap.optional(),
                transitiveTagKeys: textList("tag keys").optional(),
            }),
            { error: "a list of roles to assume, each { roleArn, ... }" },
        ),
        customCaBundle: text("the path of a PEM CA bundle"),
        defaultTags: z.strictObject({ tags: stringMap.optional() }),
        ec2MetadataServiceEndpoint: text("an IMDS endpoint URL"),
        ec2MetadataServiceEndpointMode: z.enum(["IPv4", "IPv6"], { error: "IPv4 or IPv6" }),
        endpoints: z.array(stringMap, { error: "a list of { <service>: <endpoint URL> } objects" }),
        forbiddenAccountIds: accountIds,
        httpProxy: text("a proxy URL"),
        httpsProxy: text("a proxy URL"),
        ignoreTags: z.strictObject({ keys: textList("tag keys").optional(), keyPrefixes: textList("tag key prefixes").optional() }),
        insecure: flag,
        maxRetries: count,
        noProxy: text("a comma-separated list of hosts"),
        profile: text("a profile name from the AWS shared config files"),
        region: text("an AWS region"),
        retryMode: z.enum(["standard", "adaptive"], { error: "standard or adaptive" }),
        s3UsEast1RegionalEndpoint: z.enum(["regional", "legacy"], { error: "regional or legacy" }),
        s3UsePathStyle: flag,
        secretKey: credential,
        sharedConfigFiles: textList("file paths"),
        sharedCredentialsFiles: textList("file paths"),
        skipCredentialsValidation: flag,
        skipMetadataApiCheck: flag,
        skipRegionValidation: flag,
        skipRequestingAccountId: flag,
        stsRegion: text("an AWS region"),
        tagPolicyCompliance: z.enum(["error", "warning", "disabled"], { error: "error, warning or disabled" }),
        token: credential,
        tokenBucketRateLimiterCapacity: count,
        useDualstackEndpoint: flag,
        useFipsEndpoint: flag,
        userAgents: textList("user agent products"),
    })
    .partial();

/** Keys that hold credential material; refused in stack config (see rules.ts). */
export const AWS_CREDENTIAL_KEYS = ["accessKey", "secretKey", "token", "assumeRoleWithWebIdentity.webIdentityToken"] as const;

type Parsed = z.infer<typeof awsProviderSchema>;
/** The `aws:` settings after validation: credential material never gets this far. */
export type AwsProviderSettings = Omit<Parsed, "accessKey" | "secretKey" | "token" | "assumeRoleWithWebIdentity"> & {
    readonly assumeRoleWithWebIdentity?: Omit<NonNullable<Parsed["assumeRoleWithWebIdentity"]>, "webIdentityToken">;
};
