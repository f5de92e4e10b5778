import * as authorization from "@pulumi/azure-native/authorization";
import { Policy } from "@pulumi/policy";
import { AZURE_POLICIES } from "../../policypacks/cluster-hardening/azure";
import { MOCK_IDENTITY } from "../../tools/mock/answers";
import { Outcome, PackConfig } from "../../tools/policy/evaluate";
import { CapturedResource, runProgram } from "../harness";
import { evaluatePolicy, violations } from "../harness/policies";

/**
 * Shared by the Azure policy tests: the blueprint's names and ids as the mock engine shapes them, edits
 * of captured resources, resources "added outside the blueprint" (registered by a small program of their
 * own, in the same stack, so their props and dependencies are what the SDK really sends) and one-policy
 * evaluation.
 */
export const SUBSCRIPTION = `/subscriptions/${MOCK_IDENTITY.azureSubscriptionId}`;
export const RESOURCE_GROUP = `${SUBSCRIPTION}/resourceGroups/rg-platform-prod`;
export const CLUSTER_ID = `${RESOURCE_GROUP}/providers/Microsoft.ContainerService/managedClusters/platform-prod`;
export const DEPLOYER = MOCK_IDENTITY.azureClientObjectId;
/** The azure-prod stack file's principals. */
export const PRINCIPALS = {
    admin: "11111111-1111-1111-1111-111111111111",
    developer: "22222222-2222-2222-2222-222222222222",
    viewer: "33333333-3333-3333-3333-333333333333",
    tenant: "44444444-4444-4444-4444-444444444444",
} as const;

export const TYPES = {
    cluster: "azure-native:containerservice:ManagedCluster",
    pool: "azure-native:containerservice:AgentPool",
    subnet: "azure-native:network:Subnet",
    nsg: "azure-native:network:NetworkSecurityGroup",
    vault: "azure-native:keyvault:Vault",
    diagnostics: "azure-native:monitor:DiagnosticSetting",
    roleAssignment: "azure-native:authorization:RoleAssignment",
} as const;

/** Built-in role GUIDs the tests grant (learn.microsoft.com/azure/role-based-access-control/built-in-roles). */
export const ROLE = {
    owner: "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
    contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    userAccessAdministrator: "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
    rbacAdministrator: "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    aksRbacClusterAdmin: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
    aksRbacAdmin: "3498e952-d568-435e-9b2c-8d77e338d7f7",
    aksRbacWriter: "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb",
    aksClusterAdminRole: "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8",
    aksContributor: "ed7f3fbd-7b88-4dd4-9017-9adb7ce333f8",
} as const;

export function roleId(guid: string): string {
    return `${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}

export type Props = Record<string, unknown>;

export function azurePolicy(name: string): Policy {
    const found = AZURE_POLICIES.find((p) => p.name === name);
    if (!found) throw new Error(`no azure policy ${name}`);
    return found;
}

/**
 * The resources with the props (and optionally the property dependencies) of every resource that
 * `which` selects changed. Props are plain JSON here (no secrets, no unknowns). Fails when nothing matched.
 */
export function edited(
    resources: readonly CapturedResource[],
    which: (r: CapturedResource) => boolean,
    change: (props: Props) => void,
    dependencies?: (deps: Record<string, readonly string[]>) => void,
): CapturedResource[] {
    let matched = 0;
    const out = resources.map((r) => {
        if (!which(r)) return r;
        matched++;
        const props = JSON.parse(JSON.stringify(r.props)) as Props;
        change(props);
        const propertyDependencies = { ...r.propertyDependencies };
        dependencies?.(propertyDependencies);
        return { ...r, props, propertyDependencies };
    });
    if (matched === 0) throw new Error("edited: no resource matched");
    return out;
}

export const ofType =
    (type: string, name?: string) =>
    (r: CapturedResource): boolean =>
        r.type === type && (name === undefined || r.name === name);

/** Resources registered by `build` in the azure-prod stack, as if a teammate had added them to the program. */
export async function added(build: () => void, preview = false): Promise<CapturedResource[]> {
    return (await runProgram(build, { stack: "azure-prod", preview })).resources;
}

export async function outcomes(name: string, resources: readonly CapturedResource[], config: PackConfig = {}): Promise<Outcome[]> {
    return evaluatePolicy(azurePolicy(name), resources, config);
}

export async function messages(name: string, resources: readonly CapturedResource[], config: PackConfig = {}): Promise<string[]> {
    return violations(await outcomes(name, resources, config), name).map((v) => v.message ?? "");
}

export function statuses(found: readonly Outcome[]): string[] {
    return found.map((o) => o.status);
}

/** A role assignment written by hand next to the blueprint's. */
export function assignment(key: string, role: string, principalId: string, scope: string) {
    return () =>
        new authorization.RoleAssignment(key, {
            principalId,
            principalType: "Group",
            roleDefinitionId: roleId(role),
            scope,
        });
}

export function eligibility(key: string, role: string, principalId: string, scope: string) {
    return () => new authorization.PimRoleEligibilitySchedule(key, { principalId, roleDefinitionId: roleId(role), scope });
}
