import { controlResourcePolicy } from "../../lib/define";
import { validateResourcesOfTypes } from "../aws/lib";
import { grantValidations } from "./role-grants";
import { ADMIN_ROLES, BROAD_SCOPES, roleNamed, scopeLevel } from "./roles";
import { known, NOT_KNOWN_YET } from "./unknowns";

/**
 * HC-IAM-04: no principal (node, workload, team or person) gets an administrator role from the stack:
 * Owner, User Access Administrator or Role Based Access Control Administrator anywhere (they can grant
 * any role on their scope, themselves included: one resource becomes a foothold for every other grant),
 * and Contributor on a tenant root, management group, subscription or resource group (it reaches every
 * resource there: the cluster's vault and key, other teams' resources). The blueprint grants only narrow
 * roles (Network Contributor on its VNet, Key Vault Crypto User on one key, AKS roles on the cluster).
 * Judged for active assignments and PIM eligibilities alike; a role assignment `condition` does not lift
 * it (a condition that really narrows a delegation is a reviewed exception). Contributor on one resource
 * is left to that resource's own policies; on the cluster it is HC-IAM-05's.
 */
export const azureAuthorizationRoleassignmentDenyAdminRoles = controlResourcePolicy({
    name: "azure-authorization-roleassignment-deny-admin-roles",
    controlId: "HC-IAM-04",
    description:
        "No role assignment or PIM eligibility grants Owner, User Access Administrator or Role Based Access Control Administrator at any scope, or Contributor at tenant root, management group, subscription or resource group scope.",
    remediationSteps:
        "Grant the narrowest built-in role that covers the task (e.g. Network Contributor, Key Vault Crypto User, AKS RBAC Writer) on the one resource that needs it.",
    validateResource: validateResourcesOfTypes(
        grantValidations((grant, what, _args, report) => {
            const role = roleNamed(ADMIN_ROLES, grant.roleDefinitionId);
            if (!role) return;
            const principal = known(() => grant.principalId || "(none set)", NOT_KNOWN_YET);
            if (role.grantsRoles) {
                const scope = known(() => grant.scope || "(no scope set)", NOT_KNOWN_YET);
                report(
                    `${what} grants ${role.name} to principal ${principal} on ${scope}, which can grant any role there, itself included; ` +
                        "grant the narrowest role the task needs (role assignments are made by the platform's deployment, not by a workload or team)",
                );
                return;
            }
            const scope = grant.scope;
            const level = scope ? scopeLevel(scope) : "unknown (no scope set)";
            if (scope && !BROAD_SCOPES.includes(scopeLevel(scope))) return;
            report(
                `${what} grants ${role.name} to principal ${principal} at ${level} scope ${scope}, ` +
                    "which reaches every resource there; grant a narrower role on the one resource that needs it",
            );
        }),
    ),
});
