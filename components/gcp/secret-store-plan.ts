import { KubernetesVersion } from "../../core/vocabulary";

/**
 * HC-IAM-06 on GKE: tenants read Secret Manager secrets through the managed Secret Manager add-on (the Secrets
 * Store CSI driver with Google's `gke` provider, run and upgraded by GKE), each tenant through its own identity.
 *
 * The identity is the tenant's Kubernetes service account itself, named directly in IAM as a Workload Identity
 * Federation for GKE principal (principal://.../subject/ns/<tenant>/sa/tenant-secrets), the form the add-on's
 * documentation uses: no Google service account to create, impersonate or leak, no annotation to keep in step.
 * The grant is one project-level roles/secretmanager.secretAccessor per tenant with an IAM condition on the
 * secret's resource name: only secrets named `<clusterName>_<tenant>_...`. One conditional grant per tenant,
 * not one binding per secret, because the stack does not create the secrets (their values must never pass
 * through stack state) and a per-secret binding fails when the secret does not exist yet; adding a secret to a
 * tenant's list then changes only its SecretProviderClass, never IAM.
 *
 * The separator is '_', not '-': cluster and tenant names are DNS labels and may contain '-', so with '-' the
 * prefix of tenant "a" ("c-a-") would also match every secret of tenant "a-b" ("c-a-b-..."). Neither name can
 * contain '_' (Secret Manager ids can), so `<cluster>_<tenant>_` belongs to exactly one tenant of one cluster.
 */
export const TENANT_SECRETS_SERVICE_ACCOUNT = "tenant-secrets";
export const SECRET_ACCESSOR_ROLE = "roles/secretmanager.secretAccessor";
/** The `provider` of a SecretProviderClass served by GKE's managed add-on (the open-source plugin's is "gcp"). */
export const GKE_SECRETS_PROVIDER = "gke";

/** The Secret Manager id prefix of a tenant's secrets: `<clusterName>_<tenant>_`. */
export function tenantSecretPrefix(clusterName: string, tenant: string): string {
    return `${clusterName}_${tenant}_`;
}

/** The Secret Manager secret id of a tenant's secret named `name` in config (tenants[].secrets). */
export function tenantSecretId(clusterName: string, tenant: string, name: string): string {
    return `${tenantSecretPrefix(clusterName, tenant)}${name}`;
}

/** The tenant's Kubernetes service account as an IAM principal (Workload Identity Federation for GKE, no Google service account). */
export function tenantPrincipal(projectNumber: string, projectId: string, tenant: string): string {
    return `principal://iam.googleapis.com/projects/${projectNumber}/locations/global/workloadIdentityPools/${projectId}.svc.id.goog/subject/ns/${tenant}/sa/${TENANT_SECRETS_SERVICE_ACCOUNT}`;
}

export interface IamCondition {
    readonly title: string;
    readonly description: string;
    readonly expression: string;
}

/**
 * The condition of the tenant's grant. Secret Manager names a secret (and its versions) in IAM conditions by
 * project NUMBER: projects/<number>/secrets/<id>[/versions/<v>], so one startsWith covers the secrets and the
 * versions the tenant reads.
 */
export function tenantSecretCondition(projectNumber: string, clusterName: string, tenant: string): IamCondition {
    const prefix = `projects/${projectNumber}/secrets/${tenantSecretPrefix(clusterName, tenant)}`;
    return {
        title: `${tenant}-secrets-only`,
        description: `Tenant ${tenant} of cluster ${clusterName} reads only secrets named ${tenantSecretPrefix(clusterName, tenant)}* (HC-IAM-06)`,
        expression: `resource.name.startsWith("${prefix}")`,
    };
}

/**
 * The SecretProviderClass parameters of a tenant (the add-on's format: `secrets`, a YAML list of resourceName
 * and path). Each secret's latest version is mounted as a file named like the secret in config. Undefined when
 * the tenant lists no secrets: a class with an empty list would only fail at mount time, so none is created.
 */
export function tenantSecretParameters(
    projectId: string,
    clusterName: string,
    tenant: string,
    secrets: readonly string[],
): { readonly secrets: string } | undefined {
    if (secrets.length === 0) return undefined;
    const lines = secrets.flatMap((name) => [
        `- resourceName: "projects/${projectId}/secrets/${tenantSecretId(clusterName, tenant, name)}/versions/latest"`,
        `  path: "${name}"`,
    ]);
    return { secrets: `${lines.join("\n")}\n` };
}

/**
 * The cluster's secretManagerConfig. With the add-on on, mounted secrets are also refreshed (rotation, every
 * two minutes, GKE's default interval) where GKE supports it: from 1.32 (GKE documents 1.32.2; the channels'
 * 1.32 builds are past it).
 */
export function planSecretManager(
    enabled: boolean,
    kubernetesVersion: KubernetesVersion,
): { enabled: boolean; rotationConfig?: { enabled: boolean; rotationInterval: string } } {
    if (!enabled) return { enabled: false };
    const minor = Number(kubernetesVersion.split(".")[1]);
    return minor >= 32 ? { enabled: true, rotationConfig: { enabled: true, rotationInterval: "120s" } } : { enabled: true };
}
