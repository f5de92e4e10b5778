import * as authorization from "@pulumi/azure-native/authorization";
import { ReportViolation, ResourceValidationArgs, validateResourceOfType } from "@pulumi/policy";

/**
 * A role grant in either of its forms: an active RoleAssignment, or a PIM eligibility schedule that
 * lets the principal activate the role at will (azure-native 3.x, authorization 2022-04-01 /
 * PimRoleEligibilitySchedule). Both carry principalId, roleDefinitionId and scope.
 *
 * Props are read lazily, in the order the policy needs them: during preview a scope or principal may be
 * unknown, and reading it makes the policy "not evaluated" — so a policy reads the role first and the
 * rest only when the role matters.
 */
export interface RoleGrant {
    readonly principalId: string;
    readonly roleDefinitionId: string;
    readonly scope: string;
}

/** Checks one grant; `what` names it in messages ("role assignment platform-prod-access-deployer"). */
export type GrantCheck = (grant: RoleGrant, what: string, args: ResourceValidationArgs, report: ReportViolation) => void;

export function grantValidations(check: GrantCheck) {
    return [
        validateResourceOfType(authorization.RoleAssignment, (grant, args, report) =>
            check(grant, `role assignment ${args.name}`, args, report),
        ),
        validateResourceOfType(authorization.PimRoleEligibilitySchedule, (grant, args, report) =>
            check(grant, `PIM eligibility ${args.name}`, args, report),
        ),
    ];
}
