import * as aws from "@pulumi/aws";
import { AwsConfig } from "../../config/types";

/**
 * The explicit AWS provider's arguments: the stack's `aws:*` settings (profile, assumed role, account
 * guard, default tags, ...) and the stack's region. An explicit provider reads none of the `aws:*`
 * config by itself, so without this `pulumi config set aws:profile` would be silently ignored and the
 * run would deploy with whatever credentials are ambient. Pure: config in, arguments out.
 */
export function awsProviderArgs(config: Pick<AwsConfig, "region" | "providerSettings">): aws.ProviderArgs {
    // aws:region, when set, equals the stack's region (config/providers/rules.ts); the stack's is used.
    const settings = { ...config.providerSettings };
    delete settings.region;
    return { ...settings, region: config.region as aws.Region };
}

/**
 * The `aws eks get-token` plugin of the kubeconfig, signing in as the provider does: the same profile
 * (`--profile`, which the AWS CLI puts above credential variables), the same assumed role
 * (`--role-arn`), the same shared files and web identity token file (variables the AWS CLI reads).
 * Config validation guarantees that these are all the provider's identity takes: one role at most, no
 * external id, no credential material in stack config.
 */
export interface AwsExecCredential {
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
}

export function awsExecCredential(clusterName: string, region: string, settings: AwsConfig["providerSettings"] = {}): AwsExecCredential {
    const args = ["eks", "get-token", "--cluster-name", clusterName, "--region", region, "--output", "json"];
    if (settings.profile) args.push("--profile", settings.profile);
    const role = settings.assumeRoles?.[0]?.roleArn;
    if (role) args.push("--role-arn", role);
    const env: Record<string, string> = {};
    const configFile = settings.sharedConfigFiles?.[0];
    if (configFile) env["AWS_CONFIG_FILE"] = configFile;
    const credentialsFile = settings.sharedCredentialsFiles?.[0];
    if (credentialsFile) env["AWS_SHARED_CREDENTIALS_FILE"] = credentialsFile;
    const webIdentity = settings.assumeRoleWithWebIdentity;
    if (webIdentity?.webIdentityTokenFile) {
        env["AWS_ROLE_ARN"] = webIdentity.roleArn;
        env["AWS_WEB_IDENTITY_TOKEN_FILE"] = webIdentity.webIdentityTokenFile;
        if (webIdentity.sessionName) env["AWS_ROLE_SESSION_NAME"] = webIdentity.sessionName;
    }
    return { args, env };
}
