import { ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { GRANT_TYPES, grantsOf } from "./iam-grants";
import { need, read } from "./unknowns";

/** Predefined roles that read secret payloads (secretmanager.versions.access) across what they are granted on. */
export const SECRET_READ_ROLES = ["roles/secretmanager.secretAccessor", "roles/secretmanager.admin"] as const;

/**
 * A condition that keeps the grant to secrets whose resource name starts with a given prefix, as Secret Manager
 * names them in IAM conditions (projects/<number>/secrets/<id>): a `resource.name.startsWith("projects/.../secrets/<prefix>")`
 * clause with a non-empty prefix, and no `||` or `!` that could widen it again.
 */
const PREFIX_CLAUSE = /resource\.name\.startsWith\(\s*["']projects\/[^"'/]+\/secrets\/[^"'/]+["']\s*\)/;

export function restrictsToSecretPrefix(expression: string): boolean {
    return PREFIX_CLAUSE.test(expression) && !/\|\||!/.test(expression);
}

/**
 * A Workload Identity Federation for GKE principal set that covers more than one namespace: the whole pool
 * (`.../workloadIdentityPools/<project>.svc.id.goog/*`), a whole cluster (`/kubernetes.cluster/...`), or any
 * attribute set of the pool other than one namespace (`/namespace/<ns>`).
 */
export function isPoolWideWorkloadPrincipal(member: string): boolean {
    const match =
        /^principalSet:\/\/iam\.googleapis\.com\/projects\/[^/]+\/locations\/global\/workloadIdentityPools\/[^/]+\.svc\.id\.goog\/(.*)$/.exec(
            member.trim(),
        );
    if (!match) return false;
    return !/^namespace\/[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(match[1]);
}

function validate(args: ResourceValidationArgs, report: ReportViolation): void {
    const kind = GRANT_TYPES[args.type];
    if (!kind) return args.notApplicable("not an IAM grant");
    if (kind.scope === "service account") return args.notApplicable("a grant on one service account, not on the resource hierarchy");
    const props = args.props as Record<string, unknown>;
    for (const grant of grantsOf(args.type, props)) {
        if (grant.unreadable || !(SECRET_READ_ROLES as readonly string[]).includes(grant.role)) continue;
        const at = `${grant.where} grants ${grant.role} on the ${kind.scope}`;
        const condition = need(read(grant.condition));
        if (condition === undefined) {
            report(
                `${at} without a condition, so its members read every secret below the ${kind.scope}, every tenant's included; add condition { expression: 'resource.name.startsWith("projects/<project number>/secrets/<cluster>_<tenant>_")' } or grant it on the tenant's secrets`,
            );
        } else if (!restrictsToSecretPrefix(condition)) {
            report(
                `${at} with the condition '${condition}', which does not keep it to one secret name prefix, so its members may read other tenants' secrets; use resource.name.startsWith("projects/<project number>/secrets/<prefix>") with no || or !`,
            );
        }
        const wide = need(read(grant.members)).filter(isPoolWideWorkloadPrincipal);
        if (wide.length > 0) {
            report(
                `${at} to ${wide.join(", ")}, which covers the workloads of every namespace, so one tenant's pods read what another tenant's may; name one namespace's service account (principal://.../subject/ns/<tenant>/sa/<account>)`,
            );
        }
    }
}

/**
 * HC-IAM-06 (CIS GKE 4.4.2). A role that reads Secret Manager payloads, granted on a project, folder or
 * organization, must carry an IAM condition that keeps it to one secret name prefix (one tenant's secrets), and
 * must not name a workload identity principal set that spans namespaces. Grants on one secret are not judged
 * here (they name exactly what they give). A secret-store role of the nodes' account is judged by
 * gcp-gke-nodeaccount-restrict-roles (HC-IAM-04), which allows the node account no role outside its list.
 * The condition and members decide; when they are unknown in preview the policy is not evaluated.
 */
export const iamGrantRestrictSecretAccess = controlResourcePolicy({
    name: "gcp-iam-grant-restrict-secret-access",
    controlId: "HC-IAM-06",
    description:
        "Secret Manager read roles on a project, folder or organization carry a condition on the secret name prefix and name no workload principal set that spans namespaces.",
    remediationSteps:
        "Grant roles/secretmanager.secretAccessor to the tenant's own principal (principal://.../subject/ns/<tenant>/sa/tenant-secrets) with condition resource.name.startsWith(\"projects/<number>/secrets/<cluster>_<tenant>_\"), or on the tenant's secrets themselves.",
    validateResource: validate,
});
