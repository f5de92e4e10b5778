import { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { adminRoleReason } from "./iam-roles";
import { GRANT_TYPES, grantsOf, isPublicMember } from "./iam-grants";
import { read } from "./unknowns";

const NOT_KNOWN_YET = "(a member not known until apply)";

function validate(args: ResourceValidationArgs, report: ReportViolation): void {
    if (!GRANT_TYPES[args.type]) return args.notApplicable("not an IAM grant");
    const props = args.props as Record<string, unknown>;
    for (const grant of grantsOf(args.type, props)) {
        if (grant.unreadable) {
            report(grant.unreadable);
            continue;
        }
        const level = grant.scope === "service account" ? "service account" : "resource hierarchy";
        const reason = adminRoleReason(grant.role, level);
        // The role decides; members only name who in the message. allUsers / allAuthenticatedUsers are
        // literals, never computed, so a member unknown in preview (an account's e-mail) is not one.
        const members = read(grant.members);
        const at = `on the ${grant.scope}`;
        if (reason) {
            const who = members.known ? members.value.join(", ") || "(no member)" : NOT_KNOWN_YET;
            report(
                `${grant.where} grants ${grant.role} to ${who} ${at}: ${reason}; grant the narrowest predefined role the job needs, or record a reviewed exception`,
            );
            continue;
        }
        const open = members.known ? members.value.filter(isPublicMember) : [];
        if (open.length > 0) {
            report(
                `${grant.where} grants ${grant.role} to ${open.join(", ")} ${at}, that is to anyone (with any Google account); name the principals that need it instead`,
            );
        }
    }
}

/**
 * HC-IAM-04 (CIS GKE 5.2.1; CIS Google Cloud Foundations 1.5, 1.6). No IAM grant of the stack gives a
 * node, workload or team identity an administrator-level role (iam-roles.ts: basic roles, IAM and
 * policy administrators, service-account impersonation on a whole project, folder or organization, OS
 * admin login, any *Admin role of a service), and no grant names allUsers or allAuthenticatedUsers.
 * Judged on project, folder and organization IAM (member, binding, and the bindings of a whole policy)
 * and on service-account IAM, whoever the grant names and wherever it was registered. The role
 * decides first, so a grant of a harmless role is never held up by a member unknown in preview.
 */
export const iamGrantDenyAdminRoles = controlResourcePolicy({
    name: "gcp-iam-grant-deny-admin-roles",
    controlId: "HC-IAM-04",
    description:
        "No IAM grant gives an administrator-level role (Owner, Editor, IAM admin, project-wide impersonation, *Admin) to anyone, or any role to allUsers / allAuthenticatedUsers.",
    remediationSteps:
        "Grant the narrowest predefined role on the narrowest resource (a service account, not the project); cluster rights go through Kubernetes RBAC.",
    validateResource: validate,
});
