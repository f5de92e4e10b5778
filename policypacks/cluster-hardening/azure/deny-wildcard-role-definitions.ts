import * as authorization from "@pulumi/azure-native/authorization";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { BROAD_SCOPES, scopeLevel } from "./roles";

interface PermissionView {
    readonly actions?: readonly string[];
    readonly notActions?: readonly string[];
    readonly dataActions?: readonly string[];
}

/** Control-plane operations that let a role hand out roles, i.e. make itself Owner. */
const GRANTING_OPERATIONS = [
    "Microsoft.Authorization/roleAssignments/write",
    "Microsoft.Authorization/roleDefinitions/write",
    "Microsoft.Authorization/elevateAccess/Action",
];

/** Azure RBAC action patterns: `*` matches any run of characters, case-insensitive. */
function matches(pattern: string, operation: string): boolean {
    const regex = pattern
        .trim()
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*");
    return new RegExp(`^${regex}$`, "i").test(operation);
}

/** Why a permission block is administrator-level, or nothing. */
function adminLevelFindings(p: PermissionView): string[] {
    const actions = (p.actions ?? []).map(String);
    const findings: string[] = [];
    if (actions.some((a) => a.trim() === "*")) findings.push('actions "*" (every operation on every resource type)');
    if ((p.dataActions ?? []).some((a) => String(a).trim() === "*")) findings.push('dataActions "*" (every secret, key, blob and message)');
    const granting = GRANTING_OPERATIONS.filter(
        (op) => actions.some((a) => a.trim() !== "*" && matches(a, op)) && !(p.notActions ?? []).some((n) => matches(String(n), op)),
    );
    if (granting.length > 0) findings.push(`actions that grant roles (${granting.join(", ")})`);
    return findings;
}

/**
 * HC-IAM-04 (Checkov CKV_AZURE_39 "no custom subscription owner roles"): custom roles the stack defines
 * carry no wildcard `*` actions or data actions, and no permission to write role assignments or
 * definitions, when they can be assigned at tenant root, management group, subscription or resource group
 * scope. `assignableScopes` left unset counts as the definition's own `scope`.
 */
export const azureAuthorizationRoledefinitionDenyWildcardActions = controlResourcePolicy({
    name: "azure-authorization-roledefinition-deny-wildcard-actions",
    controlId: "HC-IAM-04",
    description:
        'Custom role definitions assignable at tenant root, management group, subscription or resource group scope grant no "*" actions or data actions and no role-granting actions.',
    remediationSteps:
        "List the specific operations the role needs (e.g. Microsoft.ContainerService/managedClusters/read) in permissions[].actions.",
    validateResource: validateResourceOfType(authorization.RoleDefinition, (definition, args, report) => {
        const permissions: readonly PermissionView[] = definition.permissions ?? [];
        const findings = permissions.flatMap(adminLevelFindings);
        if (findings.length === 0) return;
        const listed: readonly string[] = definition.assignableScopes ?? [];
        const assignable = listed.length > 0 ? listed : [definition.scope];
        const broad = assignable.filter((s) => BROAD_SCOPES.includes(scopeLevel(s)));
        if (broad.length === 0) return;
        const unset = listed.length === 0 ? " (assignableScopes not set: the definition's scope)" : "";
        report(
            `custom role ${definition.roleName ?? args.name} grants ${[...new Set(findings)].join(" and ")}, assignable at ${broad
                .map((s) => `${scopeLevel(s)} ${s || "/"}`)
                .join(", ")}${unset}; that is an Owner or Contributor under another name: list the specific operations it needs`,
        );
    }),
});
