import * as authorization from "@pulumi/azure-native/authorization";
import * as resources from "@pulumi/azure-native/resources";
import { ADMIN_ROLES, roleGuidOf, scopeLevel } from "../../policypacks/cluster-hardening/azure/roles";
import { CapturedResource, runStack } from "../harness";
import { nonEmpty } from "../harness/non-empty";
import { passes, violations } from "../harness/policies";
import {
    added,
    assignment,
    CLUSTER_ID,
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

let blueprint: CapturedResource[];
let preview: CapturedResource[];

beforeAll(async () => {
    blueprint = (await runStack("azure-prod")).resources;
    preview = (await runStack("azure-prod", {}, { preview: true })).resources;
});

describe("azure-authorization-roleassignment-deny-admin-roles", () => {
    const name = "azure-authorization-roleassignment-deny-admin-roles";

    test("passes every grant of the blueprint (narrow roles on the VNet, the key and the cluster)", async () => {
        const found = await outcomes(name, blueprint);
        expect(violations(found)).toEqual([]);
        expect(passes(found, name).length).toBe(blueprint.filter(ofType(TYPES.roleAssignment)).length);
    });

    test("fails the control plane's VNet grant turned into Owner of the VNet (set wrong): Owner can grant any role, whatever its scope", async () => {
        const rs = edited(blueprint, ofType(TYPES.roleAssignment, "platform-prod-control-plane-network"), (p) => {
            p["roleDefinitionId"] = roleId(ROLE.owner);
        });
        const vnet = `${RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/platform-prod-vnet`;
        expect(await messages(name, rs)).toEqual([
            `[HC-IAM-04] role assignment platform-prod-control-plane-network grants Owner to principal 00000000-0000-0000-0000-0000000000a1 on ${vnet}, which can grant any role there, itself included; ` +
                "grant the narrowest role the task needs (role assignments are made by the platform's deployment, not by a workload or team)",
        ]);
    });

    test("fails the same grant widened to Contributor of the subscription", async () => {
        const rs = edited(blueprint, ofType(TYPES.roleAssignment, "platform-prod-control-plane-network"), (p) => {
            p["roleDefinitionId"] = roleId(ROLE.contributor);
            p["scope"] = SUBSCRIPTION;
        });
        expect(await messages(name, rs)).toEqual([
            `[HC-IAM-04] role assignment platform-prod-control-plane-network grants Contributor to principal 00000000-0000-0000-0000-0000000000a1 at subscription scope ${SUBSCRIPTION}, ` +
                "which reaches every resource there; grant a narrower role on the one resource that needs it",
        ]);
    });

    test.each([
        [
            "Contributor on the resource group",
            assignment("ci-contributor", ROLE.contributor, PRINCIPALS.developer, RESOURCE_GROUP),
            `Contributor to principal ${PRINCIPALS.developer} at resource group scope`,
        ],
        [
            "User Access Administrator on the subscription",
            assignment("uaa", ROLE.userAccessAdministrator, PRINCIPALS.tenant, SUBSCRIPTION),
            `User Access Administrator to principal ${PRINCIPALS.tenant} on ${SUBSCRIPTION}`,
        ],
        [
            "RBAC Administrator on a management group",
            assignment(
                "rbac-admin",
                ROLE.rbacAdministrator,
                PRINCIPALS.viewer,
                "/providers/Microsoft.Management/managementGroups/platform",
            ),
            "Role Based Access Control Administrator to principal",
        ],
        [
            "Owner at the tenant root",
            assignment("root-owner", ROLE.owner, PRINCIPALS.admin, "/"),
            "Owner to principal 11111111-1111-1111-1111-111111111111 on /,",
        ],
        [
            "Owner of the key vault",
            assignment("vault-owner", ROLE.owner, PRINCIPALS.developer, `${RESOURCE_GROUP}/providers/Microsoft.KeyVault/vaults/kv`),
            "Owner to principal",
        ],
        [
            "Owner of the cluster, even for an admin",
            assignment("admin-owner", ROLE.owner, PRINCIPALS.admin, CLUSTER_ID),
            "Owner to principal",
        ],
        [
            "a PIM eligibility for Contributor on the resource group",
            eligibility("pim-contributor", ROLE.contributor, PRINCIPALS.developer, RESOURCE_GROUP),
            "Contributor to principal 22222222-2222-2222-2222-222222222222 at resource group scope",
        ],
    ])("fails a hand-written grant: %s", async (_what, build, fragment) => {
        const rs = [...blueprint, ...(await added(build))];
        expect(await messages(name, rs)).toEqual([expect.stringContaining(`grants ${fragment}`)]);
    });

    test("fails closed, without crashing, on a Contributor grant whose scope is not set", async () => {
        const rs = edited(blueprint, ofType(TYPES.roleAssignment, "platform-prod-control-plane-network"), (p) => {
            p["roleDefinitionId"] = roleId(ROLE.contributor);
            delete p["scope"];
        });
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("grants Contributor to principal 00000000-0000-0000-0000-0000000000a1 at unknown (no scope set) scope"),
        ]);
    });

    test("a condition on an RBAC Administrator assignment does not lift it (a narrowing condition is a reviewed exception)", async () => {
        const rs = [
            ...blueprint,
            ...(await added(() => {
                new authorization.RoleAssignment("constrained", {
                    principalId: PRINCIPALS.developer,
                    roleDefinitionId: roleId(ROLE.rbacAdministrator),
                    scope: RESOURCE_GROUP,
                    condition: "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})))",
                    conditionVersion: "2.0",
                });
            })),
        ];
        expect(await messages(name, rs)).toEqual([expect.stringContaining("grants Role Based Access Control Administrator")]);
    });

    test.each([
        [
            "Contributor on one resource",
            assignment("one-vault", ROLE.contributor, PRINCIPALS.developer, `${RESOURCE_GROUP}/providers/Microsoft.KeyVault/vaults/kv`),
        ],
        ["Reader on the subscription", assignment("reader", ROLE.reader, PRINCIPALS.viewer, SUBSCRIPTION)],
    ])("passes a compliant grant: %s", async (_what, build) => {
        const rs = [...blueprint, ...(await added(build))];
        expect(await messages(name, rs)).toEqual([]);
    });

    test("in preview: Owner is decided without its scope; Contributor waits for an unknown scope (not evaluated, never passed)", async () => {
        const extra = await added(() => {
            const group = new resources.ResourceGroup("shared", { resourceGroupName: "rg-shared" });
            new authorization.RoleAssignment("owner-of-new-group", {
                principalId: PRINCIPALS.developer,
                roleDefinitionId: roleId(ROLE.owner),
                scope: group.id,
            });
            new authorization.RoleAssignment("contributor-of-new-group", {
                principalId: PRINCIPALS.developer,
                roleDefinitionId: roleId(ROLE.contributor),
                scope: group.id,
            });
        }, true);
        const found = await outcomes(name, [...preview, ...extra]);
        const owner = found.filter((o) => o.urn?.endsWith("::owner-of-new-group"));
        expect(statuses(owner)).toEqual(["violation"]);
        expect(owner[0].message).toContain("grants Owner to principal 22222222-2222-2222-2222-222222222222 on (not known until apply)");
        expect(statuses(found.filter((o) => o.urn?.endsWith("::contributor-of-new-group")))).toEqual(["not-evaluated"]);
        // The blueprint's own grants are decided in preview: their roles are known, so scope and principal are never read.
        expect(new Set(statuses(nonEmpty(await outcomes(name, preview))))).toEqual(new Set(["pass"]));
    });
});

describe("azure-authorization-roledefinition-deny-wildcard-actions", () => {
    const name = "azure-authorization-roledefinition-deny-wildcard-actions";
    const definition = (args: Partial<authorization.RoleDefinitionArgs>) => () =>
        new authorization.RoleDefinition("custom", {
            roleName: "platform-operator",
            scope: SUBSCRIPTION,
            assignableScopes: [SUBSCRIPTION],
            ...args,
        });

    test("has nothing to judge on the blueprint (it defines no custom role)", async () => {
        expect(await outcomes(name, blueprint)).toEqual([]);
    });

    test('fails a custom role with actions "*" assignable at the subscription', async () => {
        const rs = await added(definition({ permissions: [{ actions: ["*"] }] }));
        expect(await messages(name, rs)).toEqual([
            `[HC-IAM-04] custom role platform-operator grants actions "*" (every operation on every resource type), assignable at subscription ${SUBSCRIPTION}; ` +
                "that is an Owner or Contributor under another name: list the specific operations it needs",
        ]);
    });

    test('fails a Contributor-shaped role (notActions do not narrow "*" enough)', async () => {
        const rs = await added(definition({ permissions: [{ actions: ["*"], notActions: ["Microsoft.Authorization/*/Write"] }] }));
        expect(await messages(name, rs)).toEqual([expect.stringContaining('grants actions "*"')]);
    });

    test("fails assignableScopes left unset: the definition's own scope (a resource group) counts", async () => {
        const rs = await added(definition({ scope: RESOURCE_GROUP, assignableScopes: undefined, permissions: [{ dataActions: ["*"] }] }));
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining(
                `grants dataActions "*" (every secret, key, blob and message), assignable at resource group ${RESOURCE_GROUP} (assignableScopes not set`,
            ),
        ]);
    });

    test("fails role-granting actions, even when written as a narrower wildcard", async () => {
        const rs = await added(
            definition({
                permissions: [
                    { actions: ["Microsoft.Authorization/roleAssignments/*", "Microsoft.Resources/subscriptions/resourceGroups/read"] },
                ],
            }),
        );
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("actions that grant roles (Microsoft.Authorization/roleAssignments/write)"),
        ]);
    });

    test.each([
        ["specific operations", { permissions: [{ actions: ["Microsoft.ContainerService/managedClusters/read"] }] }],
        ["authorization reads only", { permissions: [{ actions: ["Microsoft.Authorization/*/read"] }] }],
        ['"*" assignable only on one resource', { assignableScopes: [CLUSTER_ID], permissions: [{ actions: ["*"] }] }],
    ])("passes a compliant role: %s", async (_what, args) => {
        const found = await outcomes(name, await added(definition(args)));
        expect(statuses(found)).toEqual(["pass"]);
    });

    test("is not evaluated while the assignable scope is unknown in preview", async () => {
        const rs = await added(() => {
            const group = new resources.ResourceGroup("shared", { resourceGroupName: "rg-shared" });
            definition({ assignableScopes: [group.id], permissions: [{ actions: ["*"] }] })();
        }, true);
        expect(statuses(await outcomes(name, rs))).toEqual(["not-evaluated"]);
    });
});

describe("role reading", () => {
    test("role GUIDs in every id form, and only the listed roles", () => {
        expect(roleGuidOf(roleId(ROLE.owner.toUpperCase()))).toBe(ROLE.owner);
        expect(roleGuidOf(`/providers/Microsoft.Authorization/roleDefinitions/${ROLE.owner}`)).toBe(ROLE.owner);
        expect(roleGuidOf(ROLE.owner)).toBe(ROLE.owner);
        expect(roleGuidOf("Owner")).toBeUndefined();
        expect(ADMIN_ROLES.map((r) => r.guid)).not.toContain(ROLE.reader);
    });

    test("scope levels", () => {
        expect(scopeLevel("/")).toBe("tenant root");
        expect(scopeLevel("/providers/Microsoft.Management/managementGroups/mg")).toBe("management group");
        expect(scopeLevel(SUBSCRIPTION)).toBe("subscription");
        expect(scopeLevel(`${RESOURCE_GROUP}/`)).toBe("resource group");
        expect(scopeLevel(CLUSTER_ID)).toBe("resource");
    });
});
