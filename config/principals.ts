import { Cloud } from "../core/vocabulary";

/**
 * How each cloud names the identities that get cluster access, as the stack config gives them:
 * AWS IAM role ARNs (mapped through EKS access entries), Entra ID group object ids (AKS with Azure
 * RBAC), Google Group e-mail addresses (GKE Google Groups for RBAC).
 */
export const PRINCIPAL_FORMATS: Readonly<Record<Cloud, { pattern: RegExp; allowed: string }>> = {
    aws: {
        pattern: /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
        allowed: "an IAM role ARN such as arn:aws:iam::123456789012:role/platform-admins",
    },
    azure: {
        pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        allowed: "an Entra ID group object id (a GUID such as 00000000-0000-0000-0000-000000000000)",
    },
    gcp: {
        pattern: /^[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/,
        allowed: "a Google Group e-mail address such as platform-admins@example.com",
    },
};

/**
 * How `access.deployer` names the identity that runs `pulumi up`: an IAM role ARN on AWS; on Azure the
 * principal type ARM expects in a role assignment and the object id (`ServicePrincipal:<id>`,
 * `User:<id>`, or `Group:<id>` for one of the admin groups the runner belongs to). GKE takes none: the
 * deployer's Kubernetes rights come from its project IAM role (see components/gcp/README or the README).
 */
export const DEPLOYER_FORMATS: Readonly<Record<Cloud, { pattern: RegExp; allowed: string } | undefined>> = {
    aws: PRINCIPAL_FORMATS.aws,
    azure: {
        pattern: /^(User|ServicePrincipal|Group):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
        allowed:
            "<principal type>:<object id>, such as ServicePrincipal:00000000-0000-0000-0000-000000000000 (User, ServicePrincipal, or Group for an admin group)",
    },
    gcp: undefined,
};
