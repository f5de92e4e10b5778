import { createHash } from "crypto";

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
 * '-', no '-' at the end. The cluster name plus "-nodes"; a name too long for that is cut and given a
 * short hash of the full name, so two long names with the same start do not share an account.
 */
export function nodeAccountId(clusterName: string): string {
    const room = ACCOUNT_ID_MAX - SUFFIX.length;
    if (clusterName.length <= room) return `${clusterName}${SUFFIX}`;
    const hash = createHash("sha256").update(clusterName).digest("hex").slice(0, 8);
    const stem = clusterName.slice(0, room - hash.length - 1).replace(/-+$/, "");
    return `${stem}-${hash}${SUFFIX}`;
}

/** The resource-name suffix of a role, e.g. "logging-logWriter" -> "logging-logwriter". */
export function roleKey(role: string): string {
    return role
        .replace(/^roles\//, "")
        .replace(/[^A-Za-z0-9]+/g, "-")
        .toLowerCase();
}
