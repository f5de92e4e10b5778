import { controlResourcePolicy } from "../../lib/define";
import { validateResourcesOfTypes } from "../aws/lib";
import { grantValidations } from "./role-grants";
import { ADMIN_ROLES, BROAD_SCOPES, roleNamed, scopeLevel } from "./roles";
import { known, NOT_KNOWN_YET } from "./unknowns";

/**
 * HC-IAM-04: no principal (node, workload, team or person) gets Owner, Contributor, User Access
 * Administrator or Role Based Access Control Administrator on a tenant root, management group,
 * subscription or resource group from the stack. Those roles reach every resource in the scope (the
 * cluster's vault and key, other teams' resources) or can grant any role there, themselves included.
 * The blueprint grants only narrow roles (Network Contributor on its VNet, Key Vault Crypto User on one
 * key, AKS roles on the cluster). Judged for active assignments and PIM eligibilities alike; a role
 * assignment `condition` does not lift it (a condition that really narrows a delegation is a reviewed
 * exception). Administrator roles on a single resource are left to the resource's own policies; on the
 * cluster they are HC-IAM-05's.
 */
export const azureAuthorizationRoleassignmentDenyAdminRoles = controlResourcePolicy({
    name: "azure-authorization-roleassignment-deny-admin-roles",
    controlId: "HC-IAM-04",
    description:
        "No role assignment or PIM eligibility grants Owner, Contributor, User Access Administrator or Role Based Access Control Administrator at tenant root, management group, subscription or resource group scope.",
    remediationSteps:
        "Grant the narrowest built-in role that covers the task (e.g. Network Contributor, Key Vault Crypto User, AKS RBAC Writer) on the one resource that needs it.",
    validateResource: validateResourcesOfTypes(
        grantValidations((grant, what, _args, report) => {
            const role = roleNamed(ADMIN_ROLES, grant.roleDefinitionId);
            if (!role) return;
            const level = scopeLevel(grant.scope);
            if (!BROAD_SCOPES.includes(level)) return;
            report(
                `${what} grants ${role.name} to principal ${known(() => grant.principalId, NOT_KNOWN_YET)} at ${level} scope ${grant.scope || "/"}, ` +
                    `which reaches every resource there (and, for Owner and the access administrators, can grant any role); ` +
                    `grant a narrower role on the one resource that needs it`,
            );
        }),
    ),
});
