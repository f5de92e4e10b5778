import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsConfig } from "../../config/types";
import { identityMismatch } from "../shared/identity-guard";
import { awsProviderArgs } from "./provider-args";

/** The component's type token; the provider used to be its child, and keeps its identity through an alias. */
export const EKS_COMPONENT_TYPE = "hardened:aws:EksCluster";

/** The explicit AWS provider, checked against the stack's guard, and the principal that gets cluster-admin. */
export interface AwsConnection {
    readonly cloud: "aws";
    readonly config: AwsConfig;
    readonly provider: aws.Provider;
    /** access.deployer, or (outside prod) the IAM role or user the run's credentials belong to. */
    readonly deployerArn: string;
}

/** Why an account may not be deployed into with these settings, or undefined when it may. Pure. */
export function accountMismatch(settings: AwsConfig["providerSettings"], accountId: string): string | undefined {
    const allowed = settings.allowedAccountIds;
    if (allowed && !allowed.includes(accountId)) {
        return `aws:allowedAccountIds is ${JSON.stringify(allowed)}, but the credentials belong to account ${accountId}`;
    }
    const forbidden = settings.forbiddenAccountIds;
    if (forbidden?.includes(accountId)) {
        return `aws:forbiddenAccountIds lists ${accountId}, the account the credentials belong to`;
    }
    return undefined;
}

/**
 * A warning when the run's credentials are neither the deployer nor an admin: the kubeconfig signs in
 * with those credentials, so the baseline would be refused (not an error: a separate baseline stack
 * may run as another identity). With layer cluster this run creates nothing in the cluster; the paired
 * baseline stack signs in through this stack's kubeconfig (its --profile/--role-arn, else its runner's
 * own credentials), so the warning says what that stack needs. Pure.
 */
export function callerWarning(
    callerRoleArn: string,
    deployerArn: string,
    admins: readonly string[],
    layer: AwsConfig["layer"] = "all",
): string | undefined {
    const caller = callerRoleArn.toLowerCase();
    if (caller === deployerArn.toLowerCase() || admins.some((a) => a.toLowerCase() === caller)) return undefined;
    const who = `this run signs in as ${callerRoleArn}, which is neither access.deployer (${deployerArn}) nor one of access.admins`;
    if (layer === "cluster") {
        return `${who}: this run creates nothing in the cluster, but the baseline stack signs in through this stack's kubeconfig (aws:profile and the assumed role when set, its runner's own credentials otherwise), and the cluster refuses it unless that resolves to the deployer or an admin`;
    }
    return `${who}: the Kubernetes baseline, created with these credentials, will be refused by the cluster`;
}

/**
 * Creates the stack's explicit AWS provider and asks it who the credentials are before anything else
 * is registered. The provider enforces aws:allowedAccountIds itself; checking here as well stops
 * `pulumi preview` too, with the config key named, and covers a provider configured to skip the
 * account lookup. Outside prod, without access.deployer, the caller's role becomes the deployer.
 */
export async function connectAws(config: AwsConfig): Promise<AwsConnection> {
    const provider = new aws.Provider(`${config.clusterName}-aws`, awsProviderArgs(config), {
        aliases: [{ parent: pulumi.createUrn(config.clusterName, EKS_COMPONENT_TYPE) }],
    });
    const caller = await aws.getCallerIdentity({}, { provider });
    const mismatch = accountMismatch(config.providerSettings, caller.accountId);
    if (mismatch) throw identityMismatch([mismatch]);
    const callerRoleArn = (await aws.iam.getSessionContext({ arn: caller.arn }, { provider })).issuerArn;
    const deployerArn = config.access.deployer ?? callerRoleArn;
    const warning = callerWarning(callerRoleArn, deployerArn, config.access.admins, config.layer);
    if (warning) pulumi.log.warn(warning);
    return { cloud: "aws", config, provider, deployerArn };
}
