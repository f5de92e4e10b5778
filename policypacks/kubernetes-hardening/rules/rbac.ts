import { KubeObject, list, record } from "./objects";

/**
 * RBAC vocabulary shared by the RBAC policies: how a rule matches a request (as the API server's RBAC
 * authorizer does), which groups stand for "everyone", and the roles and bindings Kubernetes creates
 * itself (their content is known without the stack defining them).
 */
export interface PolicyRuleView {
    readonly apiGroups?: readonly string[];
    readonly resources?: readonly string[];
    readonly verbs?: readonly string[];
    readonly resourceNames?: readonly string[];
    readonly nonResourceURLs?: readonly string[];
}

export interface SubjectView {
    readonly kind?: string;
    readonly name?: string;
    readonly namespace?: string;
}

export interface RoleRefView {
    readonly kind?: string;
    readonly name?: string;
}

export const RBAC_GROUP = "rbac.authorization.k8s.io";

/** A resource rule grants `verb` on `resource` ("pods/exec" for a subresource) of API group `group` ("" = core). */
export function ruleGrants(rule: PolicyRuleView, group: string, resource: string, verb: string): boolean {
    const groups = list<string>(rule.apiGroups);
    const verbs = list<string>(rule.verbs);
    if (!groups.includes("*") && !groups.includes(group)) return false;
    if (!verbs.includes("*") && !verbs.includes(verb)) return false;
    const sub = resource.includes("/") ? resource.slice(resource.indexOf("/") + 1) : undefined;
    return list<string>(rule.resources).some((r) => r === "*" || r === resource || (sub !== undefined && r === `*/${sub}`));
}

/** The rules of a Role or ClusterRole object (a list or []). */
export function rulesOf(role: KubeObject): readonly PolicyRuleView[] {
    return list<PolicyRuleView>(role.body["rules"]);
}

export function anyRuleGrants(
    rules: readonly PolicyRuleView[],
    group: string,
    resources: readonly string[],
    verbs: readonly string[],
): number[] {
    const hits: number[] = [];
    rules.forEach((rule, i) => {
        if (resources.some((res) => verbs.some((verb) => ruleGrants(rule, group, res, verb)))) hits.push(i + 1);
    });
    return hits;
}

/** What a role can do that this pack treats as dangerous, each with the rules (1-based) that grant it. */
export interface RoleCapabilities {
    readonly readSecrets: number[];
    readonly execIntoPods: number[];
    /** Writing Roles or bindings: the holder can pass every right it holds to anyone, outside Pulumi. */
    readonly writeRbac: number[];
}

/**
 * Reading Secrets (get, list or watch: a list returns their values), exec/attach/port-forward into pods, and
 * writing RBAC objects (create, update or patch on roles, rolebindings, clusterroles, clusterrolebindings).
 */
export function capabilitiesOf(rules: readonly PolicyRuleView[]): RoleCapabilities {
    return {
        readSecrets: anyRuleGrants(rules, "", ["secrets"], ["get", "list", "watch"]),
        execIntoPods: anyRuleGrants(rules, "", ["pods/exec", "pods/attach", "pods/portforward"], ["create", "get"]),
        writeRbac: anyRuleGrants(
            rules,
            RBAC_GROUP,
            ["roles", "rolebindings", "clusterroles", "clusterrolebindings"],
            ["create", "update", "patch"],
        ),
    };
}

/**
 * Groups every identity of a kind is in. system:anonymous is the user (and system:unauthenticated the
 * group) of unauthenticated requests; system:authenticated is every authenticated identity (on GKE any
 * Google account); system:serviceaccounts every service account of the cluster.
 */
export const EVERYONE_SUBJECTS: Readonly<Record<string, string>> = {
    "system:unauthenticated": "every unauthenticated request",
    "system:anonymous": "the anonymous user of every unauthenticated request",
    "system:authenticated": "every authenticated identity (on GKE any Google account, on EKS and AKS any identity the cluster trusts)",
    "system:serviceaccounts": "every service account of every namespace",
};

/** "system:serviceaccounts:payments" → "payments". */
export function serviceAccountsGroupNamespace(name: string): string | undefined {
    const prefix = "system:serviceaccounts:";
    return name.startsWith(prefix) && name.length > prefix.length ? name.slice(prefix.length) : undefined;
}

/**
 * Kubernetes' own bindings of everyone-groups (the bootstrap policy): discovery, the basic user's
 * self-review rights and public cluster info. Not findings (CIS GKE 4.1.9 and 4.1.10 name them).
 */
export const BOOTSTRAP_EVERYONE_GRANTS: Readonly<Record<string, readonly string[]>> = {
    "system:discovery": ["system:authenticated"],
    "system:basic-user": ["system:authenticated"],
    "system:public-info-viewer": ["system:authenticated", "system:unauthenticated"],
};

/**
 * ClusterRoleBindings Kubernetes creates, by name, with the ClusterRole they bind (roleRef is immutable):
 * a patch of one of them that names no roleRef still grants this role.
 */
export const BOOTSTRAP_BINDING_ROLES: Readonly<Record<string, string>> = {
    "cluster-admin": "cluster-admin",
    "system:discovery": "system:discovery",
    "system:basic-user": "system:basic-user",
    "system:public-info-viewer": "system:public-info-viewer",
};

/** The role a binding grants: its roleRef, or for a patch without one, a bootstrap binding's role. */
export function roleRefOf(binding: KubeObject): { kind: string; name: string } | undefined {
    const ref = record(binding.body["roleRef"]) as RoleRefView | undefined;
    if (ref?.name !== undefined) return { kind: ref.kind ?? "ClusterRole", name: ref.name };
    const known = binding.kind === "ClusterRoleBinding" && binding.meta.name ? BOOTSTRAP_BINDING_ROLES[binding.meta.name] : undefined;
    return known ? { kind: "ClusterRole", name: known } : undefined;
}

export function subjectsOf(binding: KubeObject): readonly SubjectView[] {
    return list<SubjectView>(binding.body["subjects"]);
}

export function describeSubject(s: SubjectView): string {
    return `${s.kind ?? "?"} ${s.namespace ? `${s.namespace}/` : ""}${s.name ?? "?"}`;
}

export function describeRoleRef(ref: { kind: string; name: string }): string {
    return `${ref.kind} ${ref.name}`;
}

/**
 * Built-in ClusterRoles a binding may name without the stack defining them. `admin` and `edit` read
 * Secrets and exec into pods; `admin` also writes Roles and RoleBindings in its namespace (that is the
 * difference: the blueprint gives tenants `edit` so they cannot grant themselves or others more); `view`
 * does none of these; cluster-admin is everything and judged by kubernetes-rbac-restrict-cluster-admin.
 * Rule numbers are 0: the rules are Kubernetes', not the stack's.
 */
export const BUILT_IN_CLUSTER_ROLES: Readonly<Record<string, RoleCapabilities | "all">> = {
    "cluster-admin": "all",
    admin: { readSecrets: [0], execIntoPods: [0], writeRbac: [0] },
    edit: { readSecrets: [0], execIntoPods: [0], writeRbac: [] },
    view: { readSecrets: [], execIntoPods: [], writeRbac: [] },
    "system:discovery": { readSecrets: [], execIntoPods: [], writeRbac: [] },
    "system:basic-user": { readSecrets: [], execIntoPods: [], writeRbac: [] },
    "system:public-info-viewer": { readSecrets: [], execIntoPods: [], writeRbac: [] },
};

/** Labels that fold a ClusterRole's rules into a built-in role (ClusterRole aggregation). */
export const AGGREGATE_LABELS = {
    view: "rbac.authorization.k8s.io/aggregate-to-view",
    edit: "rbac.authorization.k8s.io/aggregate-to-edit",
    admin: "rbac.authorization.k8s.io/aggregate-to-admin",
} as const;
