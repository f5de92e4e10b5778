import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { CLUSTER_ADMIN_ROLES, roleGuidOf } from "../../policypacks/cluster-hardening/azure/roles";
import { Environment } from "../../core/vocabulary";
import { readPackConfig } from "../../tools/policy/packs";
import { planUnits } from "../../tools/mock/stack-runs";
import { CapturedResource, inputsOf, runStack } from "../harness";
import { nonEmpty } from "../harness/non-empty";
import { passes, violations } from "../harness/policies";
import {
    added,
    assignment,
    CLUSTER_ID,
    DEPLOYER,
    edited,
    eligibility,
    messages,
    ofType,
    outcomes,
    PRINCIPALS,
    RESOURCE_GROUP,
    ROLE,
    roleId,
    statuses,
    SUBSCRIPTION,
    TYPES,
} from "./fixture";

const PROD_CONFIG = readPackConfig("cluster-hardening", "prod");

let blueprint: CapturedResource[];
let preview: CapturedResource[];

beforeAll(async () => {
    blueprint = (await runStack("azure-prod")).resources;
    preview = (await runStack("azure-prod", {}, { preview: true })).resources;
});

describe("azure-aks-access-restrict-cluster-admin", () => {
    const name = "azure-aks-access-restrict-cluster-admin";
    const cluster = ofType(TYPES.cluster);

    test("passes the blueprint's admin group, deployer and aadProfile with the shipped prod config", async () => {
        const found = await outcomes(name, blueprint, PROD_CONFIG);
        expect(violations(found)).toEqual([]);
        // Every role assignment and the cluster are judged.
        expect(passes(found, name).length).toBe(blueprint.filter(ofType(TYPES.roleAssignment)).length + 1);
    });

    test("with no adminPrincipals configured (unset), even the blueprint's admins fail: the pack config must name them", async () => {
        const found = await messages(name, blueprint);
        expect(found).toEqual(
            expect.arrayContaining([
                expect.stringContaining(
                    `role assignment platform-prod-access-deployer grants Azure Kubernetes Service RBAC Cluster Admin to principal ${DEPLOYER}, which makes it a cluster admin; the pack config names no adminPrincipals, so nobody may`,
                ),
                expect.stringContaining(
                    `aadProfile.adminGroupObjectIDs [${PRINCIPALS.admin}] are bound to cluster-admin; the pack config names no adminPrincipals`,
                ),
            ]),
        );
        expect(found).toHaveLength(3);
    });

    test("fails the deployer's cluster-admin grant pointed at a tenant group (set wrong)", async () => {
        const rs = edited(
            blueprint,
            ofType(TYPES.roleAssignment, "platform-prod-access-deployer"),
            (p) => (p["principalId"] = PRINCIPALS.tenant),
        );
        expect(await messages(name, rs, PROD_CONFIG)).toEqual([
            `[HC-IAM-05] role assignment platform-prod-access-deployer grants Azure Kubernetes Service RBAC Cluster Admin to principal ${PRINCIPALS.tenant}, which makes it a cluster admin; ` +
                `only the pack config's adminPrincipals (${PRINCIPALS.admin}, ${DEPLOYER}) may. Grant Azure Kubernetes Service RBAC Writer or Reader at namespace scope instead, or add the principal to adminPrincipals if it is a platform admin`,
        ]);
    });

    test("fails closed, without crashing, on a cluster-admin grant whose principal is not set", async () => {
        const rs = edited(blueprint, ofType(TYPES.roleAssignment, "platform-prod-access-deployer"), (p) => delete p["principalId"]);
        expect(await messages(name, rs, PROD_CONFIG)).toEqual([
            expect.stringContaining(
                "grants Azure Kubernetes Service RBAC Cluster Admin to principal (none set), which makes it a cluster admin",
            ),
        ]);
    });

    test("fails a tenant added to aadProfile.adminGroupObjectIDs", async () => {
        const rs = edited(
            blueprint,
            cluster,
            (p) => ((p["aadProfile"] as Record<string, unknown>)["adminGroupObjectIDs"] = [PRINCIPALS.admin, PRINCIPALS.tenant]),
        );
        expect(await messages(name, rs, PROD_CONFIG)).toEqual([
            expect.stringContaining(`aadProfile.adminGroupObjectIDs [${PRINCIPALS.tenant}] are bound to cluster-admin`),
        ]);
    });

    test.each([
        [
            "RBAC Admin for a tenant at its namespace",
            assignment("tenant-admin", ROLE.aksRbacAdmin, PRINCIPALS.tenant, `${CLUSTER_ID}/namespaces/payments`),
            "Azure Kubernetes Service RBAC Admin",
        ],
        [
            "RBAC Cluster Admin for developers on the subscription",
            assignment("dev-admin", ROLE.aksRbacClusterAdmin, PRINCIPALS.developer, SUBSCRIPTION),
            "Azure Kubernetes Service RBAC Cluster Admin",
        ],
        [
            "the Cluster Admin Role for viewers",
            assignment("viewer-creds", ROLE.aksClusterAdminRole, PRINCIPALS.viewer, CLUSTER_ID),
            "Azure Kubernetes Service Cluster Admin Role",
        ],
        [
            "the AKS Contributor Role for a tenant",
            assignment("tenant-contrib", ROLE.aksContributor, PRINCIPALS.tenant, CLUSTER_ID),
            "Azure Kubernetes Service Contributor Role",
        ],
        [
            "Owner of the cluster for developers",
            assignment("dev-owner", ROLE.owner, PRINCIPALS.developer, CLUSTER_ID),
            "Owner on the cluster",
        ],
        [
            "a PIM eligibility for RBAC Cluster Admin",
            eligibility("pim-admin", ROLE.aksRbacClusterAdmin, PRINCIPALS.tenant, CLUSTER_ID),
            "Azure Kubernetes Service RBAC Cluster Admin",
        ],
        [
            "RBAC Writer for developers on the whole cluster",
            assignment("dev-writer", ROLE.aksRbacWriter, PRINCIPALS.developer, CLUSTER_ID),
            `Azure Kubernetes Service RBAC Writer above namespace scope (${CLUSTER_ID})`,
        ],
    ])("fails a hand-written grant: %s", async (_what, build, role) => {
        const rs = [...blueprint, ...(await added(build))];
        expect(await messages(name, rs, PROD_CONFIG)).toEqual([expect.stringContaining(`grants ${role} to principal`)]);
    });

    test.each([
        [
            "RBAC Writer for a tenant at its namespace",
            assignment("tenant-writer", ROLE.aksRbacWriter, PRINCIPALS.tenant, `${CLUSTER_ID}/namespaces/payments`),
        ],
        [
            "RBAC Cluster Admin for an admin written in upper case",
            assignment("admin-upper", ROLE.aksRbacClusterAdmin, PRINCIPALS.admin.toUpperCase(), CLUSTER_ID),
        ],
        ["Owner of the cluster for an admin", assignment("admin-owner", ROLE.owner, PRINCIPALS.admin, CLUSTER_ID)],
        [
            "Contributor on another resource for a developer",
            assignment("vault-contrib", ROLE.contributor, PRINCIPALS.developer, `${RESOURCE_GROUP}/providers/Microsoft.KeyVault/vaults/kv`),
        ],
    ])("passes a compliant grant: %s", async (_what, build) => {
        const rs = [...blueprint, ...(await added(build))];
        expect(await messages(name, rs, PROD_CONFIG)).toEqual([]);
    });

    test("is not evaluated (never passes) while a cluster-admin grant's principal is unknown in preview", async () => {
        const extra = await added(() => {
            const robot = new managedidentity.UserAssignedIdentity("robot", { resourceGroupName: "rg-platform-prod" });
            new authorization.RoleAssignment("robot-admin", {
                principalId: robot.principalId,
                roleDefinitionId: roleId(ROLE.aksRbacClusterAdmin),
                scope: CLUSTER_ID,
            });
        }, true);
        const found = (await outcomes(name, [...preview, ...extra], PROD_CONFIG)).filter((o) => o.urn?.endsWith("robot-admin"));
        expect(statuses(found)).toEqual(["not-evaluated"]);
    });

    test("in a first preview only the blueprint's RBAC Writer grants wait for the cluster id (namespace scope or not); the rest is decided", async () => {
        const found = await outcomes(name, preview, PROD_CONFIG);
        const writerGrants = preview.filter((r) => r.type === TYPES.roleAssignment && r.name.includes("aksRbacWriter")).map((r) => r.urn);
        expect(writerGrants.length).toBeGreaterThan(0);
        expect(
            found
                .filter((o) => o.status === "not-evaluated")
                .map((o) => o.urn)
                .sort(),
        ).toEqual([...writerGrants].sort());
        expect(new Set(statuses(nonEmpty(found.filter((o) => o.status !== "not-evaluated"))))).toEqual(new Set(["pass"]));
    });
});

describe("the shipped pack configs name every shipped azure stack's admins", () => {
    const azureStacks = planUnits().filter((s) => s.startsWith("azure-"));

    test("there are shipped azure stacks to check", () => expect(azureStacks.length).toBeGreaterThan(0));

    test.each(azureStacks)(
        "%s: every principal holding cluster-admin through Azure is in its environment's adminPrincipals",
        async (stack) => {
            const environment = stack.split("-").pop() as Environment;
            const entry = readPackConfig("cluster-hardening", environment)["azure-aks-access-restrict-cluster-admin"];
            const configured = typeof entry === "object" ? ((entry["adminPrincipals"] as string[]) ?? []).map((p) => p.toLowerCase()) : [];
            const { resources: registered } = await runStack(stack);
            const clusterAdminGuids = CLUSTER_ADMIN_ROLES.map((r) => r.guid);
            const holders = [
                ...registered
                    .filter(ofType(TYPES.roleAssignment))
                    .map(inputsOf)
                    .filter((p) => clusterAdminGuids.includes(roleGuidOf(String(p["roleDefinitionId"])) ?? ""))
                    .map((p) => String(p["principalId"])),
                ...registered
                    .filter(ofType(TYPES.cluster))
                    .flatMap((c) => (inputsOf(c)["aadProfile"] as { adminGroupObjectIDs?: string[] }).adminGroupObjectIDs ?? []),
            ].map((p) => p.toLowerCase());
            expect(holders.length).toBeGreaterThan(0);
            expect(holders.filter((h) => !configured.includes(h))).toEqual([]);
        },
    );

    test("the shipped staging config names the same admins as dev and prod (no staging stack ships to derive them from)", () => {
        const admins = (env: Environment) => readPackConfig("cluster-hardening", env)["azure-aks-access-restrict-cluster-admin"];
        expect(admins("prod")).toBeDefined();
        expect(admins("staging")).toEqual(admins("prod"));
        expect(admins("dev")).toEqual(admins("prod"));
    });
});
