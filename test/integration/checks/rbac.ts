import * as fs from "fs";
import * as https from "https";
import { PLATFORM_NAMESPACE_LABEL, TENANT_NAMESPACE_LABEL } from "../../../core/kubernetes-labels";
import { CheckResult, Finding } from "../findings";
import { impersonationArgs, Kubectl } from "../kubectl";
import { Json, StackObject } from "../manifests";

/**
 * Check 4: what each group the stack maps may do, asked of the real authorizer (RBAC with the built-in
 * roles as the clusterrole-aggregation controller fills them) through SubjectAccessReviews, one batch per
 * stack. The groups and their namespaces come from the stack's own bindings; what they may do comes from
 * the blueprint's rules (HC-RBAC-01/02, HC-ISO-01..03).
 */
export interface Access {
    readonly verb: string;
    readonly resource: string;
    readonly group?: string;
    readonly subresource?: string;
    readonly namespace?: string;
    readonly name?: string;
}

export interface AccessExpectation extends Access {
    readonly who: string;
    readonly groups: readonly string[];
    readonly user: string;
    readonly allowed: boolean;
    readonly why: string;
}

/** Who is bound to what, read from the stack's ClusterRoleBindings and tenant RoleBindings. */
export interface StackAccessModel {
    /** Group → ClusterRoles bound cluster-wide. */
    readonly clusterRoles: Map<string, Set<string>>;
    /** Group → tenant namespace → ClusterRoles bound there. */
    readonly namespaceRoles: Map<string, Map<string, Set<string>>>;
    readonly tenantNamespaces: string[];
    readonly platformNamespaces: string[];
}

interface Binding {
    metadata: { namespace?: string };
    roleRef: { kind: string; name: string };
    subjects?: { kind: string; name: string }[];
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
    map.set(key, (map.get(key) ?? new Set<V>()).add(value));
}

export function accessModel(objects: readonly StackObject[]): StackAccessModel {
    const clusterRoles = new Map<string, Set<string>>();
    const namespaceRoles = new Map<string, Map<string, Set<string>>>();
    const labelsOf = (o: StackObject) => ((o.manifest.metadata as Json).labels ?? {}) as Record<string, string>;
    const namespaces = objects.filter((o) => o.kind === "Namespace");
    for (const object of objects) {
        if (object.kind !== "ClusterRoleBinding" && object.kind !== "RoleBinding") continue;
        const binding = object.manifest as unknown as Binding;
        for (const subject of binding.subjects ?? []) {
            if (subject.kind !== "Group") continue;
            if (object.kind === "ClusterRoleBinding") add(clusterRoles, subject.name, binding.roleRef.name);
            else {
                const perNamespace = namespaceRoles.get(subject.name) ?? new Map<string, Set<string>>();
                add(perNamespace, object.namespace!, binding.roleRef.name);
                namespaceRoles.set(subject.name, perNamespace);
            }
        }
    }
    return {
        clusterRoles,
        namespaceRoles,
        tenantNamespaces: namespaces.filter((n) => labelsOf(n)[TENANT_NAMESPACE_LABEL] !== undefined).map((n) => n.name),
        platformNamespaces: namespaces.filter((n) => labelsOf(n)[PLATFORM_NAMESPACE_LABEL] === "true").map((n) => n.name),
    };
}

/**
 * A group edits a tenant namespace when a RoleBinding there gives it any role beyond the built-in `view`
 * (the blueprint's tenant editor role today); what such a group may and may not do is then checked.
 */
export function editsIn(model: StackAccessModel, group: string, namespace: string): boolean {
    return [...(model.namespaceRoles.get(group)?.get(namespace) ?? [])].some((role) => role !== "view");
}

/** Workload objects an editor manages in its namespace. */
const WORKLOADS: Access[] = [
    { verb: "create", resource: "deployments", group: "apps" },
    { verb: "delete", resource: "deployments", group: "apps" },
    { verb: "create", resource: "pods" },
    { verb: "create", resource: "services" },
    { verb: "create", resource: "configmaps" },
    { verb: "create", resource: "jobs", group: "batch" },
];

/** What tenants must not change in their own namespace: its isolation and its limits. */
const NAMESPACE_GUARDS: Access[] = [
    ...["create", "update", "patch", "delete"].map((verb) => ({ verb, resource: "networkpolicies", group: "networking.k8s.io" })),
    ...["create", "update", "patch", "delete"].map((verb) => ({ verb, resource: "resourcequotas" })),
    ...["create", "update", "patch", "delete"].map((verb) => ({ verb, resource: "limitranges" })),
    { verb: "create", resource: "rolebindings", group: "rbac.authorization.k8s.io" },
    { verb: "create", resource: "roles", group: "rbac.authorization.k8s.io" },
];

/** Cluster-scoped objects and escalation paths no one but the admins may use. */
const CLUSTER_GUARDS: Access[] = [
    { verb: "create", resource: "namespaces" },
    { verb: "create", resource: "clusterroles", group: "rbac.authorization.k8s.io" },
    { verb: "create", resource: "clusterrolebindings", group: "rbac.authorization.k8s.io" },
    { verb: "escalate", resource: "clusterroles", group: "rbac.authorization.k8s.io" },
    { verb: "bind", resource: "clusterroles", group: "rbac.authorization.k8s.io" },
    { verb: "create", resource: "validatingadmissionpolicies", group: "admissionregistration.k8s.io" },
    { verb: "delete", resource: "validatingadmissionpolicybindings", group: "admissionregistration.k8s.io" },
    { verb: "create", resource: "customresourcedefinitions", group: "apiextensions.k8s.io" },
    { verb: "create", resource: "storageclasses", group: "storage.k8s.io" },
    { verb: "impersonate", resource: "groups" },
    { verb: "create", resource: "nodes" },
    { verb: "list", resource: "secrets" },
];

/** The blueprint's access rules for every group the stack binds, and for unauthenticated requests. */
export function accessExpectations(model: StackAccessModel): AccessExpectation[] {
    const expectations: AccessExpectation[] = [];
    const groups = new Set([...model.clusterRoles.keys(), ...model.namespaceRoles.keys()]);
    const elsewhere = ["default", "kube-system", ...model.platformNamespaces];
    for (const group of [...groups].sort()) {
        // Impersonated requests always carry system:authenticated; a binding to it would show here.
        const who = { who: group, user: "hardened-cluster-tier:probe", groups: [group, "system:authenticated"] };
        const expect = (access: Access, allowed: boolean, why: string) => expectations.push({ ...who, ...access, allowed, why });
        const cluster = model.clusterRoles.get(group) ?? new Set<string>();
        if (cluster.has("cluster-admin")) {
            expect(
                { verb: "create", resource: "clusterrolebindings", group: "rbac.authorization.k8s.io" },
                true,
                "platform admins operate the cluster",
            );
            expect({ verb: "get", resource: "secrets", namespace: "kube-system" }, true, "platform admins operate the cluster");
            continue;
        }
        for (const access of CLUSTER_GUARDS)
            expect(access, false, "cluster-scoped objects, cluster-wide secrets and escalation are for admins only");
        const edits = model.namespaceRoles.get(group) ?? new Map<string, Set<string>>();
        const clusterViewer = cluster.has("view");
        for (const namespace of model.tenantNamespaces) {
            const roles = edits.get(namespace) ?? new Set<string>();
            const editor = editsIn(model, group, namespace);
            const viewer = editor || roles.has("view") || clusterViewer;
            for (const access of WORKLOADS) {
                expect(
                    { ...access, namespace },
                    editor,
                    editor ? "editors manage workloads in their namespace" : "no edit binding in this namespace",
                );
            }
            for (const access of NAMESPACE_GUARDS)
                expect({ ...access, namespace }, false, "tenants cannot change their namespace's isolation, quota or limits");
            for (const verb of ["update", "patch"])
                expect({ verb, resource: "namespaces", name: namespace }, false, "namespace labels set Pod Security and exposure");
            expect(
                { verb: "get", resource: "secrets", namespace },
                editor,
                editor ? "editors read their own secrets" : "no one reads another tenant's secrets; viewers read none",
            );
            expect(
                { verb: "get", resource: "pods", namespace },
                viewer,
                viewer ? "bound to view or edit here" : "no binding in this namespace",
            );
        }
        for (const namespace of elsewhere) {
            expect({ verb: "create", resource: "pods", namespace }, false, "tenants run workloads only in tenant namespaces");
            expect({ verb: "get", resource: "secrets", namespace }, false, "no secrets outside the tenant's own namespace");
        }
    }
    const anonymous = { who: "unauthenticated", user: "system:anonymous", groups: ["system:unauthenticated"] };
    for (const namespace of ["default", "kube-system", ...model.tenantNamespaces]) {
        for (const access of [
            { verb: "get", resource: "secrets", namespace },
            { verb: "list", resource: "pods", namespace },
            { verb: "get", resource: "configmaps", namespace },
            { verb: "create", resource: "pods", namespace },
        ]) {
            expectations.push({ ...anonymous, ...access, allowed: false, why: "unauthenticated requests get no resource access" });
        }
    }
    for (const access of [
        { verb: "list", resource: "namespaces" },
        { verb: "list", resource: "nodes" },
    ]) {
        expectations.push({ ...anonymous, ...access, allowed: false, why: "unauthenticated requests get no resource access" });
    }
    return expectations;
}

interface Review {
    kind: string;
    items?: Review[];
    spec: { groups: string[]; resourceAttributes: Access };
    status: { allowed: boolean; reason?: string };
}

function describeAccess(e: AccessExpectation): string {
    const target = `${e.resource}${e.subresource ? `/${e.subresource}` : ""}${e.group ? `.${e.group}` : ""}${e.name ? ` ${e.name}` : ""}`;
    return `${e.verb} ${target}${e.namespace ? ` in ${e.namespace}` : " (cluster-wide)"}`;
}

/** Asks the authorizer every expectation in one SubjectAccessReview batch; reports each disagreement. */
export function rbacFindings(kubectl: Kubectl, expectations: readonly AccessExpectation[]): CheckResult {
    const reviews = {
        apiVersion: "v1",
        kind: "List",
        items: expectations.map((e) => ({
            apiVersion: "authorization.k8s.io/v1",
            kind: "SubjectAccessReview",
            spec: {
                user: e.user,
                groups: [...e.groups],
                resourceAttributes: {
                    verb: e.verb,
                    resource: e.resource,
                    group: e.group ?? "",
                    ...(e.subresource ? { subresource: e.subresource } : {}),
                    ...(e.namespace ? { namespace: e.namespace } : {}),
                    ...(e.name ? { name: e.name } : {}),
                },
            },
        })),
    };
    // kubectl prints one document per created review (or a List): flatten either way, order kept.
    const items = kubectl
        .jsonDocuments<Review>(["create", "-f", "-"], { input: reviews })
        .flatMap((d) => (d.kind === "List" ? (d.items ?? []) : [d]));
    const answers = { items };
    if (answers.items.length !== expectations.length)
        throw new Error(`asked ${expectations.length} reviews, got ${answers.items.length} answers`);
    answers.items.forEach((answer, i) => {
        const asked = expectations[i];
        if (answer.spec.resourceAttributes.verb !== asked.verb || answer.spec.resourceAttributes.resource !== asked.resource) {
            throw new Error(
                `review ${i} answers ${answer.spec.resourceAttributes.verb} ${answer.spec.resourceAttributes.resource}, asked ${asked.verb} ${asked.resource}`,
            );
        }
    });
    const findings: Finding[] = [];
    expectations.forEach((e, i) => {
        const allowed = answers.items[i].status.allowed === true;
        if (allowed !== e.allowed) {
            findings.push({
                check: "rbac",
                subject: e.who,
                problem: `${allowed ? "can" : "cannot"} ${describeAccess(e)} (expected ${e.allowed ? "allowed" : "denied"}: ${e.why})${answers.items[i].status.reason ? `; ${answers.items[i].status.reason}` : ""}`,
            });
        }
    });
    return { findings, probes: expectations.length };
}

/** One GET with no credentials at all (no client certificate, no token): the server sees system:anonymous. */
export function anonymousGet(kubectl: Kubectl, path: string): Promise<{ status: number; body: string }> {
    const url = new URL(path, kubectl.control.serverUrl);
    return new Promise((resolve, reject) => {
        const request = https.get(url, { ca: fs.readFileSync(kubectl.control.caFile), timeout: 10_000 }, (response) => {
            let body = "";
            response.setEncoding("utf8");
            response.on("data", (chunk: string) => (body += chunk));
            response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on("timeout", () => request.destroy(new Error(`GET ${path} timed out`)));
        request.on("error", reject);
    });
}

/**
 * Real unauthenticated requests: the public health and version endpoints answer, every resource request
 * is refused as system:anonymous.
 */
export async function anonymousRequestFindings(kubectl: Kubectl, namespaces: readonly string[]): Promise<CheckResult> {
    const findings: Finding[] = [];
    let probes = 0;
    for (const endpoint of ["/version", "/healthz", "/livez", "/readyz"]) {
        probes++;
        const { status } = await anonymousGet(kubectl, endpoint);
        if (status !== 200) findings.push({ check: "rbac", subject: "unauthenticated", problem: `GET ${endpoint} answered ${status}` });
    }
    for (const namespace of namespaces) {
        for (const resource of ["secrets", "pods", "configmaps"]) {
            probes++;
            const { status, body } = await anonymousGet(kubectl, `/api/v1/namespaces/${namespace}/${resource}`);
            const message = status === 403 ? String((JSON.parse(body) as { message?: string }).message) : "";
            if (!message.includes('User "system:anonymous" cannot list resource')) {
                findings.push({
                    check: "rbac",
                    subject: "unauthenticated",
                    problem: `GET ${resource} in ${namespace} answered ${status}: ${body.slice(0, 200)}`,
                });
            }
        }
    }
    return { findings, probes };
}

/**
 * Real impersonated requests (not only reviews), one editor group per tenant namespace: a workload in its
 * own namespace is admitted (dry run), deleting the namespace's default-deny NetworkPolicy and reading
 * another tenant's secrets are forbidden. The audit log records each with the impersonated groups.
 */
export function impersonatedFindings(
    kubectl: Kubectl,
    model: StackAccessModel,
    deploymentFor: (namespace: string) => Json,
): CheckResult & { groups: string[] } {
    const findings: Finding[] = [];
    const groups: string[] = [];
    let probes = 0;
    const editedBy = (group: string) => model.tenantNamespaces.filter((n) => editsIn(model, group, n)).length;
    for (const namespace of model.tenantNamespaces) {
        // The tenant's own editors rather than the developers, who edit every tenant namespace.
        const group = [...model.namespaceRoles.keys()]
            .filter((g) => editsIn(model, g, namespace) && !model.clusterRoles.has(g))
            .sort((a, b) => editedBy(a) - editedBy(b))[0];
        if (!group) continue;
        groups.push(group);
        const as = { user: "hardened-cluster-tier:probe", groups: [group] };
        const subject = `${group} (impersonated)`;
        probes++;
        const create = kubectl.dryRunCreate(deploymentFor(namespace), as);
        if (!create.ok) findings.push({ check: "rbac", subject, problem: `cannot create a Deployment in ${namespace}: ${create.error}` });
        const policies = kubectl.json<{ items: { metadata: { name: string } }[] }>(["get", "networkpolicies", "-n", namespace]).items;
        for (const policy of policies) {
            probes++;
            const remove = kubectl.run([
                "delete",
                "networkpolicy",
                policy.metadata.name,
                "-n",
                namespace,
                "--dry-run=server",
                ...impersonationArgs(as),
            ]);
            if (remove.ok || !remove.error.includes("Forbidden")) {
                findings.push({
                    check: "rbac",
                    subject,
                    problem: `deleting NetworkPolicy ${namespace}/${policy.metadata.name}: ${remove.ok ? "allowed" : remove.error}`,
                });
            }
        }
        for (const other of model.tenantNamespaces.filter((n) => !editsIn(model, group, n))) {
            probes++;
            const read = kubectl.run(["get", "secrets", "-n", other, ...impersonationArgs(as)]);
            if (read.ok || !read.error.includes("Forbidden")) {
                findings.push({ check: "rbac", subject, problem: `listing secrets in ${other}: ${read.ok ? "allowed" : read.error}` });
            }
        }
    }
    return { findings, probes, groups };
}

interface AuditEvent {
    verb: string;
    requestReceivedTimestamp: string;
    impersonatedUser?: { username: string; groups?: string[] };
    objectRef?: { resource?: string; namespace?: string };
    responseStatus?: { code?: number };
}

/** The audit log is on and records impersonated requests with the impersonated groups and the verdict. */
export function auditFindings(kubectl: Kubectl, groups: readonly string[], since: Date): CheckResult {
    const lines = fs.existsSync(kubectl.control.auditLog)
        ? fs.readFileSync(kubectl.control.auditLog, "utf8").split("\n").filter(Boolean)
        : [];
    const events = lines.map((l) => JSON.parse(l) as AuditEvent).filter((e) => new Date(e.requestReceivedTimestamp) >= since);
    const findings: Finding[] = [];
    if (events.length === 0) findings.push({ check: "rbac", subject: "audit log", problem: "no audit events recorded" });
    for (const group of groups) {
        const seen = events.some((e) => e.impersonatedUser?.groups?.includes(group) && e.responseStatus?.code === 403);
        if (!seen)
            findings.push({ check: "rbac", subject: "audit log", problem: `no refused request impersonating ${group} was recorded` });
    }
    return { findings, probes: groups.length + 1 };
}
