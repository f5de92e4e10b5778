/**
 * AWS managed policies that make whoever holds them an account administrator, or let them become one
 * (HC-IAM-04). Chosen from each policy's published document (AWS managed policy reference), by one test:
 * does it grant every action, IAM or Organizations write, or iam:PassRole on any role together with a
 * service that runs code as the passed role? Each entry says which. Matched by name under the "aws"
 * account in any partition (arn:aws:iam::aws:policy/..., arn:aws-us-gov:..., arn:aws-cn:...).
 *
 * Left out on purpose: the job-function policies (SystemAdministrator, NetworkAdministrator,
 * DatabaseAdministrator, DataScientist) pass only roles whose names follow AWS's filters; ReadOnlyAccess
 * and ViewOnlyAccess write nothing; service full-access policies without PassRole (AmazonEC2FullAccess,
 * AmazonS3FullAccess) are broad but no path to admin. Candidates an organization may add through the
 * policy's `additionalDeniedPolicies` pack config: AmazonSSMFullAccess (SSM commands run as root on
 * managed nodes) and the ECR write policies on node roles (CIS EKS 5.1.3).
 */
export const ADMIN_MANAGED_POLICIES: Readonly<Record<string, string>> = {
    AdministratorAccess: 'allows "*" on "*"',
    PowerUserAccess: "allows every action outside IAM, Organizations and Account",
    IAMFullAccess: "allows iam:*, so it can create an administrator",
    AWSOrganizationsFullAccess: "allows organizations:*, which from the management account reaches every member account",
    "AdministratorAccess-Amplify": "grants account administrative permissions (AWS's description), including IAM role and policy writes",
    "AdministratorAccess-AWSElasticBeanstalk": "grants account administrative permissions (AWS's description), including iam:PassRole",
    AWSLambda_FullAccess: "allows lambda:* with iam:PassRole on any role to Lambda, so code can run as any role",
};

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(?:.+\/)?([^/]+)$/;

/** Why an attached policy ARN is administrator-level, or undefined. `extra` holds names or full ARNs. */
export function adminPolicyReason(policyArn: string, extra: readonly string[] = []): string | undefined {
    const arn = policyArn.trim();
    const lowered = extra.map((e) => e.trim().toLowerCase());
    const match = AWS_MANAGED.exec(arn);
    if (match) {
        const name = Object.keys(ADMIN_MANAGED_POLICIES).find((n) => n.toLowerCase() === match[1].toLowerCase());
        if (name) return ADMIN_MANAGED_POLICIES[name];
        if (lowered.includes(match[1].toLowerCase())) return "is denied by this environment's additionalDeniedPolicies";
    }
    if (lowered.includes(arn.toLowerCase())) return "is denied by this environment's additionalDeniedPolicies";
    return undefined;
}
