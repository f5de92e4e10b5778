import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsConfig } from "../../config/types";
import { BaselineHandover, TenantIdentity } from "../shared/handover";
import { nodeTaintsOf } from "../shared/handover-plan";
import { AwsContext, childOptions } from "./context";
import { clusterArn } from "./identity";
import {
    SECRETS_STORE_ADDON,
    secretsStoreAddonConfiguration,
    TENANT_SECRETS_SERVICE_ACCOUNT,
    tenantIdentityPlan,
    tenantSecretPrefix,
    tenantSecretsReadPolicy,
    tenantSecretsTrustPolicy,
} from "./tenant-secrets-plan";

export interface TenantSecretsArgs {
    /** The cluster's name as an output, so the add-on and the associations wait for the cluster. */
    readonly cluster: pulumi.Input<string>;
    /** The add-on's driver and provider are DaemonSets: they need nodes. */
    readonly nodeGroups: pulumi.Resource[];
}

export interface TenantSecrets {
    /** Hand-over entries by tenant name. */
    readonly tenantIdentities: Record<string, TenantIdentity<pulumi.Input<string>>>;
    readonly secretStore: BaselineHandover["secretStore"];
    /** The add-on (which brings the SecretProviderClass CRD), the roles' policies and the associations. */
    readonly ready: pulumi.Resource[];
}

/**
 * `secretStore.enabled` on EKS (issue 14, HC-IAM-06): the Secrets Store CSI driver with the AWS provider as a
 * managed add-on, and per tenant a role trusted by Pod Identity for `<tenant>/tenant-secrets` only, reading only
 * `<clusterName>/<tenant>/*`, with its association. The baseline creates the account and the tenant's
 * SecretProviderClass from the hand-over. The node role gets nothing here (identity.ts, HC-IAM-06).
 * Disabled: nothing, and the hand-over's neutral secretStore.
 */
export function tenantSecrets(ctx: AwsContext, config: AwsConfig, args: TenantSecretsArgs): TenantSecrets {
    if (!config.secretStore.enabled) return { tenantIdentities: {}, secretStore: { enabled: false, settings: {} }, ready: [] };
    const { clusterName, region } = config;
    const addon = new aws.eks.Addon(
        `${ctx.name}-${SECRETS_STORE_ADDON}`,
        {
            clusterName: args.cluster,
            addonName: SECRETS_STORE_ADDON,
            addonVersion: config.eks.addonVersions.secretsStoreProvider,
            configurationValues: secretsStoreAddonConfiguration({ region, nodeTaints: nodeTaintsOf(config.nodePools) }),
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
            tags: ctx.tags,
        },
        childOptions(ctx, { dependsOn: args.nodeGroups }),
    );
    const ready: pulumi.Resource[] = [addon];
    const tenantIdentities: Record<string, TenantIdentity<pulumi.Input<string>>> = {};
    for (const tenant of config.tenants) {
        const key = `${ctx.name}-tenant-${tenant.name}-secrets`;
        const trust = pulumi
            .all([clusterArn(ctx, clusterName), ctx.accountId])
            .apply(([arn, accountId]) => JSON.stringify(tenantSecretsTrustPolicy(arn, accountId, tenant.name)));
        const role = new aws.iam.Role(
            `${key}-role`,
            {
                description: `Secrets of tenant ${tenant.name} (${tenant.name}/${TENANT_SECRETS_SERVICE_ACCOUNT}) of ${clusterName}`,
                assumeRolePolicy: trust,
                maxSessionDuration: 3600,
                tags: ctx.tags,
            },
            childOptions(ctx),
        );
        // Depends on the tenant, cluster, region and account only: adding a secret to the list changes nothing here.
        const policy = new aws.iam.RolePolicy(
            `${key}-read`,
            {
                role: role.id,
                policy: pulumi
                    .all([ctx.partition, ctx.accountId])
                    .apply(([partition, accountId]) =>
                        JSON.stringify(tenantSecretsReadPolicy({ partition, region, accountId, clusterName, tenant: tenant.name })),
                    ),
            },
            childOptions(ctx),
        );
        const association = new aws.eks.PodIdentityAssociation(
            key,
            {
                clusterName: args.cluster,
                namespace: tenant.name,
                serviceAccount: TENANT_SECRETS_SERVICE_ACCOUNT,
                roleArn: role.arn,
                tags: ctx.tags,
            },
            childOptions(ctx),
        );
        ready.push(policy, association);
        tenantIdentities[tenant.name] = tenantIdentityPlan({ clusterName, region, tenant });
    }
    return {
        tenantIdentities,
        secretStore: {
            enabled: true,
            settings: {
                provider: "aws",
                addon: SECRETS_STORE_ADDON,
                secretClass: "tenant-secrets",
                serviceAccount: TENANT_SECRETS_SERVICE_ACCOUNT,
                secretNameFormat: `${tenantSecretPrefix(clusterName, "<tenant>")}<name>`,
            },
        },
        ready,
    };
}
