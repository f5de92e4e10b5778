/**
 * The node service account's project roles: write logs and metrics, read monitoring config, publish
 * resource metadata, pull from Artifact Registry. Nothing else (HC-IAM-03, CIS GKE 5.2.1): the Compute
 * Engine default service account it replaces holds Editor on the whole project.
 */
export const NODE_ROLES = [
    "roles/logging.logWriter",
    "roles/monitoring.metricWriter",
    "roles/monitoring.viewer",
    "roles/stackdriver.resourceMetadata.writer",
    "roles/artifactregistry.reader",
] as const;

/** OAuth scope for nodes: IAM roles, not scopes, limit what the account can do (Google's recommendation). */
export const NODE_OAUTH_SCOPES = ["https://www.googleapis.com/auth/cloud-platform"] as const;

const ACCOUNT_ID_MAX = 30;
const SUFFIX = "-nodes";

/**
 * The node service account's id: 6 to 30 characters, a letter first, lowercase letters, digits and
 * '-', no '-' at the end. Derived from the cluster name, shortened when needed.
 */
export function nodeAccountId(clusterName: string): string {
    const stem = clusterName.slice(0, ACCOUNT_ID_MAX - SUFFIX.length).replace(/-+$/, "");
    return `${stem}${SUFFIX}`;
}

/** The resource-name suffix of a role, e.g. "logging-logWriter" -> "logging-logwriter". */
export function roleKey(role: string): string {
    return role
        .replace(/^roles\//, "")
        .replace(/[^A-Za-z0-9]+/g, "-")
        .toLowerCase();
}
