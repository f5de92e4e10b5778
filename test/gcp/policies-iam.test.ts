import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { rawConfigFrom } from "../../config/load";
import { validateStackConfig } from "../../config/validate";
import { isAdminPrincipal } from "../../policypacks/cluster-hardening/gcp/admin-principals";
import { adminRoleReason } from "../../policypacks/cluster-hardening/gcp/iam-roles";
import { listStacks, readStackConfig } from "../../tools/mock/stack-files";
import { CapturedResource, runProgram, runStack } from "../harness";
import { evaluatePolicy, passes, violations } from "../harness/policies";
import { added, policy, Props, shippedConfig, T, variant } from "./fixture";

const ADMIN_ROLES = "gcp-iam-grant-deny-admin-roles";
const NODE_ROLES = "gcp-gke-nodeaccount-restrict-roles";
const CLUSTER_ADMIN = "gcp-gke-access-restrict-cluster-admin";
const CONFIG = shippedConfig("prod");
const NODE_SA = "platform-prod-nodes@mock-project.iam.gserviceaccount.com";

let blueprint: CapturedResource[];

beforeAll(async () => {
    blueprint = (await runStack("gcp-prod")).resources;
});

async function judge(name: string, resources: readonly CapturedResource[]) {
    return evaluatePolicy(policy(name), resources, CONFIG);
}

function withGrant(type: string, name: string, props: Props, deps: Record<string, string[]> = {}): CapturedResource[] {
    return [...blueprint, added(type, name, props, deps)];
}

describe("administrator-level roles (HC-IAM-04)", () => {
    test.each([
        ["roles/owner", "a basic role"],
        ["roles/editor", "a basic role"],
        ["roles/iam.securityAdmin", "so its holder can grant itself any role"],
        ["roles/resourcemanager.projectIamAdmin", "so its holder can grant itself any role"],
        ["roles/iam.serviceAccountTokenCreator", "it can act as every service account below this level"],
        ["roles/iam.serviceAccountUser", "it can act as every service account below this level"],
        ["roles/iam.workloadIdentityUser", "it can act as every service account below this level"],
        ["roles/compute.osAdminLogin", "root through OS Login"],
        ["roles/compute.admin", "an administrator role of a whole service"],
        ["roles/compute.instanceAdmin.v1", "an administrator role of a whole service"],
        ["roles/logging.admin", "an administrator role of a whole service"],
        ["roles/cloudkms.admin", "an administrator role of a whole service"],
    ])("%s on the project is admin-level: %s", (role, reason) => {
        expect(adminRoleReason(role, "resource hierarchy")).toContain(reason);
    });

    test.each([
        "roles/container.clusterViewer",
        "roles/logging.logWriter",
        "roles/artifactregistry.reader",
        "roles/container.admin",
        "roles/container.developer",
        "projects/p/roles/custom",
    ])("%s is not judged admin-level here", (role) => expect(adminRoleReason(role, "resource hierarchy")).toBeUndefined());

    test("on one service account, impersonation is the normal narrow grant; its admin roles are not", () => {
        expect(adminRoleReason("roles/iam.workloadIdentityUser", "service account")).toBeUndefined();
        expect(adminRoleReason("roles/iam.serviceAccountTokenCreator", "service account")).toBeUndefined();
        expect(adminRoleReason("roles/iam.serviceAccountAdmin", "service account")).toContain("can change who may act as");
        expect(adminRoleReason("roles/owner", "service account")).toContain("a basic role");
    });

    test.each([
        [
            T.projectMember,
            { project: "p", role: "roles/owner", member: "user:alice@example.com" },
            "role grants roles/owner to user:alice@example.com on the project",
        ],
        [
            T.projectBinding,
            { project: "p", role: "roles/editor", members: ["group:team@example.com", "user:bob@example.com"] },
            "grants roles/editor to group:team@example.com, user:bob@example.com",
        ],
        [
            T.projectPolicy,
            {
                project: "p",
                policyData: JSON.stringify({
                    bindings: [
                        { role: "roles/viewer", members: ["user:a@example.com"] },
                        { role: "roles/iam.securityAdmin", members: ["group:sec@example.com"] },
                    ],
                }),
            },
            "policyData.bindings[1] grants roles/iam.securityAdmin to group:sec@example.com on the project",
        ],
        [
            "gcp:folder/iAMMember:IAMMember",
            { folder: "folders/1", role: "roles/compute.admin", member: "group:ops@example.com" },
            "on the folder: an administrator role",
        ],
        [
            "gcp:organizations/iAMBinding:IAMBinding",
            { orgId: "1", role: "roles/owner", members: ["user:ceo@example.com"] },
            "on the organization: a basic role",
        ],
        [
            "gcp:serviceaccount/iAMMember:IAMMember",
            {
                serviceAccountId: "projects/p/serviceAccounts/app@p.iam.gserviceaccount.com",
                role: "roles/iam.serviceAccountAdmin",
                member: "user:dev@example.com",
            },
            "on the service account: it can change who may act as this service account",
        ],
        [
            "gcp:serviceaccount/iAMMember:IAMMember",
            {
                serviceAccountId: "projects/p/serviceAccounts/app@p.iam.gserviceaccount.com",
                role: "roles/iam.serviceAccountTokenCreator",
                member: "allAuthenticatedUsers",
            },
            "to allAuthenticatedUsers on the service account, that is to anyone",
        ],
        [
            T.projectMember,
            { project: "p", role: "roles/storage.objectViewer", member: "allUsers" },
            "to allUsers on the project, that is to anyone",
        ],
        [T.projectPolicy, { project: "p", policyData: "not json" }, "policyData is not a JSON allow policy"],
    ])("a hand-written %s is caught", async (type, props, message) => {
        const found = violations(await judge(ADMIN_ROLES, withGrant(type, "hand-written", props)), ADMIN_ROLES);
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain(message);
        expect(found[0].message).toMatch(/^\[HC-IAM-04\] /);
        expect(found[0].enforcementLevel).toBe("mandatory");
    });

    test.each([
        [T.projectMember, { project: "p", role: "roles/container.clusterViewer", member: "group:team@example.com" }],
        [
            "gcp:serviceaccount/iAMMember:IAMMember",
            {
                serviceAccountId: "projects/p/serviceAccounts/app@p.iam.gserviceaccount.com",
                role: "roles/iam.workloadIdentityUser",
                member: "serviceAccount:p.svc.id.goog[payments/app]",
            },
        ],
        [
            T.projectPolicy,
            {
                project: "p",
                policyData: JSON.stringify({ bindings: [{ role: "roles/logging.viewer", members: ["group:sre@example.com"] }] }),
            },
        ],
    ])("compliant: %s with a narrow role", async (type, props) => {
        const outcomes = await judge(ADMIN_ROLES, withGrant(type, "narrow", props));
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, ADMIN_ROLES).filter((o) => o.urn?.includes("narrow"))).toHaveLength(1);
    });
});

describe("the node service account (HC-IAM-04)", () => {
    test("an extra project role for the node account, written by hand, is caught by e-mail", async () => {
        const grants = withGrant(T.projectMember, "hand-node-grant", {
            project: "p",
            role: "roles/secretmanager.secretAccessor",
            member: `serviceAccount:${NODE_SA}`,
        });
        const found = violations(await judge(NODE_ROLES, grants), NODE_ROLES);
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain(
            `hand-node-grant: role grants roles/secretmanager.secretAccessor on the project to the node service account (serviceAccount:${NODE_SA})`,
        );
        expect(found[0].message).toContain("Give the workload that needs it its own account through Workload Identity");
        expect(found[0].urn).toContain("hand-node-grant");
    });

    test("an authoritative binding that includes the node account is caught", async () => {
        const grants = withGrant(T.projectBinding, "binding", {
            project: "p",
            role: "roles/pubsub.publisher",
            members: ["group:x@example.com", `serviceAccount:${NODE_SA.toUpperCase()}`],
        });
        expect(violations(await judge(NODE_ROLES, grants), NODE_ROLES)).toHaveLength(1);
    });

    test("anyone allowed to mint the node account's tokens is caught; the node account impersonating another account too", async () => {
        const mint = added("gcp:serviceaccount/iAMMember:IAMMember", "mint", {
            serviceAccountId: `projects/acme-platform-prod/serviceAccounts/${NODE_SA}`,
            role: "roles/iam.serviceAccountTokenCreator",
            member: "group:gke-platform-developers@example.com",
        });
        const hop = added("gcp:serviceaccount/iAMMember:IAMMember", "hop", {
            serviceAccountId: "projects/acme-platform-prod/serviceAccounts/deployer@acme-platform-prod.iam.gserviceaccount.com",
            role: "roles/iam.workloadIdentityUser",
            member: `serviceAccount:${NODE_SA}`,
        });
        const messages = violations(await judge(NODE_ROLES, [...blueprint, mint, hop]), NODE_ROLES).map((v) => v.message);
        expect(messages).toEqual([
            expect.stringContaining(
                "mint: role grants roles/iam.serviceAccountTokenCreator on the node service account to group:gke-platform-developers@example.com, who could then act as every node",
            ),
            expect.stringContaining(
                "hop: role grants roles/iam.workloadIdentityUser on another service account to the node service account",
            ),
        ]);
    });

    test("compliant: the deployer may attach the node account (serviceAccountUser), and other accounts may hold other roles", async () => {
        const attach = added("gcp:serviceaccount/iAMMember:IAMMember", "attach", {
            serviceAccountId: `projects/acme-platform-prod/serviceAccounts/${NODE_SA}`,
            role: "roles/iam.serviceAccountUser",
            member: "serviceAccount:deployer@acme-platform-prod.iam.gserviceaccount.com",
        });
        const other = added(T.projectMember, "other", {
            project: "p",
            role: "roles/pubsub.publisher",
            member: "serviceAccount:app@acme-platform-prod.iam.gserviceaccount.com",
        });
        const outcomes = await judge(NODE_ROLES, [...blueprint, attach, other]);
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, NODE_ROLES)).toHaveLength(1);
    });

    test("compliant: the node account given GKE's single least-privilege role", async () => {
        const edited = variant(
            blueprint,
            T.projectMember,
            (p) => (p["role"] = "roles/container.defaultNodeServiceAccount"),
            "-node-identity-monitoring-viewer",
        );
        expect(violations(await judge(NODE_ROLES, edited))).toEqual([]);
    });

    test("in a first preview the node account is recognised by the Account both the pool and the grant are built from", async () => {
        const { resources } = await runProgram(
            () => {
                const account = new gcp.serviceaccount.Account("nodes", { accountId: "nodes" });
                new gcp.container.NodePool("pool", { cluster: "c", nodeConfig: { serviceAccount: account.email } });
                new gcp.projects.IAMMember("extra", {
                    project: "p",
                    role: "roles/compute.viewer",
                    member: pulumi.interpolate`serviceAccount:${account.email}`,
                });
                new gcp.projects.IAMMember("fine", {
                    project: "p",
                    role: "roles/logging.logWriter",
                    member: pulumi.interpolate`serviceAccount:${account.email}`,
                });
                new gcp.projects.IAMMember("team", { project: "p", role: "roles/compute.viewer", member: "group:team@example.com" });
            },
            { preview: true },
        );
        const outcomes = await judge(NODE_ROLES, resources);
        expect(outcomes.map((o) => o.status)).toEqual(["violation"]);
        expect(outcomes[0].message).toContain(
            "extra: role grants roles/compute.viewer on the project to the node service account (the node service account)",
        );
    });

    test("in preview, a service-account member that only its unknown e-mail could tell apart is not evaluated, never passed", async () => {
        const { resources } = await runProgram(
            () => {
                const account = new gcp.serviceaccount.Account("nodes", { accountId: "nodes" });
                new gcp.container.NodePool("pool", { cluster: "c", nodeConfig: { serviceAccount: account.email } });
                new gcp.projects.IAMMember("literal", {
                    project: "p",
                    role: "roles/compute.viewer",
                    member: "serviceAccount:nodes@p.iam.gserviceaccount.com",
                });
            },
            { preview: true },
        );
        expect((await judge(NODE_ROLES, resources)).map((o) => o.status)).toEqual(["not-evaluated"]);
    });
});

describe("cluster-admin through IAM (HC-IAM-05)", () => {
    test.each([
        [
            T.projectMember,
            { project: "p", role: "roles/container.admin", member: "user:intern@example.com" },
            "role grants roles/container.admin on the project to user:intern@example.com",
        ],
        [
            T.projectBinding,
            {
                project: "p",
                role: "roles/container.clusterAdmin",
                members: ["group:gke-platform-admins@example.com", "group:team@example.com"],
            },
            "to group:team@example.com: control of every cluster's settings",
        ],
        [
            "gcp:folder/iAMMember:IAMMember",
            { folder: "folders/1", role: "roles/container.developer", member: "serviceAccount:ci@p.iam.gserviceaccount.com" },
            "on the folder to serviceAccount:ci@p.iam.gserviceaccount.com",
        ],
        [
            T.projectPolicy,
            {
                project: "p",
                policyData: JSON.stringify({ bindings: [{ role: "roles/container.admin", members: ["group:team@example.com"] }] }),
            },
            "policyData.bindings[0] grants roles/container.admin",
        ],
    ])("a hand-written %s is judged by who it names", async (type, props, message) => {
        const found = violations(await judge(CLUSTER_ADMIN, withGrant(type, "hand-admin", props)), CLUSTER_ADMIN);
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain(message);
        expect(found[0].message).toContain("only the platform admins (group:gke-platform-admins@example.com) may hold it");
        expect(found[0].message).toMatch(/^\[HC-IAM-05\] /);
    });

    test("compliant: the platform admins hold container.admin, whoever registers the grant (member type and case do not matter)", async () => {
        for (const member of ["group:gke-platform-admins@example.com", "group:GKE-Platform-Admins@Example.com"]) {
            const edited = variant(
                blueprint,
                T.projectMember,
                (p) => ((p["role"] = "roles/container.admin"), (p["member"] = member)),
                "-access-gke-platform-admins-example-com",
            );
            const outcomes = await judge(CLUSTER_ADMIN, edited);
            expect(violations(outcomes)).toEqual([]);
            expect(passes(outcomes, CLUSTER_ADMIN).length).toBeGreaterThan(0);
        }
    });

    test("without adminPrincipals in the pack config nobody may hold it (fail closed)", async () => {
        const edited = variant(
            blueprint,
            T.projectMember,
            (p) => (p["role"] = "roles/container.admin"),
            "-access-gke-platform-admins-example-com",
        );
        const found = violations(await evaluatePolicy(policy(CLUSTER_ADMIN), edited, { all: "mandatory" }), CLUSTER_ADMIN);
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain("no adminPrincipals are configured, so nobody may hold it");
    });

    test("admin principals: full members, bare e-mails, case-insensitive", () => {
        expect(isAdminPrincipal("group:Admins@Example.com", ["group:admins@example.com"])).toBe(true);
        expect(isAdminPrincipal("user:admins@example.com", ["group:admins@example.com"])).toBe(false);
        expect(isAdminPrincipal("serviceAccount:deployer@p.iam.gserviceaccount.com", ["deployer@p.iam.gserviceaccount.com"])).toBe(true);
        expect(isAdminPrincipal("principal://iam.googleapis.com/x", ["principal://iam.googleapis.com/x"])).toBe(true);
    });

    test("in preview, a cluster role granted to a computed member is not evaluated; an admin-level role is still refused", async () => {
        const { resources } = await runProgram(
            () => {
                const account = new gcp.serviceaccount.Account("ci", { accountId: "ci" });
                const member = pulumi.interpolate`serviceAccount:${account.email}`;
                new gcp.projects.IAMMember("ci-admin", { project: "p", role: "roles/container.admin", member });
                new gcp.projects.IAMMember("ci-owner", { project: "p", role: "roles/owner", member });
            },
            { preview: true },
        );
        const admin = await judge(CLUSTER_ADMIN, resources);
        expect(admin.map((o) => [o.urn?.split("::").pop(), o.status])).toEqual([
            ["ci-admin", "not-evaluated"],
            ["ci-owner", "pass"],
        ]);
        const owner = violations(await judge(ADMIN_ROLES, resources), ADMIN_ROLES);
        expect(owner).toHaveLength(1);
        expect(owner[0].message).toContain("role grants roles/owner to (a member not known until apply) on the project");
    });
});

describe("the shipped pack configs name the shipped GKE stacks' admins", () => {
    const gcpStacks = listStacks().filter((s) => readStackConfig(s)["hardened-cluster:cloud"] === "gcp");

    test("there are GKE stacks to check", () => expect(gcpStacks.length).toBeGreaterThan(0));

    test.each(gcpStacks)("every admin group of %s may hold cluster-admin through IAM in its environment's config", (stack) => {
        const config = validateStackConfig(rawConfigFrom(readStackConfig(stack)));
        const entry = shippedConfig(config.environment)[CLUSTER_ADMIN];
        const admins = typeof entry === "object" ? ((entry["adminPrincipals"] as string[] | undefined) ?? []) : [];
        expect(config.access.admins.length).toBeGreaterThan(0);
        expect(config.access.admins.filter((a) => !isAdminPrincipal(`group:${a}`, admins))).toEqual([]);
        // Nobody else of the stack is an admin: developers, viewers and tenants stay outside.
        const others = [
            ...config.access.developers,
            ...config.access.viewers,
            ...config.tenants.flatMap((t) => [...t.editors, ...t.viewers]),
        ];
        expect(others.filter((o) => isAdminPrincipal(`group:${o}`, admins))).toEqual([]);
    });
});

describe("secret-store grants (HC-IAM-06)", () => {
    const SECRETS = "gcp-iam-grant-restrict-secret-access";
    const PREFIX = 'resource.name.startsWith("projects/123456789012/secrets/platform-prod_payments_")';
    const NAMESPACE_SET =
        "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-platform-prod.svc.id.goog/namespace/payments";

    async function messages(type: string, props: Props): Promise<string[]> {
        return violations(await judge(SECRETS, withGrant(type, "hand-made", props)), SECRETS).map((v) => v.message ?? "");
    }

    test.each([
        [
            "a binding on a folder without a condition",
            "gcp:folder/iAMBinding:IAMBinding",
            { folder: "folders/1", role: "roles/secretmanager.secretAccessor", members: ["group:ops@example.com"] },
            "role grants roles/secretmanager.secretAccessor on the folder without a condition",
        ],
        [
            "a whole project policy with an unconditional secretmanager.admin binding",
            T.projectPolicy,
            {
                project: "p",
                policyData: JSON.stringify({ bindings: [{ role: "roles/secretmanager.admin", members: ["user:alice@example.com"] }] }),
            },
            "policyData.bindings[0] grants roles/secretmanager.admin on the project without a condition",
        ],
        [
            "a whole cluster's workloads (kubernetes.cluster principal set), even with a prefix condition",
            T.projectMember,
            {
                project: "p",
                role: "roles/secretmanager.secretAccessor",
                member: "principalSet://iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/acme-platform-prod.svc.id.goog/kubernetes.cluster/https://container.googleapis.com/v1/projects/acme-platform-prod/locations/europe-west1/clusters/platform-prod",
                condition: { title: "t", expression: PREFIX },
            },
            "which covers the workloads of every namespace",
        ],
    ])("fails on %s", async (_what, type, props, message) => {
        const found = await messages(type, props as Props);
        expect(found).toHaveLength(1);
        expect(found[0]).toContain(message);
    });

    test("passes a prefix-conditioned grant to one namespace's principal set, and one on a policy binding", async () => {
        expect(
            await messages(T.projectMember, {
                project: "p",
                role: "roles/secretmanager.secretAccessor",
                member: NAMESPACE_SET,
                condition: { title: "t", expression: PREFIX },
            }),
        ).toEqual([]);
        expect(
            await messages(T.projectPolicy, {
                project: "p",
                policyData: JSON.stringify({
                    bindings: [
                        {
                            role: "roles/secretmanager.secretAccessor",
                            members: [NAMESPACE_SET],
                            condition: { title: "t", expression: PREFIX },
                        },
                    ],
                }),
            }),
        ).toEqual([]);
    });

    test("other roles are not judged here; a grant on one service account is not applicable", async () => {
        expect(await messages(T.projectMember, { project: "p", role: "roles/secretmanager.viewer", member: "user:a@example.com" })).toEqual(
            [],
        );
        const outcomes = await judge(SECRETS, [
            added("gcp:serviceaccount/iAMMember:IAMMember", "sa-grant", {
                serviceAccountId: "projects/p/serviceAccounts/x@p.iam.gserviceaccount.com",
                role: "roles/secretmanager.secretAccessor",
                member: "user:a@example.com",
            }),
        ]);
        // Not applicable: neither judged secure nor insecure.
        expect(outcomes.filter((o) => o.status === "pass" || o.status === "violation")).toEqual([]);
    });

    test("a secret-store role of the node account is refused by the node-account policy (HC-IAM-04)", async () => {
        const found = violations(
            await judge(
                NODE_ROLES,
                withGrant(T.projectMember, "node-secrets", {
                    project: "acme-platform-prod",
                    role: "roles/secretmanager.secretAccessor",
                    member: `serviceAccount:${NODE_SA}`,
                    condition: { title: "t", expression: PREFIX },
                }),
            ),
            NODE_ROLES,
        );
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain("grants roles/secretmanager.secretAccessor on the project to the node service account");
    });

    test("preview: a condition not known yet is not evaluated, never a pass", async () => {
        const { resources } = await runProgram(
            () => {
                const account = new gcp.serviceaccount.Account("t", { accountId: "tenant-x" });
                new gcp.projects.IAMMember("t-secrets", {
                    project: "p",
                    role: "roles/secretmanager.secretAccessor",
                    member: "user:a@example.com",
                    condition: {
                        title: "t",
                        expression: pulumi.interpolate`resource.name.startsWith("projects/${account.email}/secrets/x_")`,
                    },
                });
            },
            { preview: true },
        );
        const outcomes = (await judge(SECRETS, resources)).filter((o) => o.urn?.endsWith("t-secrets"));
        expect(outcomes.map((o) => o.status)).toEqual(["not-evaluated"]);
    });
});
