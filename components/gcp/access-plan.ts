import { createHash } from "crypto";
import { GcpConfig } from "../../config/types";
import { KubernetesSubjects } from "../shared/contract";

/**
 * The one project role every person who uses the cluster gets: container.clusters.get and list, which
 * is what `gcloud container clusters get-credentials` and the gke-gcloud-auth-plugin need, and
 * container.clusters.connect, which the DNS-based endpoint checks. Nothing more:
 * IAM and Kubernetes RBAC are additive on GKE and IAM roles apply to every cluster of the project, so
 * roles/container.developer would let a tenant editor write to every namespace and roles/container.viewer
 * would let a tenant viewer read them all. Kubernetes RBAC (the baseline's bindings to the Google Groups)
 * grants the rest, per namespace. Changes to the cluster itself go through the deployer's identity.
 */
export const CLUSTER_ACCESS_ROLE = "roles/container.clusterViewer";

/**
 * What IAM checks at the DNS-based control-plane endpoint before Kubernetes RBAC sees a request
 * (components/gcp/control-plane.ts): everyone who uses kubectl, the deployer included, needs it.
 */
export const DNS_ENDPOINT_PERMISSION = "container.clusters.connect";

/**
 * Predefined roles that carry container.clusters.connect, checked against the IAM role catalogue:
 * roles/container.clusterViewer lists it (with clusters.get/list), roles/container.admin holds all of
 * container.*. The groups get the first (least privilege, project-wide); the deployer needs the second
 * anyway, for the Kubernetes rights the baseline takes.
 */
export const ROLES_WITH_CLUSTER_CONNECT = ["roles/container.clusterViewer", "roles/container.admin"] as const;

export interface ProjectMemberPlan {
    /** Stable key for the resource name, derived from the group e-mail. */
    readonly key: string;
    readonly role: string;
    readonly member: string;
}

export interface AccessPlan {
    /** Google Groups for RBAC: the group that nests every group the cluster's RBAC names. */
    readonly securityGroup: string;
    readonly projectMembers: readonly ProjectMemberPlan[];
    readonly subjects: KubernetesSubjects;
}

/** A resource-name-safe key for a group e-mail: lowercase letters, digits and '-'. */
export function memberKey(email: string): string {
    return email
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^-+|-+$/g, "");
}

/** Every group named anywhere in the config, once, in the order first seen. */
export function allGroups(config: Pick<GcpConfig, "access" | "tenants">): string[] {
    const groups = [
        ...config.access.admins,
        ...config.access.developers,
        ...config.access.viewers,
        ...config.tenants.flatMap((t) => [...t.editors, ...t.viewers]),
    ];
    return [...new Set(groups)];
}

/**
 * Keys for the groups, unique even when two e-mails read the same once made name-safe
 * ("a.b@x.com", "a-b@x.com"): the later one gets a short hash of its e-mail, so no key depends on order
 * beyond the clash itself.
 */
export function memberKeys(emails: readonly string[]): Map<string, string> {
    const keys = new Map<string, string>();
    const used = new Set<string>();
    for (const email of emails) {
        let key = memberKey(email);
        if (used.has(key)) key = `${key}-${createHash("sha256").update(email).digest("hex").slice(0, 8)}`;
        used.add(key);
        keys.set(email, key);
    }
    return keys;
}

/** Project IAM for the groups, and the Kubernetes subjects the baseline binds (Google Group e-mails). */
export function planAccess(config: Pick<GcpConfig, "access" | "tenants" | "gke">): AccessPlan {
    const groups = allGroups(config);
    const keys = memberKeys(groups);
    return {
        securityGroup: `gke-security-groups@${config.gke.groupsDomain}`,
        projectMembers: groups.map((email) => ({
            key: keys.get(email) ?? memberKey(email),
            role: CLUSTER_ACCESS_ROLE,
            member: `group:${email}`,
        })),
        subjects: {
            admins: [...config.access.admins],
            developers: [...config.access.developers],
            viewers: [...config.access.viewers],
            tenants: Object.fromEntries(config.tenants.map((t) => [t.name, { editors: [...t.editors], viewers: [...t.viewers] }])),
        },
    };
}
