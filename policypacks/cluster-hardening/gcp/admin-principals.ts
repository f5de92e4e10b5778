import { memberEmail } from "./iam-grants";

/**
 * The pack config's `adminPrincipals`: IAM members ("group:platform-admins@example.com",
 * "serviceAccount:deployer@p.iam.gserviceaccount.com", "principal://...") or bare e-mails, which match
 * that e-mail whatever the member type. Compared without case, as IAM compares e-mails. Pure.
 */
export function isAdminPrincipal(member: string, adminPrincipals: readonly string[]): boolean {
    const whole = member.trim().toLowerCase();
    const email = memberEmail(member);
    return adminPrincipals.some((entry) => {
        const e = entry.trim().toLowerCase();
        return e.includes(":") ? e === whole : e === email;
    });
}
