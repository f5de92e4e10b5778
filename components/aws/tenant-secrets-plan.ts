import { Taint, TenantSpec } from "../../config/types";
import { TenantIdentity } from "../shared/handover";
import { PolicyDocument, podIdentityTrustPolicy } from "./policy-documents";

/**
 * Workload secrets on EKS (issue 14, HC-IAM-06), as pure functions of config: the managed add-on's settings,
 * and per tenant the secret-name prefix, the role's trust and read policy, and the SecretProviderClass
 * parameters the baseline applies in the tenant namespace.
 */

/**
 * The EKS managed add-on of the AWS Secrets and Configuration Provider (ASCP): it installs the Secrets Store
 * CSI driver and the AWS provider together, both node DaemonSets with host paths. A managed add-on rather
 * than the two Helm charts through the hand-over's clusterAddons: EKS offers it per Kubernetes version (a
 * version outside the list is refused at create, not discovered at mount time), it goes in and out with the
 * cluster like the other add-ons, and it runs in its own AWS-managed namespace (aws-secrets-manager), like
 * amazon-cloudwatch-observability, so no baseline platform namespace needs a privileged exception for it.
 * The pinned @pulumi/aws takes any addonName, so the add-on is an aws.eks.Addon like the others.
 */
export const SECRETS_STORE_ADDON = "aws-secrets-store-csi-driver-provider";

/** The account each tenant's workloads run as to read their secrets; the baseline creates it in the tenant namespace. */
export const TENANT_SECRETS_SERVICE_ACCOUNT = "tenant-secrets";

/** How often the driver re-reads mounted secrets (rotation on): the driver's own default interval, written down. */
export const ROTATION_POLL_INTERVAL = "2m";

function tolerationsOf(taints: readonly Taint[]): Record<string, string>[] {
    return taints.map((t) => ({ key: t.key, operator: "Equal", value: t.value, effect: t.effect }));
}

/**
 * The add-on's configurationValues (the ASCP chart's values, the driver's under `secrets-store-csi-driver`).
 * - awsRegion: the provider's default region, so no mount asks the node for it.
 * - syncSecret off: mounted files only, never a Kubernetes Secret copy in etcd (the point of HC-IAM-06).
 * - rotation on: a secret rotated in Secrets Manager reaches running pods' files within the poll interval.
 * - tolerations: both DaemonSets tolerate every pool's taints (the system pool's CriticalAddonsOnly, the
 *   isolated pool's), so a tenant pod on any node can mount its secrets.
 * EKS validates only the provider's options against the add-on schema; the driver's are passed through
 * (checked against the secrets-store-csi-driver chart's values.yaml: linux.tolerations, syncSecret.enabled,
 * enableSecretRotation, rotationPollInterval).
 */
export function secretsStoreAddonConfiguration(args: { readonly region: string; readonly nodeTaints: readonly Taint[] }): string {
    const tolerations = tolerationsOf(args.nodeTaints);
    return JSON.stringify({
        awsRegion: args.region,
        tolerations,
        "secrets-store-csi-driver": {
            syncSecret: { enabled: false },
            enableSecretRotation: true,
            rotationPollInterval: ROTATION_POLL_INTERVAL,
            linux: { tolerations },
        },
    });
}

/** Secret names a tenant may read: `<clusterName>/<tenant>/<name>` (Secrets Manager names may contain "/"). */
export function tenantSecretPrefix(clusterName: string, tenant: string): string {
    return `${clusterName}/${tenant}/`;
}

export function tenantSecretName(clusterName: string, tenant: string, name: string): string {
    return `${tenantSecretPrefix(clusterName, tenant)}${name}`;
}

export interface SecretScope {
    readonly partition: string;
    readonly region: string;
    readonly accountId: string;
    readonly clusterName: string;
    readonly tenant: string;
}

/**
 * Every secret of one tenant: Secrets Manager appends "-" and six random characters to a secret's ARN, so the
 * name prefix ends in `/*`. The trailing "/" keeps tenant "pay" out of tenant "payments"' secrets.
 */
export function tenantSecretArnPattern(s: SecretScope): string {
    return `arn:${s.partition}:secretsmanager:${s.region}:${s.accountId}:secret:${tenantSecretPrefix(s.clusterName, s.tenant)}*`;
}

/**
 * HC-IAM-06: read the tenant's own secrets and nothing else. GetSecretValue and DescribeSecret only on the
 * tenant's prefix; no List (it would reveal other tenants' secret names). A secret encrypted with a
 * customer-managed key also needs kms:Decrypt: only through Secrets Manager in this region, and only for a
 * secret of this tenant (Secrets Manager passes the secret's ARN as the encryption context SecretARN). With
 * the default aws/secretsmanager key that statement is unused. The key ARN is unknown (the tenant's key), so
 * the statement names this account's keys in this region and relies on the two conditions.
 */
export function tenantSecretsReadPolicy(s: SecretScope): PolicyDocument {
    const secrets = tenantSecretArnPattern(s);
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "ReadTenantSecrets",
                Effect: "Allow",
                Action: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"],
                Resource: secrets,
            },
            {
                Sid: "DecryptTenantSecretsThroughSecretsManager",
                Effect: "Allow",
                Action: ["kms:Decrypt"],
                Resource: `arn:${s.partition}:kms:${s.region}:${s.accountId}:key/*`,
                Condition: {
                    StringEquals: { "kms:ViaService": `secretsmanager.${s.region}.amazonaws.com` },
                    StringLike: { "kms:EncryptionContext:SecretARN": secrets },
                },
            },
        ],
    };
}

/**
 * The tenant role's trust: EKS Pod Identity only, for this cluster's `<tenant>/tenant-secrets` account (the
 * session tags Pod Identity sets), and only on behalf of this account (aws:SourceAccount).
 */
export function tenantSecretsTrustPolicy(clusterArn: string, accountId: string, tenant: string): PolicyDocument {
    const base = podIdentityTrustPolicy(clusterArn, tenant, TENANT_SECRETS_SERVICE_ACCOUNT);
    return {
        ...base,
        Statement: base.Statement.map((s) => ({
            ...s,
            Condition: { ...s.Condition, StringEquals: { ...s.Condition?.StringEquals, "aws:SourceAccount": accountId } },
        })),
    };
}

/**
 * The ASCP SecretProviderClass parameters (Secrets Manager user guide, "SecretProviderClass"): Pod Identity,
 * the region, and one object per listed secret, mounted under its short name (objectAlias) rather than the
 * full `<cluster>/<tenant>/<name>`, which holds path separators.
 */
export function secretProviderClassParameters(args: {
    readonly clusterName: string;
    readonly region: string;
    readonly tenant: string;
    readonly secrets: readonly string[];
}): Record<string, string> {
    const objects = args.secrets
        .map(
            (name) =>
                `- objectName: "${tenantSecretName(args.clusterName, args.tenant, name)}"\n  objectType: "secretsmanager"\n  objectAlias: "${name}"\n`,
        )
        .join("");
    return { usePodIdentity: "true", region: args.region, objects };
}

/**
 * The tenant's hand-over entry. Every tenant gets its identity (the account, the role, the association),
 * so adding its first secret changes only the class. A tenant that lists no secrets gets no
 * SecretProviderClass: a class with no objects mounts nothing, and a pod referring to it would only fail.
 */
export function tenantIdentityPlan(args: {
    readonly clusterName: string;
    readonly region: string;
    readonly tenant: TenantSpec;
}): TenantIdentity {
    const { tenant } = args;
    return {
        serviceAccount: TENANT_SECRETS_SERVICE_ACCOUNT,
        // Pod Identity needs neither an account annotation nor a pod label.
        annotations: {},
        podLabels: {},
        ...(tenant.secrets.length > 0
            ? {
                  secretProviderClass: {
                      provider: "aws",
                      parameters: secretProviderClassParameters({
                          clusterName: args.clusterName,
                          region: args.region,
                          tenant: tenant.name,
                          secrets: tenant.secrets,
                      }),
                  },
              }
            : {}),
    };
}
