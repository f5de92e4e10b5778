import * as k8s from "@pulumi/kubernetes";
import { CapturedResource } from "../harness";
import { passes, violations } from "../harness/policies";
import { assertApiValid, capture, edit, messages, statusesOf, unknownAt } from "./edits";
import { runBaseline, testConfig } from "./fixture";
import { evaluate } from "./policy-helpers";

const RBAC = "rbac.authorization.k8s.io";
const clusterRole = (name: string) => ({ apiGroup: RBAC, kind: "ClusterRole", name });
const group = (name: string) => ({ apiGroup: RBAC, kind: "Group", name });
const ADMINS = { adminGroups: ["platform:admins"] };

let prod: CapturedResource[];
beforeAll(async () => {
    prod = (await runBaseline(testConfig())).resources;
});

/** Objects added outside the baseline, checked to be objects the API server would accept. */
async function added(build: () => void): Promise<CapturedResource[]> {
    const resources = await capture(build);
    expect(resources.length).toBeGreaterThan(0);
    assertApiValid(resources);
    return resources;
}

describe("kubernetes-rbac-restrict-cluster-admin (HC-RBAC-02): who holds cluster-admin, from the pack config", () => {
    const NAME = "kubernetes-rbac-restrict-cluster-admin";

    test("the baseline passes with its admin group configured; every binding is judged", async () => {
        const outcomes = await evaluate(NAME, prod, ADMINS);
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, NAME)).toHaveLength(7);
    });

    test("wrong value: the admin binding's group changed to a team", async () => {
        const outcomes = await evaluate(NAME, edit(prod, "test-baseline-rbac-admins", "subjects.0.name", "team:payments"), ADMINS);
        expect(messages(outcomes)).toEqual([
            "[HC-RBAC-02] ClusterRoleBinding hardened-platform-admins grants cluster-admin to groups team:payments not listed in adminGroups (platform:admins); bind a narrower role, or add the group to adminGroups after review",
        ]);
    });

    test("the viewers' binding switched to cluster-admin is judged by its subjects, not by the component that registered it", async () => {
        const outcomes = await evaluate(NAME, edit(prod, "test-baseline-rbac-viewers", "roleRef.name", "cluster-admin"), ADMINS);
        expect(messages(outcomes)).toEqual([
            "[HC-RBAC-02] ClusterRoleBinding hardened-platform-viewers grants cluster-admin to groups platform:auditors not listed in adminGroups (platform:admins); bind a narrower role, or add the group to adminGroups after review",
        ]);
    });

    test("added outside the baseline: a patch of Kubernetes' own cluster-admin binding, a list item, a v1beta1 binding to a user", async () => {
        const resources = await added(() => {
            new k8s.rbac.v1.ClusterRoleBindingPatch("patch-builtin", {
                metadata: { name: "cluster-admin" },
                subjects: [group("team:search")],
            });
            new k8s.rbac.v1.RoleBindingList("list", {
                items: [
                    {
                        apiVersion: `${RBAC}/v1`,
                        kind: "RoleBinding",
                        metadata: { name: "break-glass", namespace: "search" },
                        roleRef: clusterRole("cluster-admin"),
                        subjects: [group("platform:admins")],
                    },
                ],
            });
            new k8s.rbac.v1beta1.ClusterRoleBinding("legacy", {
                metadata: { name: "legacy-admin" },
                roleRef: clusterRole("cluster-admin"),
                subjects: [{ apiGroup: RBAC, kind: "User", name: "jane@example.com" }],
            });
        });
        expect(messages(await evaluate(NAME, resources, ADMINS)).sort()).toEqual([
            "[HC-RBAC-02] ClusterRoleBinding cluster-admin grants cluster-admin to groups team:search not listed in adminGroups (platform:admins); bind a narrower role, or add the group to adminGroups after review",
            "[HC-RBAC-02] ClusterRoleBinding legacy-admin grants cluster-admin to User jane@example.com; only the platform admin groups may hold cluster-admin",
            "[HC-RBAC-02] RoleBinding search/break-glass grants cluster-admin inside a namespace; bind the admin, edit or view ClusterRole instead",
        ]);
    });

    test("a patch that sets subjects without naming its roleRef cannot be judged and is reported; one that names it is judged", async () => {
        const resources = await added(() => {
            new k8s.rbac.v1.ClusterRoleBindingPatch("blind", {
                metadata: { name: "hardened-platform-viewers" },
                subjects: [group("team:search")],
            });
            new k8s.rbac.v1.ClusterRoleBindingPatch("labels-only", {
                metadata: { name: "hardened-platform-viewers", labels: { owner: "platform" } },
            });
            new k8s.rbac.v1.ClusterRoleBindingPatch("named", {
                metadata: { name: "hardened-platform-admins" },
                roleRef: clusterRole("cluster-admin"),
                subjects: [group("platform:admins")],
            });
        });
        const outcomes = await evaluate(NAME, resources, ADMINS);
        expect(messages(outcomes)).toEqual([
            "[HC-RBAC-02] ClusterRoleBinding hardened-platform-viewers (a patch) sets subjects without naming its roleRef, so the grant cannot be judged; repeat the binding's roleRef in the patch",
        ]);
        expect(passes(outcomes, NAME)).toHaveLength(2);
    });

    test("unset: no adminGroups in the pack config refuses every cluster-admin binding (fail closed)", async () => {
        expect(messages(await evaluate(NAME, prod))).toEqual([
            "[HC-RBAC-02] ClusterRoleBinding hardened-platform-admins grants cluster-admin to groups platform:admins, but no adminGroups are configured: list the platform admin groups in the kubernetes-hardening pack config's adminGroups",
        ]);
    });

    test("compliant edit: a second admin group that the pack config lists passes", async () => {
        const stack = edit(prod, "test-baseline-rbac-admins", "subjects.1", group("platform:break-glass"));
        expect(violations(await evaluate(NAME, stack, { adminGroups: ["platform:admins", "platform:break-glass"] }))).toEqual([]);
    });

    test("preview: subjects not known yet are not evaluated, never passed", async () => {
        const outcomes = await evaluate(NAME, unknownAt(prod, "test-baseline-rbac-admins", "subjects"), ADMINS);
        expect(outcomes.find((o) => o.urn?.endsWith("::test-baseline-rbac-admins"))?.status).toBe("not-evaluated");
    });
});

describe("kubernetes-rbac-deny-broad-subjects (HC-RBAC-03)", () => {
    const NAME = "kubernetes-rbac-deny-broad-subjects";

    test("the baseline passes: every binding judged", async () => {
        const outcomes = await evaluate(NAME, prod);
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, NAME)).toHaveLength(7);
    });

    test.each([
        [
            "system:authenticated",
            "every authenticated identity (on GKE any Google account, on EKS and AKS any identity the cluster trusts)",
        ],
        ["system:unauthenticated", "every unauthenticated request"],
        ["system:serviceaccounts", "every service account of every namespace"],
    ])("wrong value: the auditors' binding given to Group %s", async (who, meaning) => {
        const outcomes = await evaluate(NAME, edit(prod, "test-baseline-rbac-viewers", "subjects.0.name", who));
        expect(messages(outcomes)).toEqual([
            `[HC-RBAC-03] ClusterRoleBinding hardened-platform-viewers grants ClusterRole view to Group ${who}, which is ${meaning}; bind named groups or service accounts instead`,
        ]);
    });

    test("added outside the baseline: anonymous user, another namespace's service accounts, a namespace's service accounts cluster-wide, a patch", async () => {
        const resources = await added(() => {
            new k8s.rbac.v1.RoleBinding("anon", {
                metadata: { name: "anon", namespace: "payments" },
                roleRef: clusterRole("view"),
                subjects: [{ apiGroup: RBAC, kind: "User", name: "system:anonymous" }],
            });
            new k8s.rbac.v1.RoleBinding("cross", {
                metadata: { name: "cross", namespace: "payments" },
                roleRef: clusterRole("view"),
                subjects: [group("system:serviceaccounts:search")],
            });
            new k8s.rbac.v1.ClusterRoleBinding("wide", {
                metadata: { name: "search-sa-view" },
                roleRef: clusterRole("view"),
                subjects: [group("system:serviceaccounts:search")],
            });
            new k8s.rbac.v1.RoleBindingPatch("patched", {
                metadata: { name: "tenant-viewers", namespace: "payments" },
                subjects: [group("system:authenticated")],
            });
        });
        expect(messages(await evaluate(NAME, resources)).sort()).toEqual([
            "[HC-RBAC-03] ClusterRoleBinding search-sa-view grants ClusterRole view cluster-wide to Group system:serviceaccounts:search, every service account of namespace search; bind the one service account that needs it, in the namespace where it needs it",
            "[HC-RBAC-03] RoleBinding payments/anon grants ClusterRole view to User system:anonymous, which is the anonymous user of every unauthenticated request; bind named groups or service accounts instead",
            "[HC-RBAC-03] RoleBinding payments/cross grants ClusterRole view in namespace payments to Group system:serviceaccounts:search, every service account of another namespace (search); bind the one service account that needs it",
            "[HC-RBAC-03] RoleBinding payments/tenant-viewers grants its role to Group system:authenticated, which is every authenticated identity (on GKE any Google account, on EKS and AKS any identity the cluster trusts); bind named groups or service accounts instead",
        ]);
    });

    test("Kubernetes' own discovery grants are not findings, but the same role to anonymous where Kubernetes does not grant it is", async () => {
        const resources = await added(() => {
            new k8s.rbac.v1.ClusterRoleBindingPatch("discovery", {
                metadata: { name: "system:discovery" },
                subjects: [group("system:authenticated")],
            });
            new k8s.rbac.v1.ClusterRoleBinding("public-info", {
                metadata: { name: "public-info" },
                roleRef: clusterRole("system:public-info-viewer"),
                subjects: [group("system:authenticated"), group("system:unauthenticated")],
            });
            new k8s.rbac.v1.ClusterRoleBinding("anon-discovery", {
                metadata: { name: "anon-discovery" },
                roleRef: clusterRole("system:discovery"),
                subjects: [group("system:unauthenticated")],
            });
        });
        const outcomes = await evaluate(NAME, resources);
        expect(messages(outcomes)).toEqual([
            "[HC-RBAC-03] ClusterRoleBinding anon-discovery grants ClusterRole system:discovery to Group system:unauthenticated, which is every unauthenticated request; bind named groups or service accounts instead",
        ]);
        expect(passes(outcomes, NAME)).toHaveLength(2);
    });

    test("compliant edit: a namespace's own service accounts granted view in that namespace pass", async () => {
        const resources = await added(() => {
            new k8s.rbac.v1.RoleBinding("own", {
                metadata: { name: "own-sa-view", namespace: "payments" },
                roleRef: clusterRole("view"),
                subjects: [group("system:serviceaccounts:payments")],
            });
        });
        expect(statusesOf(await evaluate(NAME, resources))).toEqual(["pass"]);
    });

    test("preview: unknown subjects are not evaluated", async () => {
        const outcomes = await evaluate(NAME, unknownAt(prod, "test-baseline-rbac-viewers", "subjects.0.name"));
        expect(outcomes.find((o) => o.urn?.endsWith("::test-baseline-rbac-viewers"))?.status).toBe("not-evaluated");
    });
});

describe("kubernetes-rbac-deny-escalation-rules (HC-RBAC-04): the role itself, bound or not", () => {
    const NAME = "kubernetes-rbac-deny-escalation-rules";

    test("the baseline's one role, the tenant editors' ClusterRole, passes", async () => {
        const outcomes = await evaluate(NAME, prod);
        expect(outcomes.map((o) => [o.status, o.urn?.split("::").pop()])).toEqual([["pass", "test-baseline-rbac-tenant-editor"]]);
    });

    test("added roles: escalate and bind, impersonate, nodes/proxy, token creation, CSR approval, wildcards", async () => {
        const resources = await added(() => {
            new k8s.rbac.v1.ClusterRole("rbac-manager", {
                metadata: { name: "rbac-manager" },
                rules: [
                    { apiGroups: [RBAC], resources: ["clusterroles"], verbs: ["get", "escalate"] },
                    { apiGroups: [RBAC], resources: ["rolebindings", "roles"], verbs: ["bind"], resourceNames: ["edit"] },
                ],
            });
            new k8s.rbac.v1.Role("impersonator", {
                metadata: { name: "impersonator", namespace: "payments" },
                rules: [
                    { apiGroups: [""], resources: ["serviceaccounts"], verbs: ["impersonate"] },
                    { apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] },
                ],
            });
            new k8s.rbac.v1.ClusterRole("kubelet-reader", {
                metadata: { name: "kubelet-reader" },
                rules: [{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }],
            });
            new k8s.rbac.v1.ClusterRole("csr-approver", {
                metadata: { name: "csr-approver" },
                rules: [
                    { apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests/approval"], verbs: ["update"] },
                    {
                        apiGroups: ["certificates.k8s.io"],
                        resources: ["signers"],
                        resourceNames: ["kubernetes.io/kube-apiserver-client"],
                        verbs: ["approve"],
                    },
                ],
            });
            new k8s.rbac.v1.ClusterRole("everything", {
                metadata: { name: "everything" },
                rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }],
            });
        });
        const found = messages(await evaluate(NAME, resources)).sort();
        expect(found).toEqual([
            "[HC-RBAC-04] ClusterRole csr-approver grants privilege escalation: CSR approval (issue client certificates, e.g. for system:masters) (rules 1, 2); remove these rights from the role",
            "[HC-RBAC-04] ClusterRole everything grants privilege escalation: escalate on roles (grant rights it does not hold) (rule 1); bind on roles (bind roles it does not hold) (rule 1); impersonate (act as another user, group or service account) (rule 1); nodes/proxy (the kubelet API of every node: exec, logs and more without admission) (rule 1); create on serviceaccounts/token (tokens of any service account) (rule 1); CSR approval (issue client certificates, e.g. for system:masters) (rule 1); remove these rights from the role",
            "[HC-RBAC-04] ClusterRole kubelet-reader grants privilege escalation: nodes/proxy (the kubelet API of every node: exec, logs and more without admission) (rule 1); remove these rights from the role",
            "[HC-RBAC-04] ClusterRole rbac-manager grants privilege escalation: escalate on roles (grant rights it does not hold) (rule 1); bind on roles (bind roles it does not hold) (rule 2); remove these rights from the role",
            "[HC-RBAC-04] Role payments/impersonator grants privilege escalation: impersonate (act as another user, group or service account) (rule 1); create on serviceaccounts/token (tokens of any service account) (rule 2); remove these rights from the role",
        ]);
    });

    test("a ClusterRole aggregated into view must not read Secrets or exec; a patch that sets rules is judged", async () => {
        const resources = await added(() => {
            new k8s.rbac.v1.ClusterRole("view-widener", {
                metadata: { name: "view-widener", labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" } },
                rules: [
                    { apiGroups: [""], resources: ["secrets"], verbs: ["list"] },
                    { apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] },
                ],
            });
            new k8s.rbac.v1.ClusterRolePatch("patched", {
                metadata: { name: "vendor-role" },
                rules: [{ apiGroups: [RBAC], resources: ["clusterroles"], verbs: ["bind"] }],
            });
        });
        expect(messages(await evaluate(NAME, resources)).sort()).toEqual([
            "[HC-RBAC-04] ClusterRole vendor-role grants privilege escalation: bind on roles (bind roles it does not hold) (rule 1); remove these rights from the role",
            "[HC-RBAC-04] ClusterRole view-widener aggregates into the built-in view role (label rbac.authorization.k8s.io/aggregate-to-view) and grants reading Secrets (rule 1) and exec, attach or port-forward into pods (rule 2), widening every view binding; remove these rules or the aggregation label",
        ]);
    });

    test("compliant: reading config, half of the CSR approval path, and a Secret reader meant to be bound per namespace pass", async () => {
        const resources = await added(() => {
            new k8s.rbac.v1.Role("config-reader", {
                metadata: { name: "config-reader", namespace: "payments" },
                rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }],
            });
            new k8s.rbac.v1.ClusterRole("csr-reader", {
                metadata: { name: "csr-reader" },
                rules: [{ apiGroups: ["certificates.k8s.io"], resources: ["certificatesigningrequests/approval"], verbs: ["update"] }],
            });
            new k8s.rbac.v1.ClusterRole("secret-reader", {
                metadata: { name: "secret-reader" },
                rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }],
            });
        });
        const outcomes = await evaluate(NAME, resources);
        expect(statusesOf(outcomes)).toEqual(["pass"]);
        expect(outcomes).toHaveLength(3);
    });

    test("unset rules grant nothing; preview: unknown rules are not evaluated", async () => {
        const resources = await added(() => {
            new k8s.rbac.v1.ClusterRole("empty", { metadata: { name: "empty" } });
        });
        expect(statusesOf(await evaluate(NAME, resources))).toEqual(["pass"]);
        expect(statusesOf(await evaluate(NAME, unknownAt(resources, "empty", "rules")))).toEqual(["not-evaluated"]);
    });
});

describe("kubernetes-rbac-deny-escalating-bindings (HC-RBAC-04): roles and bindings read together", () => {
    const NAME = "kubernetes-rbac-deny-escalating-bindings";

    test("the baseline passes (cluster-admin is the admin policy's; view reads no Secrets)", async () => {
        expect(statusesOf(await evaluate(NAME, prod))).toEqual(["pass"]);
    });

    test("wrong value: the auditors' cluster-wide binding switched from view to edit", async () => {
        const outcomes = await evaluate(NAME, edit(prod, "test-baseline-rbac-viewers", "roleRef.name", "edit"));
        expect(messages(outcomes)).toEqual([
            "[HC-RBAC-04] ClusterRoleBinding hardened-platform-viewers binds ClusterRole edit cluster-wide, so its subjects can read every Secret of the cluster and exec, attach or port-forward into every pod of the cluster; bind it with RoleBindings in the namespaces that need it",
        ]);
    });

    test("a Secret-reading ClusterRole: bound per namespace it passes, bound cluster-wide it fails; an unknown role cannot be judged", async () => {
        const role = await added(() => {
            new k8s.rbac.v1.ClusterRole("secret-reader", {
                metadata: { name: "secret-reader" },
                rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }],
            });
            new k8s.rbac.v1.RoleBinding("per-namespace", {
                metadata: { name: "read-secrets", namespace: "payments" },
                roleRef: clusterRole("secret-reader"),
                subjects: [group("team:payments")],
            });
        });
        expect(statusesOf(await evaluate(NAME, [...prod, ...role]))).toEqual(["pass"]);
        const wide = await added(() => {
            new k8s.rbac.v1.ClusterRoleBinding("everywhere", {
                metadata: { name: "read-secrets-everywhere" },
                roleRef: clusterRole("secret-reader"),
                subjects: [group("team:payments")],
            });
            new k8s.rbac.v1.ClusterRoleBinding("vendor", {
                metadata: { name: "vendor-operator" },
                roleRef: clusterRole("vendor-operator"),
                subjects: [{ kind: "ServiceAccount", name: "operator", namespace: "vendor" }],
            });
        });
        expect(messages(await evaluate(NAME, [...prod, ...role, ...wide])).sort()).toEqual([
            "[HC-RBAC-04] ClusterRoleBinding read-secrets-everywhere binds ClusterRole secret-reader cluster-wide, so its subjects can read every Secret of the cluster; bind it with RoleBindings in the namespaces that need it",
            "[HC-RBAC-04] ClusterRoleBinding vendor-operator binds ClusterRole vendor-operator cluster-wide, a role this stack does not define and that is not a built-in role, so what it grants cannot be checked; define the role in the stack, or bind it with RoleBindings in the namespaces that need it",
        ]);
    });

    test("edit, or an exec role, given to every service account of a namespace fails; view to them passes", async () => {
        const resources = await added(() => {
            new k8s.rbac.v1.Role("debugger", {
                metadata: { name: "debugger", namespace: "search" },
                rules: [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }],
            });
            new k8s.rbac.v1.RoleBinding("all-sa-edit", {
                metadata: { name: "all-sa-edit", namespace: "payments" },
                roleRef: clusterRole("edit"),
                subjects: [group("system:serviceaccounts:payments")],
            });
            new k8s.rbac.v1.RoleBinding("all-sa-debug", {
                metadata: { name: "all-sa-debug", namespace: "search" },
                roleRef: { apiGroup: RBAC, kind: "Role", name: "debugger" },
                subjects: [group("system:serviceaccounts:search")],
            });
            new k8s.rbac.v1.RoleBinding("all-sa-view", {
                metadata: { name: "all-sa-view", namespace: "search" },
                roleRef: clusterRole("view"),
                subjects: [group("system:serviceaccounts:search")],
            });
        });
        expect(messages(await evaluate(NAME, resources)).sort()).toEqual([
            "[HC-RBAC-04] RoleBinding payments/all-sa-edit binds ClusterRole edit to every service account of namespace payments (Group system:serviceaccounts:payments), so any pod there can change every object of the namespace, read every Secret of the namespace, exec, attach or port-forward into every pod of the namespace; bind the one service account that needs it",
            "[HC-RBAC-04] RoleBinding search/all-sa-debug binds Role debugger to every service account of namespace search (Group system:serviceaccounts:search), so any pod there can exec, attach or port-forward into every pod of the namespace; bind the one service account that needs it",
        ]);
    });

    test("wrong value: tenant editors given admin, which writes RoleBindings; a role that writes RBAC, bound anywhere", async () => {
        expect(messages(await evaluate(NAME, edit(prod, "test-baseline-tenant-payments-editors", "roleRef.name", "admin")))).toEqual([
            "[HC-RBAC-04] RoleBinding payments/tenant-editors binds ClusterRole admin, which writes Roles and RoleBindings in namespace payments, so its subjects can pass every right they hold to anyone (everyone-groups included) outside Pulumi; bind edit, which cannot change RBAC, instead",
        ]);
        const resources = await added(() => {
            new k8s.rbac.v1.Role("binder", {
                metadata: { name: "binder", namespace: "search" },
                rules: [{ apiGroups: [RBAC], resources: ["rolebindings"], verbs: ["create", "update"] }],
            });
            new k8s.rbac.v1.RoleBinding("binder", {
                metadata: { name: "binder", namespace: "search" },
                roleRef: { apiGroup: RBAC, kind: "Role", name: "binder" },
                subjects: [group("team:search")],
            });
            new k8s.rbac.v1.ClusterRoleBinding("admins-everywhere", {
                metadata: { name: "admins-everywhere" },
                roleRef: clusterRole("admin"),
                subjects: [group("team:search")],
            });
        });
        expect(messages(await evaluate(NAME, resources)).sort()).toEqual([
            "[HC-RBAC-04] ClusterRoleBinding admins-everywhere binds ClusterRole admin cluster-wide, so its subjects can read every Secret of the cluster and exec, attach or port-forward into every pod of the cluster and write Roles and RoleBindings of the cluster; bind it with RoleBindings in the namespaces that need it, and give no one write access to RBAC objects",
            "[HC-RBAC-04] RoleBinding search/binder binds Role binder, which writes Roles and RoleBindings in namespace search, so its subjects can pass every right they hold to anyone (everyone-groups included) outside Pulumi; bind edit, which cannot change RBAC, instead",
        ]);
    });

    test("a patch without roleRef keeps the roleRef of the stack's binding of the same name", async () => {
        const patch = await added(() => {
            new k8s.rbac.v1.ClusterRoleBindingPatch("more-viewers", {
                metadata: { name: "hardened-platform-viewers" },
                subjects: [group("platform:auditors"), group("platform:sre")],
            });
        });
        expect(statusesOf(await evaluate(NAME, [...prod, ...patch]))).toEqual(["pass"]);
        const editRole = edit(prod, "test-baseline-rbac-viewers", "roleRef.name", "edit");
        expect(messages(await evaluate(NAME, [...editRole, ...patch]))).toHaveLength(2);
    });

    test("preview: an unknown roleRef is not evaluated", async () => {
        expect(statusesOf(await evaluate(NAME, unknownAt(prod, "test-baseline-rbac-viewers", "roleRef")))).toEqual(["not-evaluated"]);
    });
});
