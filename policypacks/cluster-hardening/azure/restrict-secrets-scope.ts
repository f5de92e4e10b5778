import { controlResourcePolicy } from "../../lib/define";
import { validateResourcesOfTypes } from "../aws/lib";
import { grantValidations } from "./role-grants";
import { BROAD_SCOPES, roleNamed, scopeLevel } from "./roles";
import { SECRET_READER_ROLES } from "./secret-roles";
import { known, NOT_KNOWN_YET } from "./unknowns";

/**
 * HC-IAM-06: a role that reads Key Vault secret values is granted on one vault (or one secret), never on a
 * resource group, subscription, management group or the tenant root: there it reaches every vault in that
 * scope, the KMS vault and every other tenant's vault included. Judged for active assignments and PIM
 * eligibilities, whoever holds them.
 */
export const azureAuthorizationRoleassignmentRestrictSecretsScope = controlResourcePolicy({
    name: "azure-authorization-roleassignment-restrict-secrets-scope",
    controlId: "HC-IAM-06",
    description:
        "Key Vault Secrets User, Secrets Officer and Administrator are granted on one vault or secret, never on a resource group, subscription, management group or tenant root.",
    remediationSteps:
        "Scope the role assignment to the one vault the principal needs (a tenant's own vault), e.g. scope: vault.id; give each tenant its own vault.",
    validateResource: validateResourcesOfTypes(
        grantValidations((grant, what, _args, report) => {
            const role = roleNamed(SECRET_READER_ROLES, grant.roleDefinitionId);
            if (!role) return;
            const scope = grant.scope;
            if (scope && !BROAD_SCOPES.includes(scopeLevel(scope))) return;
            const principal = known(() => grant.principalId || "(none set)", NOT_KNOWN_YET);
            const level = scope ? `${scopeLevel(scope)} scope ${scope}` : "no scope (ARM refuses it)";
            report(
                `${what} grants ${role.name} to principal ${principal} at ${level}, which reads the secrets of every vault there, other tenants' and the KMS vault's included; ` +
                    "scope it to the one vault the principal needs",
            );
        }),
    ),
});
