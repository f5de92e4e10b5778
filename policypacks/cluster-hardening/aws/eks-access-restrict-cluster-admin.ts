import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { stringsOf } from "./ingress-exposure";
import { validateResourcesOfTypes } from "./lib";

interface Config {
    readonly adminPrincipals: string[];
    readonly adminGroups: string[];
}

/** EKS access policies that make the holder a cluster administrator wherever they are scoped. */
const ADMIN_ANY_SCOPE: Readonly<Record<string, string>> = {
    AmazonEKSClusterAdminPolicy: "is cluster-admin (every verb on every resource)",
    AmazonEKSAdminPolicy: "writes Roles and RoleBindings, so it can grant itself anything in its scope",
};

/**
 * Access policies that are admin-equivalent when they reach every namespace or kube-system: reading every
 * Secret, or editing kube-system (pods/exec, Secrets and serviceaccounts/impersonate there reach the
 * system controllers' credentials).
 */
const ADMIN_CLUSTER_WIDE: Readonly<Record<string, string>> = {
    AmazonEKSAdminViewPolicy: "reads every resource, Secrets included",
    AmazonEKSSecretReaderPolicy: "reads Secrets",
    AmazonEKSEditPolicy: "execs into pods, reads Secrets and impersonates service accounts",
};

const SYSTEM_NAMESPACE = "kube-system";
/** Group names EKS refuses in access entries (and system:masters would bypass RBAC). */
const RESERVED_GROUP_PREFIX = "system:";

function listed(principal: string, admins: readonly string[]): boolean {
    // IAM role and user names are unique regardless of case.
    return admins.some((a) => a.trim().toLowerCase() === principal.trim().toLowerCase());
}

function notAdmin(principal: string, config: Config): string {
    return config.adminPrincipals.length === 0
        ? `${principal}, and the pack config lists no adminPrincipals`
        : `${principal}, which is not one of the pack config's adminPrincipals`;
}

/**
 * HC-IAM-05 (CIS EKS 4.1.1, 5.5.1). Cluster-admin through EKS's own IAM integration goes only to the
 * platform admins the pack config names (`adminPrincipals`: IAM role or user ARNs; the shipped configs
 * list each shipped stack's admins and deployer). The rule judges who is granted, never where the grant
 * was registered:
 * - an AccessPolicyAssociation of AmazonEKSClusterAdminPolicy or AmazonEKSAdminPolicy (any scope), or of
 *   AmazonEKSAdminViewPolicy, AmazonEKSSecretReaderPolicy or AmazonEKSEditPolicy cluster-wide or in
 *   kube-system, for any other principal fails;
 * - an AccessEntry that puts any other principal into one of `adminGroups` (the Kubernetes groups the
 *   baseline binds to cluster-admin) fails; so does any "system:" group, which EKS refuses anyway
 *   (InvalidParameterException), since system:masters would bypass RBAC altogether.
 */
export const awsEksAccessRestrictClusterAdmin = controlResourcePolicy({
    name: "aws-eks-access-restrict-cluster-admin",
    controlId: "HC-IAM-05",
    description: "EKS cluster-admin access policies and admin Kubernetes groups go only to the pack config's adminPrincipals.",
    remediationSteps:
        "Grant AmazonEKSEditPolicy or AmazonEKSViewPolicy scoped to the principal's namespaces; if the principal is a platform admin, add its ARN to adminPrincipals in the pack config.",
    configProperties: {
        adminPrincipals: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "IAM role or user ARNs allowed cluster-admin through EKS access entries (platform admins and the deployer).",
        },
        adminGroups: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Kubernetes groups bound to cluster-admin; only adminPrincipals may be mapped to them.",
        },
    },
    validateResource: validateResourcesOfTypes([
        validateResourceOfType(aws.eks.AccessPolicyAssociation, (association, args, report) => {
            const config = args.getConfig<Config>();
            const policy = association.policyArn.split("/").pop() ?? association.policyArn;
            const scope = association.accessScope;
            const namespaces = stringsOf(scope?.namespaces);
            const clusterWide = scope?.type !== "namespace" || namespaces.includes(SYSTEM_NAMESPACE);
            const where = scope?.type === "namespace" ? `namespaces [${namespaces.join(", ")}]` : "the whole cluster";
            const why = ADMIN_ANY_SCOPE[policy] ?? (clusterWide ? ADMIN_CLUSTER_WIDE[policy] : undefined);
            if (why === undefined) return;
            if (listed(association.principalArn, config.adminPrincipals)) return;
            report(
                `associates ${policy} (which ${why}) over ${where} with ${notAdmin(association.principalArn, config)}; grant AmazonEKSEditPolicy or AmazonEKSViewPolicy scoped to its own namespaces, or list it in adminPrincipals if it is a platform admin`,
            );
        }),
        validateResourceOfType(aws.eks.AccessEntry, (entry, args, report) => {
            const config = args.getConfig<Config>();
            const groups = stringsOf(entry.kubernetesGroups);
            const reserved = groups.filter((g) => g.toLowerCase().startsWith(RESERVED_GROUP_PREFIX));
            if (reserved.length > 0) {
                report(
                    `maps ${entry.principalArn} to [${reserved.join(", ")}]; EKS refuses "system:" groups in access entries and system:masters would bypass RBAC: map admins to a group in adminGroups instead`,
                );
            }
            const admin = groups.filter((g) => config.adminGroups.includes(g));
            if (admin.length > 0 && !listed(entry.principalArn, config.adminPrincipals)) {
                report(
                    `maps ${notAdmin(entry.principalArn, config)}, to the cluster-admin group(s) [${admin.join(", ")}]; map it to its team's group, or list it in adminPrincipals if it is a platform admin`,
                );
            }
        }),
    ]),
});
