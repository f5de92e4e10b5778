import { AccessSpec, TenantSpec } from "../../config/types";
import { KubernetesSubjects } from "../shared/contract";

/**
 * Who gets into the cluster and as what (HC-IAM-01). EKS access entries map each IAM role to
 * Kubernetes groups (bound to RBAC roles by the baseline) and to EKS access policies (enforced by
 * EKS's own authorizer). Pure: config in, plan out.
 */

/** The Kubernetes group names each config list maps to; the baseline binds RBAC to exactly these. */
export const GROUPS = {
    admins: "hardened:platform-admins",
    developers: "hardened:developers",
    viewers: "hardened:viewers",
    tenantEditors: (tenant: string) => `hardened:tenant:${tenant}:editors`,
    tenantViewers: (tenant: string) => `hardened:tenant:${tenant}:viewers`,
} as const;

export const ACCESS_POLICIES = {
    clusterAdmin: "AmazonEKSClusterAdminPolicy",
    edit: "AmazonEKSEditPolicy",
    view: "AmazonEKSViewPolicy",
} as const;
export type AccessPolicyName = (typeof ACCESS_POLICIES)[keyof typeof ACCESS_POLICIES];

export type AccessScope = { readonly type: "cluster" } | { readonly type: "namespace"; readonly namespaces: readonly string[] };

export interface PolicyGrant {
    readonly policy: AccessPolicyName;
    readonly scope: AccessScope;
}

export interface AccessEntryPlan {
    /** Stable key for resource names, derived from the role ARN (account and role name). */
    readonly key: string;
    readonly principalArn: string;
    readonly kubernetesGroups: readonly string[];
    /** One grant per access policy (EKS allows one association per principal and policy). */
    readonly grants: readonly PolicyGrant[];
    /** The entry of the principal that runs the update (it holds cluster-admin); the baseline waits for it. */
    readonly isDeployer: boolean;
}

export interface AccessInput {
    readonly access: AccessSpec;
    readonly tenants: readonly Pick<TenantSpec, "name" | "editors" | "viewers">[];
    /**
     * The principal that runs the update and installs the baseline (access.deployer, or the caller).
     * It gets cluster-admin on its own entry, or on the entry it already has as an admin, developer,
     * viewer or tenant member: EKS allows one access entry per principal.
     */
    readonly deployer?: string;
}

/** The subjects handed to the baseline: only groups someone is mapped to. */
export function kubernetesSubjects(input: AccessInput): KubernetesSubjects {
    const tenants: Record<string, { editors: string[]; viewers: string[] }> = {};
    for (const t of input.tenants) {
        tenants[t.name] = {
            editors: t.editors.length > 0 ? [GROUPS.tenantEditors(t.name)] : [],
            viewers: t.viewers.length > 0 ? [GROUPS.tenantViewers(t.name)] : [],
        };
    }
    return {
        admins: input.access.admins.length > 0 ? [GROUPS.admins] : [],
        developers: input.access.developers.length > 0 ? [GROUPS.developers] : [],
        viewers: input.access.viewers.length > 0 ? [GROUPS.viewers] : [],
        tenants,
    };
}

/** "arn:aws:iam::123456789012:role/team/payments" -> "123456789012-team-payments". */
export function principalKey(arn: string): string {
    const match = /^arn:[^:]+:iam::(\d{12}):(?:role|user)\/(.+)$/.exec(arn);
    if (!match) throw new Error(`not an IAM role or user ARN: ${arn}`);
    return `${match[1]}-${match[2].replace(/[^A-Za-z0-9-]/g, "-").toLowerCase()}`;
}

interface Draft {
    groups: Set<string>;
    /** Per policy: "cluster" or the namespaces. */
    scopes: Map<AccessPolicyName, "cluster" | Set<string>>;
}

function grant(draft: Draft, policy: AccessPolicyName, namespaces: readonly string[] | "cluster"): void {
    const current = draft.scopes.get(policy);
    if (namespaces === "cluster" || current === "cluster") {
        draft.scopes.set(policy, "cluster");
        return;
    }
    const merged = current ?? new Set<string>();
    namespaces.forEach((n) => merged.add(n));
    draft.scopes.set(policy, merged);
}

/**
 * One entry per principal, merging every list it appears in: a role that is both a developer and a
 * tenant viewer gets both groups, and its namespace grants of the same policy are merged into one
 * association. Developers get edit in every tenant namespace and nothing cluster-wide.
 */
export function planAccessEntries(input: AccessInput): AccessEntryPlan[] {
    // IAM role names are unique regardless of case, so "Platform-Admins" and "platform-admins" are one
    // principal, and one entry: the spelling seen first is kept.
    const drafts = new Map<string, Draft & { arn: string }>();
    const draftFor = (arn: string): Draft => {
        let d = drafts.get(arn.toLowerCase());
        if (!d) {
            d = { arn, groups: new Set(), scopes: new Map() };
            drafts.set(arn.toLowerCase(), d);
        }
        return d;
    };
    const tenantNamespaces = input.tenants.map((t) => t.name);
    for (const arn of input.access.admins) {
        const d = draftFor(arn);
        d.groups.add(GROUPS.admins);
        grant(d, ACCESS_POLICIES.clusterAdmin, "cluster");
    }
    for (const arn of input.access.viewers) {
        const d = draftFor(arn);
        d.groups.add(GROUPS.viewers);
        grant(d, ACCESS_POLICIES.view, "cluster");
    }
    for (const arn of input.access.developers) {
        const d = draftFor(arn);
        d.groups.add(GROUPS.developers);
        if (tenantNamespaces.length > 0) grant(d, ACCESS_POLICIES.edit, tenantNamespaces);
    }
    for (const t of input.tenants) {
        for (const arn of t.editors) {
            const d = draftFor(arn);
            d.groups.add(GROUPS.tenantEditors(t.name));
            grant(d, ACCESS_POLICIES.edit, [t.name]);
        }
        for (const arn of t.viewers) {
            const d = draftFor(arn);
            d.groups.add(GROUPS.tenantViewers(t.name));
            grant(d, ACCESS_POLICIES.view, [t.name]);
        }
    }
    if (input.deployer !== undefined) grant(draftFor(input.deployer), ACCESS_POLICIES.clusterAdmin, "cluster");
    const deployer = input.deployer?.toLowerCase();
    return [...drafts.entries()].map(([id, d]) => ({
        key: principalKey(d.arn),
        principalArn: d.arn,
        isDeployer: id === deployer,
        kubernetesGroups: [...d.groups].sort(),
        grants: [...d.scopes.entries()].map(([policy, scope]) => ({
            policy,
            scope: scope === "cluster" ? { type: "cluster" as const } : { type: "namespace" as const, namespaces: [...scope].sort() },
        })),
    }));
}

/** The EKS access policy ARN in the partition ("aws", "aws-cn", "aws-us-gov"). */
export function accessPolicyArn(partition: string, policy: AccessPolicyName): string {
    return `arn:${partition}:eks::aws:cluster-access-policy/${policy}`;
}

/** Short, stable name part for an association: "cluster-admin", "edit", "view". */
export function grantKey(policy: AccessPolicyName): string {
    switch (policy) {
        case ACCESS_POLICIES.clusterAdmin:
            return "cluster-admin";
        case ACCESS_POLICIES.edit:
            return "edit";
        case ACCESS_POLICIES.view:
            return "view";
    }
}
