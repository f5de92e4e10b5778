import { exceptionAnnotationKey } from "../../../core/exception-format";
import { addResource, Inputs, NewResource, Probe, removeResource, set, target, unset } from "../framework/edits";
import { setAll, unsetAll } from "../framework/path";
import { MutationRow } from "../framework/rows";
import { DIGEST, EXPIRED_EXCEPTION, exceptionWithoutApprover, validException } from "../framework/values";

/**
 * Edits to the Kubernetes baseline that every cloud ships (the baseline is cloud-neutral), run on each
 * cloud's stacks by its kubernetes-hardening-<cloud>.ts table; rows that only exist on one cloud live in
 * that table. Added workloads, Services, roles and bindings are what a teammate or a chart adds beside
 * the baseline, in the `payments` tenant's namespace unless said otherwise.
 */
export interface KubernetesStacks {
    readonly prod: string;
    readonly dev: string;
    /** A trusted registry prefix per stack (the shipped pack config's list for its environment). */
    readonly registry: { readonly prod: string; readonly dev: string };
    /** How the stack verifies image signatures: the Sigstore policy-controller, or GKE Binary Authorization. */
    readonly signatures: "policy-controller" | "binary-authorization";
}

const NS = "kubernetes:core/v1:Namespace";
const NETWORK_POLICY = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const RELEASE = "kubernetes:helm.sh/v3:Release";
const CLUSTER_ROLE_BINDING = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";
const VAP = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";
const VAP_BINDING = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding";

const tenantNamespace = target(NS, "-tenant-payments-ns");
const runtimeNamespace = target(NS, "-runtime-ns");
const defaultDeny = target(NETWORK_POLICY, "-tenant-payments-default-deny");
const quota = target("kubernetes:core/v1:ResourceQuota", "-tenant-payments-quota");
const defaultServiceAccount = target("kubernetes:core/v1:ServiceAccountPatch", "-tenant-payments-default-sa");
const adminsBinding = target(CLUSTER_ROLE_BINDING, "-rbac-admins");
const podSecurityPolicy = target(VAP, "-admission-pod-security");
const podSecurityBinding = target(VAP_BINDING, "-admission-pod-security");
const tenantLimits = target("kubernetes:core/v1:LimitRange", "-tenant-payments-limits");
const sameNamespace = target(NETWORK_POLICY, "-tenant-payments-allow-same-namespace");
const tenantEditors = target("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "-tenant-payments-editors");
const viewersBinding = target(CLUSTER_ROLE_BINDING, "-rbac-viewers");
const storageClass = target("kubernetes:storage.k8s.io/v1:StorageClass");
const falco = target(RELEASE, "-runtime-falco");
const policyController = target(RELEASE, "-image-signatures-policy-controller");
const imagePolicy = target("kubernetes:policy.sigstore.dev/v1beta1:ClusterImagePolicy");
const gkeCluster = target("gcp:container/cluster:Cluster");
const gkePolicy = target("gcp:binaryauthorization/policy:Policy");

const PRIVILEGED = "kubernetes-workload-deny-privileged";
const NON_ROOT = "kubernetes-workload-require-non-root";
const HOST_NAMESPACES = "kubernetes-workload-deny-host-namespaces";
const HOST_PATH = "kubernetes-workload-deny-host-path";
const LIMITS = "kubernetes-workload-require-resource-limits";
const REGISTRY = "kubernetes-workload-require-trusted-registry";
const DIGEST_POLICY = "kubernetes-workload-require-image-digest";
const PULL = "kubernetes-workload-require-pull-always";
const SIGNATURES = "kubernetes-stack-require-image-signature-verification";
const EXTERNAL = "kubernetes-service-deny-external-types";
const PSA = "kubernetes-namespace-require-psa-enforce";
const DEFAULT_DENY = "kubernetes-namespace-require-default-deny";
const QUOTA = "kubernetes-namespace-require-resource-quota";
const WILDCARD = "kubernetes-rbac-deny-wildcard-rules";
const CLUSTER_ADMIN = "kubernetes-rbac-restrict-cluster-admin";
const FAIL_CLOSED = "kubernetes-admission-require-fail-closed";
const STORAGE = "kubernetes-storageclass-require-encryption";
const RUNTIME = "kubernetes-stack-require-runtime-defence";
const AUTOMOUNT = "kubernetes-serviceaccount-deny-default-automount";
const EXCEPTIONS = "kubernetes-exceptions-require-valid";

const TENANT = "payments";
const ENFORCE = `metadata.labels["pod-security.kubernetes.io/enforce"]`;
const RBAC = "rbac.authorization.k8s.io";

/** Changes to a workload's pod spec: paths relative to the pod spec, values to set or paths to remove. */
interface PodChange {
    readonly set?: Record<string, unknown>;
    readonly unset?: readonly string[];
}

/** A Deployment that passes every workload policy, then `change` applied to its pod spec. */
function workload(registry: string, name: string, change: PodChange, kind: "Deployment" | "CronJob" = "Deployment"): NewResource {
    const podSpec: Inputs = {
        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
        containers: [
            {
                name: "app",
                image: `${registry}team/app${DIGEST}`,
                imagePullPolicy: "Always",
                securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
                resources: { limits: { cpu: "500m", memory: "256Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
            },
        ],
    };
    for (const [path, value] of Object.entries(change.set ?? {})) {
        if (setAll(podSpec, path, value) === 0) throw new Error(`workload ${name}: ${path} reaches nothing`);
    }
    for (const path of change.unset ?? []) {
        if (unsetAll(podSpec, path) === 0) throw new Error(`workload ${name}: ${path} reaches nothing`);
    }
    const template = { metadata: { labels: { app: name } }, spec: podSpec };
    const metadata = { name, namespace: TENANT };
    if (kind === "CronJob") {
        return {
            type: "kubernetes:batch/v1:CronJob",
            name: `teammate-${name}`,
            props: { apiVersion: "batch/v1", kind, metadata, spec: { schedule: "0 * * * *", jobTemplate: { spec: { template } } } },
        };
    }
    return {
        type: "kubernetes:apps/v1:Deployment",
        name: `teammate-${name}`,
        props: { apiVersion: "apps/v1", kind, metadata, spec: { selector: { matchLabels: { app: name } }, template } },
    };
}

function object(type: string, kind: string, apiVersion: string, name: string, body: Inputs, namespace?: string): NewResource {
    return {
        type,
        name: `teammate-${name}`,
        props: { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...body },
    };
}

const clusterRole = (name: string, rules: Inputs[]) =>
    object("kubernetes:rbac.authorization.k8s.io/v1:ClusterRole", "ClusterRole", `${RBAC}/v1`, name, { rules });
const role = (name: string, rules: Inputs[]) =>
    object("kubernetes:rbac.authorization.k8s.io/v1:Role", "Role", `${RBAC}/v1`, name, { rules }, TENANT);
const clusterRoleBinding = (name: string, roleName: string, subjects: Inputs[]) =>
    object(CLUSTER_ROLE_BINDING, "ClusterRoleBinding", `${RBAC}/v1`, name, {
        roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: roleName },
        subjects,
    });
const group = (name: string) => ({ apiGroup: RBAC, kind: "Group", name });
const networkPolicy = (name: string, spec: Inputs) =>
    object(NETWORK_POLICY, "NetworkPolicy", "networking.k8s.io/v1", name, { spec }, TENANT);
const service = (name: string, spec: Inputs, annotations?: Record<string, string>) => {
    const s = object(
        "kubernetes:core/v1:Service",
        "Service",
        "v1",
        name,
        { spec: { selector: { app: "api" }, ports: [{ port: 443, targetPort: 8443 }], ...spec } },
        TENANT,
    );
    return annotations ? { ...s, props: { ...s.props, metadata: { ...(s.props["metadata"] as Inputs), annotations } } } : s;
};

/** A ClusterRole with `rules` and a binding of it to a tenant group: how an over-broad grant reaches people. */
function grant(name: string, rules: Inputs[]) {
    return addResource(`a ClusterRole ${name} bound to a tenant group`, "wrong-value", () => [
        clusterRole(name, rules),
        clusterRoleBinding(name, name, [group("hardened:tenant:payments:editors")]),
    ]);
}

export function kubernetesRows(stacks: KubernetesStacks): MutationRow[] {
    const { prod, dev } = stacks;
    const add = (label: string, probe: Probe, change: PodChange, kind?: "Deployment" | "CronJob") =>
        addResource(`a ${kind ?? "Deployment"} with ${label}`, probe, (view) =>
            workload(
                view.stack === dev ? stacks.registry.dev : stacks.registry.prod,
                label
                    .replace(/[^a-z0-9]+/gi, "-")
                    .toLowerCase()
                    .slice(0, 40),
                change,
                kind,
            ),
        );
    const rows: MutationRow[] = [
        // Workloads a tenant deploys (HC-POD-*, HC-SUP-02/03).
        { stack: prod, edit: add("nothing insecure", "wrong-value", {}), expect: "compliant", judgedBy: PRIVILEGED },
        {
            stack: prod,
            edit: add("a privileged container", "wrong-value", { set: { "containers[0].securityContext.privileged": true } }),
            expect: { policy: PRIVILEGED, message: "remove securityContext.privileged" },
        },
        {
            stack: prod,
            edit: add("privilege escalation allowed", "wrong-value", {
                set: { "containers[0].securityContext.allowPrivilegeEscalation": true },
            }),
            expect: { policy: PRIVILEGED, message: "set securityContext.allowPrivilegeEscalation to false" },
        },
        {
            stack: prod,
            edit: add("SYS_ADMIN added", "wrong-value", { set: { "containers[0].securityContext.capabilities.add": ["SYS_ADMIN"] } }),
            expect: { policy: PRIVILEGED, message: "only NET_BIND_SERVICE may be added" },
        },
        {
            stack: prod,
            edit: add("a privileged init container", "wrong-value", {
                set: {
                    initContainers: [
                        {
                            name: "init",
                            image: `${stacks.registry.prod}team/init${DIGEST}`,
                            imagePullPolicy: "Always",
                            securityContext: { privileged: true, runAsNonRoot: true },
                            resources: { limits: { cpu: "100m", memory: "64Mi" } },
                        },
                    ],
                },
            }),
            expect: { policy: PRIVILEGED, message: 'initContainer "init" is privileged' },
        },
        {
            stack: prod,
            edit: add("allowPrivilegeEscalation unset", "unset", { unset: ["containers[0].securityContext.allowPrivilegeEscalation"] }),
            expect: { policy: "kubernetes-workload-deny-privileged", message: "Deployment payments/allowprivilegeescalation-unset" },
            note: "unset means true for a process that can gain privileges; the restricted Pod Security Standard requires an explicit false",
        },
        {
            stack: prod,
            edit: add("runAsNonRoot false", "wrong-value", { set: { "containers[0].securityContext.runAsNonRoot": false } }),
            expect: { policy: NON_ROOT, message: "set securityContext.runAsNonRoot to true" },
        },
        {
            stack: prod,
            edit: add("runAsNonRoot unset", "unset", {
                unset: ["containers[0].securityContext.runAsNonRoot", "securityContext.runAsNonRoot"],
            }),
            expect: { policy: NON_ROOT, message: "not set on the container or the pod" },
        },
        {
            stack: prod,
            edit: add("runAsNonRoot set on the pod only", "unset", { unset: ["containers[0].securityContext.runAsNonRoot"] }),
            expect: "compliant",
            judgedBy: NON_ROOT,
        },
        {
            stack: prod,
            edit: add("hostNetwork", "wrong-value", { set: { hostNetwork: true } }),
            expect: { policy: HOST_NAMESPACES, message: "sets hostNetwork true; remove them" },
        },
        {
            stack: prod,
            edit: add("hostPID", "wrong-value", { set: { hostPID: true } }, "CronJob"),
            expect: { policy: HOST_NAMESPACES, message: "CronJob payments/hostpid sets hostPID true" },
        },
        {
            stack: prod,
            edit: add("a hostPath volume", "wrong-value", { set: { volumes: [{ name: "root", hostPath: { path: "/" } }] } }),
            expect: { policy: HOST_PATH, message: "use a PersistentVolumeClaim, emptyDir" },
        },
        {
            stack: prod,
            edit: add("no memory limit", "unset", { unset: ["containers[0].resources.limits.memory"] }),
            expect: { policy: LIMITS, message: "has no limits.memory; set resources.limits.cpu and resources.limits.memory" },
        },
        {
            stack: prod,
            edit: add("requests but no limits", "wrong-value", {
                set: { "containers[0].resources": { requests: { cpu: "1", memory: "1Gi" } } },
            }),
            expect: { policy: LIMITS, message: "has no limits.cpu or limits.memory" },
        },
        {
            stack: prod,
            edit: add("an image from Docker Hub", "wrong-value", { set: { "containers[0].image": `docker.io/library/nginx${DIGEST}` } }),
            expect: { policy: REGISTRY, message: "from an untrusted registry; trusted registries are" },
        },
        {
            stack: prod,
            edit: add("no image", "unset", { unset: ["containers[0].image"] }),
            expect: { policy: REGISTRY, message: 'uses image "" from an untrusted registry' },
        },
        {
            stack: prod,
            edit: add("an image by tag", "wrong-value", { set: { "containers[0].image": `${stacks.registry.prod}team/app:1.4.2` } }),
            expect: { policy: DIGEST_POLICY, message: "reference it as <image>@sha256:<digest>" },
        },
        {
            stack: prod,
            edit: add("an image without tag or digest", "unset", { set: { "containers[0].image": `${stacks.registry.prod}team/app` } }),
            expect: { policy: DIGEST_POLICY, message: "is not pinned by digest" },
        },
        {
            stack: dev,
            edit: add("an image by tag in dev", "wrong-value", { set: { "containers[0].image": `${stacks.registry.dev}team/app:1.4.2` } }),
            expect: "compliant",
            note: "digests are advisory in dev's pack config",
        },
        {
            stack: prod,
            edit: add("imagePullPolicy IfNotPresent", "wrong-value", { set: { "containers[0].imagePullPolicy": "IfNotPresent" } }),
            expect: { policy: PULL, message: "set imagePullPolicy to Always" },
        },
        {
            stack: prod,
            edit: add("imagePullPolicy unset", "unset", { unset: ["containers[0].imagePullPolicy"] }),
            expect: { policy: PULL, message: "has imagePullPolicy unset" },
        },

        // HC-NET-05: Services.
        {
            stack: prod,
            edit: addResource("a LoadBalancer Service", "wrong-value", () => service("public", { type: "LoadBalancer" })),
            expect: { policy: EXTERNAL, message: "use ClusterIP behind the platform ingress" },
        },
        {
            stack: prod,
            edit: addResource("a NodePort Service", "wrong-value", () => service("nodeport", { type: "NodePort" })),
            expect: { policy: EXTERNAL, message: "has type NodePort" },
        },
        {
            stack: prod,
            edit: addResource("a ClusterIP Service", "wrong-value", () => service("internal", { type: "ClusterIP" })),
            expect: "compliant",
            judgedBy: EXTERNAL,
        },
        {
            stack: prod,
            edit: addResource("a LoadBalancer Service with a reviewed exception", "wrong-value", () =>
                service("partner", { type: "LoadBalancer" }, { [exceptionAnnotationKey("HC-NET-05")]: validException() }),
            ),
            expect: "compliant",
        },
        {
            stack: prod,
            edit: addResource("a Service with externalIPs (CVE-2020-8554)", "wrong-value", () =>
                service("hijack", { externalIPs: ["8.8.8.8"] }),
            ),
            expect: {
                policy: "kubernetes-service-deny-external-ips",
                message: "Service payments/hijack sets externalIPs 8.8.8.8, so every",
            },
        },

        // HC-ISO-01/02/03 and HC-SA-01: the tenant namespace.
        {
            stack: prod,
            edit: set(tenantNamespace, ENFORCE, "privileged"),
            expect: { policy: PSA, message: "set pod-security.kubernetes.io/enforce to restricted" },
        },
        {
            stack: prod,
            edit: unset(tenantNamespace, ENFORCE),
            expect: { policy: PSA, message: "has no pod-security.kubernetes.io/enforce label; set it to restricted" },
        },
        {
            stack: prod,
            edit: set(tenantNamespace, ENFORCE, "strict"),
            expect: { policy: PSA, message: "not a Pod Security level; set it to restricted" },
        },
        {
            stack: prod,
            edit: set(tenantNamespace, ENFORCE, "baseline"),
            expect: {
                policy: "kubernetes-namespace-require-psa-enforce",
                message: "Namespace payments is a tenant namespace and enforces only",
            },
            note: "PSA baseline on a tenant namespace",
        },
        {
            stack: prod,
            edit: addResource("a teammate's raw Namespace with nothing else", "unset", () => object(NS, "Namespace", "v1", "scratch", {})),
            expect: { policy: DEFAULT_DENY, message: "Namespace scratch has no default-deny NetworkPolicy for Ingress and Egress" },
        },
        {
            stack: prod,
            edit: removeResource(defaultDeny),
            expect: { policy: DEFAULT_DENY, message: "add one with podSelector {} and policyTypes [Ingress, Egress] and no rules" },
        },
        {
            stack: prod,
            edit: set(defaultDeny, "spec.policyTypes", ["Ingress"]),
            expect: { policy: DEFAULT_DENY, message: "has no default-deny NetworkPolicy for Egress" },
        },
        {
            stack: prod,
            edit: set(defaultDeny, "spec.ingress", [{}]),
            expect: { policy: DEFAULT_DENY, message: "has no default-deny NetworkPolicy for Ingress" },
        },
        {
            stack: prod,
            edit: set(defaultDeny, "spec.podSelector", { matchLabels: { app: "api" } }),
            expect: { policy: DEFAULT_DENY, message: "for Ingress and Egress" },
        },
        {
            stack: prod,
            edit: addResource("a NetworkPolicy admitting 0.0.0.0/0", "wrong-value", () =>
                networkPolicy("from-internet", {
                    podSelector: {},
                    policyTypes: ["Ingress"],
                    ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }],
                }),
            ),
            expect: {
                policy: "kubernetes-networkpolicy-deny-open-rules",
                message: "NetworkPolicy payments/from-internet opens the namespace:",
            },
        },
        {
            stack: prod,
            edit: addResource("a NetworkPolicy admitting every namespace", "wrong-value", () =>
                networkPolicy("from-all-namespaces", {
                    podSelector: {},
                    policyTypes: ["Ingress"],
                    ingress: [{ from: [{ namespaceSelector: {} }] }],
                }),
            ),
            expect: { policy: "kubernetes-networkpolicy-deny-open-rules", message: "NetworkPolicy payments/from-all-namespaces opens the" },
        },
        {
            stack: prod,
            edit: addResource("a NetworkPolicy allowing all egress", "wrong-value", () =>
                networkPolicy("all-egress", { podSelector: {}, policyTypes: ["Egress"], egress: [{}] }),
            ),
            expect: {
                policy: "kubernetes-networkpolicy-deny-open-rules",
                message: "NetworkPolicy payments/all-egress opens the namespace:",
            },
        },
        {
            stack: prod,
            edit: addResource("a NetworkPolicy admitting one namespace to one app", "wrong-value", () =>
                networkPolicy("from-ingress", {
                    podSelector: { matchLabels: { app: "api" } },
                    policyTypes: ["Ingress"],
                    ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress" } } }] }],
                }),
            ),
            expect: "compliant",
            judgedBy: DEFAULT_DENY,
        },
        { stack: prod, edit: removeResource(quota), expect: { policy: QUOTA, message: "has no ResourceQuota; add one with hard limits" } },
        {
            stack: prod,
            edit: set(quota, "spec.hard", {}),
            expect: { policy: QUOTA, message: "add one with hard limits for cpu, memory and pods" },
        },
        { stack: prod, edit: set(quota, "spec.hard.pods", "400"), expect: "compliant", judgedBy: QUOTA },
        {
            stack: prod,
            edit: set(defaultServiceAccount, "automountServiceAccountToken", true),
            expect: { policy: AUTOMOUNT, message: "automountServiceAccountToken true; set it to false" },
        },
        {
            stack: prod,
            edit: unset(defaultServiceAccount, "automountServiceAccountToken"),
            expect: { policy: AUTOMOUNT, message: "unset (true); set it to false" },
        },

        {
            stack: prod,
            edit: removeResource(tenantLimits),
            expect: "gap",
            gap: "Workload defaults",
            note: "containers without limits get none by default",
        },
        {
            stack: prod,
            edit: unset(sameNamespace, "spec.ingress[0].from"),
            expect: { policy: "kubernetes-networkpolicy-deny-open-rules", message: "opens the namespace" },
            note: "an ingress rule without from admits every source",
        },
        {
            stack: prod,
            edit: set(sameNamespace, "spec.ingress", [{ from: [{ namespaceSelector: {} }] }]),
            expect: {
                policy: "kubernetes-networkpolicy-deny-open-rules",
                message: "NetworkPolicy payments/allow-same-namespace opens the",
            },
        },
        {
            stack: prod,
            edit: unset(runtimeNamespace, 'metadata.labels["hardened-cluster.io/platform"]'),
            expect: { policy: DEFAULT_DENY, message: "Namespace falco has no default-deny NetworkPolicy" },
            note: "a namespace that is not labelled as the platform's is judged as a tenant's",
        },

        // HC-RBAC-01/02: roles and bindings.
        {
            stack: prod,
            edit: addResource('a ClusterRole with verbs ["*"]', "wrong-value", () =>
                clusterRole("ops", [{ apiGroups: [""], resources: ["pods"], verbs: ["*"] }]),
            ),
            expect: { policy: WILDCARD, message: 'has "*" in verbs; list the exact verbs' },
        },
        {
            stack: prod,
            edit: addResource('a Role with resources ["*"]', "wrong-value", () =>
                role("ops", [{ apiGroups: [""], resources: ["*"], verbs: ["get"] }]),
            ),
            expect: { policy: WILDCARD, message: "Role payments/ops rule 1" },
        },
        {
            stack: prod,
            edit: addResource('a Role with apiGroups ["*"]', "wrong-value", () =>
                role("ops-groups", [{ apiGroups: ["*"], resources: ["deployments"], verbs: ["get"] }]),
            ),
            expect: { policy: WILDCARD, message: 'has "*" in apiGroups' },
        },
        {
            stack: prod,
            edit: addResource("a Role listing its verbs", "wrong-value", () =>
                role("reader", [{ apiGroups: [""], resources: ["pods", "pods/log"], verbs: ["get", "list", "watch"] }]),
            ),
            expect: "compliant",
            judgedBy: WILDCARD,
        },
        {
            stack: prod,
            edit: addResource("a Role rule without verbs", "unset", () => role("no-verbs", [{ apiGroups: [""], resources: ["pods"] }])),
            expect: "compliant",
            judgedBy: WILDCARD,
            note: "a rule without verbs grants nothing (the API rejects it); unset is never a wildcard",
        },
        {
            stack: prod,
            edit: addResource("a teammate's cluster-admin binding for the developers", "wrong-value", () =>
                clusterRoleBinding("devs-admin", "cluster-admin", [group("hardened:developers")]),
            ),
            expect: { policy: CLUSTER_ADMIN, message: "not listed in adminGroups" },
        },
        {
            stack: prod,
            edit: addResource("a cluster-admin binding for a ServiceAccount", "wrong-value", () =>
                clusterRoleBinding("ci-admin", "cluster-admin", [{ kind: "ServiceAccount", name: "ci", namespace: TENANT }]),
            ),
            expect: { policy: CLUSTER_ADMIN, message: "only the platform admin groups may hold cluster-admin" },
        },
        {
            stack: prod,
            edit: addResource("a RoleBinding of cluster-admin in a tenant namespace", "wrong-value", () =>
                object(
                    "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
                    "RoleBinding",
                    `${RBAC}/v1`,
                    "ns-admin",
                    {
                        roleRef: { apiGroup: RBAC, kind: "ClusterRole", name: "cluster-admin" },
                        subjects: [group("hardened:tenant:payments:editors")],
                    },
                    TENANT,
                ),
            ),
            expect: { policy: CLUSTER_ADMIN, message: "bind the admin, edit or view ClusterRole instead" },
        },
        {
            stack: prod,
            edit: set(adminsBinding, "subjects[0].kind", "User"),
            expect: { policy: CLUSTER_ADMIN, message: "grants cluster-admin to User" },
        },
        {
            stack: prod,
            edit: unset(adminsBinding, "subjects[0].kind"),
            expect: { policy: CLUSTER_ADMIN, message: "grants cluster-admin to ? " },
        },
        {
            stack: prod,
            edit: addResource("a view binding for the platform admins", "wrong-value", () =>
                clusterRoleBinding("admins-view", "view", [group("hardened:platform-admins")]),
            ),
            expect: "compliant",
            judgedBy: CLUSTER_ADMIN,
        },
        {
            stack: prod,
            edit: set(
                adminsBinding,
                "subjects",
                (subjects) => [...(subjects as Inputs[]), group("hardened:tenant:payments:editors")],
                "+ a tenant group",
            ),
            expect: { policy: "kubernetes-rbac-restrict-cluster-admin", message: "ClusterRoleBinding hardened-platform-admins grants" },
            note: "the baseline's own binding may grant any group cluster-admin: the rule judges where the binding was registered, not who is granted",
        },
        {
            stack: prod,
            edit: set(tenantEditors, "roleRef.name", "admin"),
            expect: {
                policy: "kubernetes-rbac-deny-escalating-bindings",
                message: "RoleBinding payments/tenant-editors binds ClusterRole",
            },
            note: "admin may edit Roles and RoleBindings in the namespace",
        },
        {
            stack: prod,
            edit: set(viewersBinding, "roleRef.name", "edit"),
            expect: { policy: "kubernetes-rbac-deny-escalating-bindings", message: "ClusterRoleBinding hardened-platform-viewers binds" },
            note: "the platform viewers may now change every namespace",
        },
        {
            stack: prod,
            edit: grant("escalate", [{ apiGroups: [RBAC], resources: ["clusterroles"], verbs: ["escalate", "bind"] }]),
            expect: {
                policy: "kubernetes-rbac-deny-escalation-rules",
                message: "ClusterRole escalate grants privilege escalation: escalate",
            },
        },
        {
            stack: prod,
            edit: grant("impersonate", [{ apiGroups: [""], resources: ["users", "groups", "serviceaccounts"], verbs: ["impersonate"] }]),
            expect: { policy: "kubernetes-rbac-deny-escalation-rules", message: "ClusterRole impersonate grants privilege escalation:" },
        },
        {
            stack: prod,
            edit: grant("read-secrets", [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }]),
            expect: { policy: "kubernetes-rbac-deny-escalating-bindings", message: "ClusterRoleBinding read-secrets binds ClusterRole" },
        },
        {
            stack: prod,
            edit: grant("node-proxy", [{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get", "create"] }]),
            expect: { policy: "kubernetes-rbac-deny-escalation-rules", message: "ClusterRole node-proxy grants privilege escalation:" },
        },
        {
            stack: prod,
            edit: grant("exec", [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }]),
            expect: { policy: "kubernetes-rbac-deny-escalating-bindings", message: "ClusterRoleBinding exec binds ClusterRole exec" },
        },
        {
            stack: prod,
            edit: grant("tokens", [{ apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] }]),
            expect: {
                policy: "kubernetes-rbac-deny-escalation-rules",
                message: "ClusterRole tokens grants privilege escalation: create on",
            },
        },
        {
            stack: prod,
            edit: grant("csr-approver", [
                { apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests/approval"], verbs: ["update"] },
                { apiGroups: ["certificates.k8s.io"], resources: ["signers"], verbs: ["approve"] },
            ]),
            expect: {
                policy: "kubernetes-rbac-deny-escalation-rules",
                message: "ClusterRole csr-approver grants privilege escalation: CSR",
            },
        },
        {
            stack: prod,
            edit: addResource("a view binding for system:authenticated", "wrong-value", () =>
                clusterRoleBinding("everyone-view", "view", [group("system:authenticated")]),
            ),
            expect: {
                policy: "kubernetes-rbac-deny-broad-subjects",
                message: "ClusterRoleBinding everyone-view grants ClusterRole view to",
            },
        },
        {
            stack: prod,
            edit: addResource("a view binding for system:unauthenticated", "wrong-value", () =>
                clusterRoleBinding("anonymous-view", "view", [group("system:unauthenticated")]),
            ),
            expect: { policy: "kubernetes-rbac-deny-broad-subjects", message: "ClusterRoleBinding anonymous-view grants ClusterRole view" },
        },
        {
            stack: prod,
            edit: addResource("an edit binding for every ServiceAccount", "wrong-value", () =>
                clusterRoleBinding("sa-edit", "edit", [group("system:serviceaccounts")]),
            ),
            expect: {
                policy: "kubernetes-rbac-deny-broad-subjects",
                message: "ClusterRoleBinding sa-edit grants ClusterRole edit to Group",
            },
        },

        // HC-ADM-01: admission.
        {
            stack: prod,
            edit: set(podSecurityPolicy, "spec.failurePolicy", "Ignore"),
            expect: { policy: FAIL_CLOSED, message: "set failurePolicy to Fail so an evaluation error rejects the request" },
        },
        {
            stack: prod,
            edit: unset(podSecurityPolicy, "spec.failurePolicy"),
            expect: "compliant",
            judgedBy: FAIL_CLOSED,
            note: "unset is Fail",
        },
        {
            stack: prod,
            edit: set(podSecurityBinding, "spec.validationActions", ["Warn"]),
            expect: { policy: FAIL_CLOSED, message: "set validationActions to [Deny]" },
        },
        {
            stack: prod,
            edit: set(podSecurityBinding, "spec.validationActions", ["Audit"]),
            expect: { policy: FAIL_CLOSED, message: "has validationActions [Audit]" },
        },
        {
            stack: prod,
            edit: unset(podSecurityBinding, "spec.validationActions"),
            expect: { policy: FAIL_CLOSED, message: "has validationActions []; set validationActions to [Deny]" },
        },
        {
            stack: dev,
            edit: set(podSecurityBinding, "spec.validationActions", ["Audit"]),
            expect: { policy: FAIL_CLOSED, message: "set validationActions to [Deny] (or Warn in dev)" },
            note: "dev allows Warn, not Audit alone",
        },
        { stack: dev, edit: set(podSecurityBinding, "spec.validationActions", ["Deny"]), expect: "compliant", judgedBy: FAIL_CLOSED },
        {
            stack: prod,
            edit: removeResource(podSecurityBinding),
            expect: {
                policy: "kubernetes-admission-require-tenant-coverage",
                message: "ValidatingAdmissionPolicy hardened-pod-security has no",
            },
            note: "the policy is no longer bound",
        },
        {
            stack: prod,
            edit: set(podSecurityPolicy, "spec.validations", []),
            expect: {
                policy: "kubernetes-admission-require-tenant-coverage",
                message: "ValidatingAdmissionPolicy hardened-pod-security has no",
            },
        },
        {
            stack: prod,
            edit: set(podSecurityBinding, "spec.matchResources.namespaceSelector", { matchLabels: { "hardened-cluster.io/none": "true" } }),
            expect: {
                policy: "kubernetes-admission-require-tenant-coverage",
                message: "ValidatingAdmissionPolicy hardened-pod-security does not",
            },
            note: "a selector that matches no namespace",
        },
        {
            stack: prod,
            edit: unset(tenantNamespace, 'metadata.labels["hardened-cluster.io/tenant"]'),
            expect: {
                policy: "kubernetes-admission-require-tenant-coverage",
                message: "ValidatingAdmissionPolicy hardened-pod-security does not",
            },
            note: "the namespace leaves the admission policies' selector",
        },
        {
            stack: prod,
            edit: addResource("a ValidatingWebhookConfiguration with failurePolicy Ignore", "wrong-value", () =>
                object(
                    "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration",
                    "ValidatingWebhookConfiguration",
                    "admissionregistration.k8s.io/v1",
                    "teammate-webhook",
                    {
                        webhooks: [
                            {
                                name: "check.example.com",
                                failurePolicy: "Ignore",
                                sideEffects: "None",
                                admissionReviewVersions: ["v1"],
                                clientConfig: { service: { name: "check", namespace: TENANT } },
                            },
                        ],
                    },
                ),
            ),
            expect: {
                policy: "kubernetes-webhook-require-fail-closed",
                message: "ValidatingWebhookConfiguration teammate-webhook webhook",
            },
        },

        // HC-DATA-01: the default StorageClass.
        {
            stack: prod,
            edit: set(storageClass, "provisioner", "nfs.csi.k8s.io"),
            expect: { policy: STORAGE, message: "whose encryption this policy cannot check" },
        },
        { stack: prod, edit: unset(storageClass, "provisioner"), expect: { policy: STORAGE, message: 'uses provisioner "(none)"' } },

        // HC-RUN-02: Falco.
        {
            stack: prod,
            edit: removeResource(falco),
            expect: { policy: RUNTIME, message: "set hardened-cluster:baseline.runtimeDefence to true" },
        },
        { stack: prod, edit: unset(falco, "version"), expect: { policy: RUNTIME, message: "pin the falco chart version" } },
        { stack: prod, edit: set(falco, "version", "latest"), expect: { policy: RUNTIME, message: 'version "latest"' } },
        {
            stack: prod,
            edit: set(falco, "repositoryOpts.repo", "http://falcosecurity.github.io/charts"),
            expect: {
                policy: "kubernetes-helm-release-require-trusted-chart",
                message: "Release platform-prod-baseline-runtime-falco (chart",
            },
            note: "a chart over plain HTTP",
        },
        {
            stack: prod,
            edit: addResource("a teammate's Helm release from an untrusted repository, unpinned", "unset", () => ({
                type: RELEASE,
                name: "teammate-redis",
                props: { chart: "redis", namespace: TENANT, repositoryOpts: { repo: "https://charts.example.net" }, values: {} },
            })),
            expect: { policy: "kubernetes-helm-release-require-trusted-chart", message: "Release teammate-redis (chart" },
        },

        // HC-GOV-01: exceptions carried as annotations.
        {
            stack: prod,
            edit: set(runtimeNamespace, `metadata.annotations["${exceptionAnnotationKey("HC-ISO-01")}"]`, EXPIRED_EXCEPTION),
            expect: { policy: EXCEPTIONS, message: "expired exception" },
        },
        {
            stack: prod,
            edit: set(runtimeNamespace, `metadata.annotations["${exceptionAnnotationKey("HC-ISO-01")}"]`, EXPIRED_EXCEPTION),
            expect: { policy: PSA, message: "exception not applied" },
        },
        {
            stack: prod,
            edit: set(runtimeNamespace, `metadata.annotations["${exceptionAnnotationKey("HC-ISO-01")}"]`, exceptionWithoutApprover()),
            probe: "unset",
            expect: { policy: EXCEPTIONS, message: 'must read "expires=YYYY-MM-DD approver=<who> reason=<why>"' },
            note: "the approver is missing",
        },
        {
            stack: prod,
            edit: set(tenantNamespace, `metadata.annotations["${exceptionAnnotationKey("HC-NOPE-01")}"]`, validException()),
            expect: { policy: EXCEPTIONS, message: 'names no known control ("HC-NOPE-01")' },
        },
    ];

    if (stacks.signatures === "policy-controller") {
        rows.push(
            { stack: prod, edit: removeResource(imagePolicy), expect: { policy: SIGNATURES, message: "a ClusterImagePolicy missing" } },
            {
                stack: prod,
                edit: removeResource(policyController),
                expect: { policy: SIGNATURES, message: "a policy-controller Helm release missing" },
            },
            {
                stack: prod,
                edit: set(imagePolicy, "spec.mode", "warn"),
                expect: { policy: SIGNATURES, message: "is in warn mode; set mode to enforce" },
            },
            {
                stack: prod,
                edit: set(imagePolicy, "spec.authorities", []),
                expect: { policy: SIGNATURES, message: "lists no authorities; add keyless identities or public keys" },
            },
            {
                stack: prod,
                edit: unset(policyController, "version"),
                expect: { policy: SIGNATURES, message: "pin the policy-controller chart version" },
            },
            { stack: dev, edit: set(imagePolicy, "spec.authorities", []), expect: { policy: SIGNATURES, message: "lists no authorities" } },
            { stack: dev, edit: set(imagePolicy, "spec.mode", "enforce"), expect: "compliant", judgedBy: SIGNATURES },
            {
                stack: prod,
                edit: unset(imagePolicy, "spec.authorities[0].keyless.identities"),
                expect: {
                    policy: "kubernetes-imagepolicy-deny-any-signer",
                    message: "ClusterImagePolicy hardened-signed-images accepts images",
                },
                note: "any Sigstore signer is accepted in prod",
            },
            {
                stack: prod,
                edit: set(imagePolicy, "spec.authorities[0].keyless.identities", [
                    { issuer: "https://token.actions.githubusercontent.com", subjectRegExp: ".*" },
                ]),
                expect: { policy: "kubernetes-imagepolicy-deny-any-signer", message: "accepts strangers" },
                note: "any GitHub Actions workflow of any repository may sign",
            },
            {
                stack: prod,
                edit: set(imagePolicy, "spec.images", [{ glob: "example.com/**" }]),
                expect: {
                    policy: "kubernetes-stack-require-image-signature-verification",
                    message: "ValidatingAdmissionPolicy hardened-image-provenance admits",
                },
                note: "the policy no longer covers the images that run",
            },
            {
                stack: prod,
                edit: set(policyController, "values.webhook.failurePolicy", "Ignore"),
                expect: { policy: "kubernetes-webhook-require-fail-closed", message: "Release platform-pro" },
                note: "the signature controller's own webhook fails open (set through the chart's values)",
            },
        );
    } else {
        rows.push(
            {
                stack: prod,
                edit: set(gkeCluster, "binaryAuthorization.evaluationMode", "DISABLED"),
                expect: { policy: SIGNATURES, message: "verifies no image signatures" },
            },
            {
                stack: prod,
                edit: unset(gkeCluster, "binaryAuthorization"),
                expect: { policy: SIGNATURES, message: "or on GKE enforce Binary Authorization with a policy that requires attestations" },
            },
            {
                stack: prod,
                edit: set(gkePolicy, "defaultAdmissionRule.evaluationMode", "ALWAYS_DENY"),
                expect: { policy: SIGNATURES, message: "requires no attestor" },
                note: "a registry allow-list verifies no signature",
            },
            {
                stack: prod,
                edit: unset(gkePolicy, "defaultAdmissionRule.requireAttestationsBies"),
                expect: { policy: SIGNATURES, message: "requires no attestor" },
            },
        );
    }
    return rows;
}

/** EBS StorageClass rows (AWS only: GCE PD and Azure Disk are always encrypted). */
export function ebsStorageRows(prod: string): MutationRow[] {
    return [
        {
            stack: prod,
            edit: set(storageClass, "parameters.encrypted", "false"),
            expect: { policy: STORAGE, message: 'set parameters.encrypted to "true" and kmsKeyId to the cluster key' },
        },
        {
            stack: prod,
            edit: unset(storageClass, "parameters.encrypted"),
            expect: { policy: STORAGE, message: "has parameters.encrypted null" },
        },
    ];
}

const PEER_AUTHENTICATION = "kubernetes:security.istio.io/v1:PeerAuthentication";
const meshWideMtls = target(PEER_AUTHENTICATION, "-mesh-strict-mtls");
const PLAINTEXT = "kubernetes-peerauthentication-deny-plaintext";
const STRICT_MTLS = "kubernetes-stack-require-strict-mtls";
const AUTHORIZATION_POLICY = "kubernetes:security.istio.io/v1:AuthorizationPolicy";
const paymentsMeshAuthorization = target(AUTHORIZATION_POLICY, "-tenant-payments-mesh-authorization");
const searchMeshAuthorization = target(AUTHORIZATION_POLICY, "-tenant-search-mesh-authorization");
const CROSS_TENANT = "kubernetes-authorizationpolicy-deny-cross-tenant";
const MESH_AUTHORIZATION = "kubernetes-stack-require-mesh-authorization";

/** HC-NET-07 rows for the stacks whose hand-over says istio-ambient (EKS and AKS prod: encryption on by default). */
export function ambientMeshRows(prod: string): MutationRow[] {
    return [
        {
            stack: prod,
            edit: set(meshWideMtls, "spec.mtls.mode", "PERMISSIVE"),
            expect: {
                policy: PLAINTEXT,
                message: "sets mtls.mode PERMISSIVE, which accepts unencrypted traffic between pods; set it to STRICT",
            },
        },
        {
            stack: prod,
            edit: set(meshWideMtls, "spec.mtls.mode", "DISABLE"),
            expect: { policy: STRICT_MTLS, message: "without a mesh-wide STRICT PeerAuthentication" },
        },
        {
            stack: prod,
            edit: unset(meshWideMtls, "spec.mtls.mode"),
            expect: { policy: STRICT_MTLS, message: "(mode null), so meshed pods still accept plaintext" },
        },
        {
            stack: prod,
            edit: removeResource(meshWideMtls),
            expect: { policy: STRICT_MTLS, message: "add PeerAuthentication default in istio-system with spec.mtls.mode STRICT" },
        },
        {
            stack: prod,
            edit: addResource("a tenant namespace opting out of STRICT mTLS", "wrong-value", () => ({
                type: PEER_AUTHENTICATION,
                name: "payments-plaintext",
                props: {
                    apiVersion: "security.istio.io/v1",
                    kind: "PeerAuthentication",
                    metadata: { name: "plaintext", namespace: TENANT },
                    spec: { mtls: { mode: "DISABLE" } },
                },
            })),
            expect: { policy: PLAINTEXT, message: "PeerAuthentication payments/plaintext sets mtls.mode DISABLE" },
        },
        {
            stack: prod,
            edit: set(paymentsMeshAuthorization, "spec.rules[0].from[0].source.namespaces", ["payments", "search"]),
            expect: {
                policy: CROSS_TENANT,
                message: 'admits peers of other namespaces (rules[0].from[0].source.namespaces admits ["search"]); set every rule',
            },
        },
        {
            stack: prod,
            edit: unset(paymentsMeshAuthorization, "spec.rules[0].from"),
            expect: { policy: CROSS_TENANT, message: "rules[0] has no from, so it admits every source" },
        },
        {
            stack: prod,
            edit: removeResource(searchMeshAuthorization),
            expect: { policy: MESH_AUTHORIZATION, message: "Namespace search has no namespace-wide ALLOW AuthorizationPolicy" },
        },
        {
            stack: prod,
            edit: set(searchMeshAuthorization, "spec.action", "DENY"),
            expect: { policy: MESH_AUTHORIZATION, message: 'add one with from.source.namespaces ["search"]' },
        },
    ];
}

const EC2_NODE_CLASS = "kubernetes:karpenter.k8s.aws/v1:EC2NodeClass";
const NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";
const CLUSTER_KEY = "arn:aws:kms:eu-west-1:123456789012:key/cluster";

/** A hardened Karpenter v1 EC2NodeClass with one field changed (`undefined` removes it). */
function nodeClass(label: string, probe: Probe, change: Record<string, unknown>) {
    return addResource(`a Karpenter EC2NodeClass with ${label}`, probe, () => {
        const spec: Record<string, unknown> = {
            amiSelectorTerms: [{ alias: "bottlerocket@v1.40.0" }],
            role: "platform-karpenter-node",
            subnetSelectorTerms: [{ tags: { "kubernetes.io/role/internal-elb": "1" } }],
            securityGroupSelectorTerms: [{ tags: { "karpenter.sh/discovery": "platform" } }],
            metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 },
            blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: "20Gi", encrypted: true, kmsKeyID: CLUSTER_KEY } }],
        };
        for (const [key, value] of Object.entries(change)) {
            if (value === undefined) delete spec[key];
            else spec[key] = value;
        }
        return {
            type: EC2_NODE_CLASS,
            name: "karpenter-default",
            props: { apiVersion: "karpenter.k8s.aws/v1", kind: "EC2NodeClass", metadata: { name: "default" }, spec: spec as Inputs },
        };
    });
}

const IMDS = "kubernetes-ec2nodeclass-require-imdsv2";
const NODE_VOLUMES = "kubernetes-ec2nodeclass-require-encrypted-volumes";
const PUBLIC_SUBNETS = "kubernetes-ec2nodeclass-deny-public-subnets";
const EXPIRY = "kubernetes-nodepool-require-expiry";

/** Karpenter objects a teammate applies on EKS (issue 14): autoscaler-created nodes keep the node controls. */
export function karpenterRows(prod: string): MutationRow[] {
    return [
        {
            stack: prod,
            edit: nodeClass("IMDSv1 allowed", "wrong-value", { metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 } }),
            expect: { policy: IMDS, message: 'httpTokens is "optional"' },
        },
        {
            stack: prod,
            edit: nodeClass("no metadataOptions", "unset", { metadataOptions: undefined }),
            expect: { policy: IMDS, message: 'set httpTokens "required" and httpPutResponseHopLimit 1' },
        },
        {
            stack: prod,
            edit: nodeClass("an unencrypted root volume", "wrong-value", {
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { volumeSize: "20Gi", encrypted: false } }],
            }),
            expect: { policy: NODE_VOLUMES, message: "blockDeviceMappings /dev/xvda has ebs.encrypted false; set encrypted true" },
        },
        {
            stack: prod,
            edit: nodeClass("no blockDeviceMappings", "unset", { blockDeviceMappings: undefined }),
            expect: { policy: NODE_VOLUMES, message: "maps no block device" },
        },
        {
            stack: prod,
            edit: nodeClass("public IP addresses", "wrong-value", { associatePublicIPAddress: true }),
            expect: {
                policy: PUBLIC_SUBNETS,
                message: "sets associatePublicIPAddress true, so its nodes get public addresses; set it to false",
            },
        },
        {
            stack: prod,
            edit: nodeClass("subnets found by a discovery tag alone", "wrong-value", {
                subnetSelectorTerms: [{ tags: { "karpenter.sh/discovery": "platform" } }],
            }),
            expect: { policy: PUBLIC_SUBNETS, message: "may match public subnets; add the tag kubernetes.io/role/internal-elb" },
        },
        {
            stack: prod,
            edit: nodeClass("no subnetSelectorTerms", "unset", { subnetSelectorTerms: undefined }),
            expect: { policy: PUBLIC_SUBNETS, message: "has no subnetSelectorTerms" },
        },
        {
            stack: prod,
            edit: addResource("a Karpenter NodePool whose nodes never expire", "wrong-value", () => ({
                type: NODE_POOL,
                name: "karpenter-general",
                props: {
                    apiVersion: "karpenter.sh/v1",
                    kind: "NodePool",
                    metadata: { name: "general" },
                    spec: {
                        template: {
                            spec: {
                                nodeClassRef: { group: "karpenter.k8s.aws", kind: "EC2NodeClass", name: "default" },
                                expireAfter: "Never",
                            },
                        },
                    },
                },
            })),
            expect: { policy: EXPIRY, message: 'expireAfter "Never", so its nodes may run unpatched' },
        },
        {
            stack: prod,
            edit: nodeClass("every node control kept", "wrong-value", {}),
            expect: "compliant",
            judgedBy: IMDS,
            note: "the hardened node class the other rows start from",
        },
    ];
}

const SECRET_PROVIDER_CLASS = "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass";
const SECRET_SYNC = "kubernetes-secretproviderclass-deny-secret-sync";
const SECRET_NODE_IDENTITY = "kubernetes-secretproviderclass-deny-node-identity";

/** A SecretProviderClass a tenant's team adds in its namespace (HC-IAM-06). */
function secretProviderClass(label: string, spec: Inputs) {
    return addResource(`a SecretProviderClass ${label}`, "wrong-value", () => ({
        type: SECRET_PROVIDER_CLASS,
        name: "payments-app-secrets",
        props: {
            apiVersion: "secrets-store.csi.x-k8s.io/v1",
            kind: "SecretProviderClass",
            metadata: { name: "app", namespace: TENANT },
            spec,
        },
    }));
}

/** Workload-secret rows (issue 14), the same on every cloud: the classes are cloud-neutral objects. */
export function secretProviderClassRows(prod: string): MutationRow[] {
    return [
        {
            stack: prod,
            edit: secretProviderClass("syncing into a Kubernetes Secret", {
                provider: "aws",
                parameters: { usePodIdentity: "true", objects: '- objectName: "payments/db"' },
                secretObjects: [{ secretName: "db", type: "Opaque", data: [{ objectName: "payments/db", key: "password" }] }],
            }),
            expect: { policy: SECRET_SYNC, message: "syncs cloud secrets into Kubernetes Secrets" },
        },
        {
            stack: prod,
            edit: secretProviderClass("reading as the node's managed identity", {
                provider: "azure",
                parameters: { useVMManagedIdentity: "true", keyvaultName: "payments", tenantId: "t" },
            }),
            expect: { policy: SECRET_NODE_IDENTITY, message: "reads Key Vault as the node's managed identity" },
        },
        {
            stack: prod,
            edit: secretProviderClass("mounted as files through the pod's identity", {
                provider: "gcp",
                parameters: { auth: "pod-adc", secrets: "- resourceName: projects/p/secrets/payments-db/versions/latest" },
            }),
            expect: "compliant",
            judgedBy: SECRET_SYNC,
        },
    ];
}
