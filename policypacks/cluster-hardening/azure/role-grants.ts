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
    /** Each is "" when not set (or not text): ARM refuses such a grant, and the policies fail closed on it. */
    readonly principalId: string;
    readonly roleDefinitionId: string;
    readonly scope: string;
}

/** A lazy view of a grant's props: each field is read only when a policy asks for it. */
function grantView(props: Readonly<Record<string, unknown>>): RoleGrant {
    const text = (key: string): string => {
        const value = props[key];
        return typeof value === "string" ? value : "";
    };
    return {
        get principalId() {
            return text("principalId");
        },
        get roleDefinitionId() {
            return text("roleDefinitionId");
        },
        get scope() {
            return text("scope");
        },
    };
}

/** Checks one grant; `what` names it in messages ("role assignment platform-prod-access-deployer"). */
export type GrantCheck = (grant: RoleGrant, what: string, args: ResourceValidationArgs, report: ReportViolation) => void;

export function grantValidations(check: GrantCheck) {
    return [
        validateResourceOfType(authorization.RoleAssignment, (_grant, args, report) =>
            check(grantView(args.props), `role assignment ${args.name}`, args, report),
        ),
        validateResourceOfType(authorization.PimRoleEligibilitySchedule, (_grant, args, report) =>
            check(grantView(args.props), `PIM eligibility ${args.name}`, args, report),
        ),
    ];
}
