import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, childOptions, managedPolicyArn } from "./context";
import { PolicyDocument, podIdentityTrustPolicy, serviceTrustPolicy } from "./policy-documents";

/**
 * The IAM roles of the cluster (HC-IAM-02, HC-IAM-03): each one trusted by exactly one service and
 * holding only AWS's managed policy for its job.
 */
export interface ClusterRoles {
    /** Trusted by eks.amazonaws.com; AmazonEKSClusterPolicy only. */
    readonly cluster: aws.iam.Role;
    /** Trusted by ec2.amazonaws.com; worker node and image pull policies. No CNI policy: the VPC CNI has its own role. */
    readonly node: aws.iam.Role;
    /** Pod Identity role of the VPC CNI (aws-node): AmazonEKS_CNI_Policy, kept off the node role. */
    readonly vpcCni: aws.iam.Role;
    /** Pod Identity role of the EBS CSI controller: AmazonEBSCSIDriverPolicy. */
    readonly ebsCsi: aws.iam.Role;
    /** Attachments that must exist before the role is used (cluster, node groups, add-ons). */
    readonly clusterAttachments: aws.iam.RolePolicyAttachment[];
    readonly nodeAttachments: aws.iam.RolePolicyAttachment[];
    readonly addonAttachments: aws.iam.RolePolicyAttachment[];
}

export const CLUSTER_ROLE_POLICIES = ["AmazonEKSClusterPolicy"] as const;
export const NODE_ROLE_POLICIES = ["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"] as const;
export const VPC_CNI_POLICY = "AmazonEKS_CNI_Policy";
export const EBS_CSI_POLICY = "service-role/AmazonEBSCSIDriverPolicy";
/** The add-ons' service accounts in kube-system, named by the add-ons themselves. */
export const VPC_CNI_SERVICE_ACCOUNT = "aws-node";
export const EBS_CSI_SERVICE_ACCOUNT = "ebs-csi-controller-sa";

/** The cluster's ARN, known before the cluster exists (the cluster name is fixed by config). */
export function clusterArn(ctx: AwsContext, clusterName: string): pulumi.Output<string> {
    return pulumi.interpolate`arn:${ctx.partition}:eks:${ctx.region}:${ctx.accountId}:cluster/${clusterName}`;
}

function role(ctx: AwsContext, key: string, description: string, trust: pulumi.Input<string>): aws.iam.Role {
    return new aws.iam.Role(
        `${ctx.name}-${key}`,
        { description, assumeRolePolicy: trust, maxSessionDuration: 3600, tags: ctx.tags },
        childOptions(ctx),
    );
}

function attach(ctx: AwsContext, key: string, target: aws.iam.Role, policyPath: string): aws.iam.RolePolicyAttachment {
    const short = policyPath.split("/").pop() ?? policyPath;
    return new aws.iam.RolePolicyAttachment(
        `${ctx.name}-${key}-${short}`,
        { role: target.name, policyArn: managedPolicyArn(ctx.partition, policyPath) },
        childOptions(ctx),
    );
}

/** A role for one Kubernetes service account through EKS Pod Identity (HC-IAM-02): trusted for that account only. */
export function podIdentityRole(
    ctx: AwsContext,
    key: string,
    clusterName: string,
    account: { readonly namespace: string; readonly serviceAccount: string },
): aws.iam.Role {
    const trust = clusterArn(ctx, clusterName).apply((arn) =>
        JSON.stringify(podIdentityTrustPolicy(arn, account.namespace, account.serviceAccount)),
    );
    return role(ctx, key, `${account.namespace}/${account.serviceAccount} of ${clusterName}`, trust);
}

export interface PodIdentityGrant {
    readonly role: aws.iam.Role;
    /** What must exist before the account's pods start: the role's policy and the association. */
    readonly ready: pulumi.Resource[];
}

/**
 * One platform service account's AWS identity through EKS Pod Identity: its own role (trusted for that
 * account only), one inline policy, and the association. With Pod Identity the account needs no annotation.
 * Resource names: `<stack>-<key>-role`, `<stack>-<key>-<policyKey>`, `<stack>-<key>`.
 */
export function podIdentityGrant(
    ctx: AwsContext,
    args: {
        readonly key: string;
        readonly policyKey: string;
        readonly clusterName: string;
        /** The cluster's name as an output, so the association waits for the cluster. */
        readonly cluster: pulumi.Input<string>;
        readonly account: { readonly namespace: string; readonly serviceAccount: string };
        readonly policy: pulumi.Input<PolicyDocument>;
    },
): PodIdentityGrant {
    const role = podIdentityRole(ctx, `${args.key}-role`, args.clusterName, args.account);
    const policy = new aws.iam.RolePolicy(
        `${ctx.name}-${args.key}-${args.policyKey}`,
        { role: role.id, policy: pulumi.output(args.policy).apply((p) => JSON.stringify(p)) },
        childOptions(ctx),
    );
    const association = new aws.eks.PodIdentityAssociation(
        `${ctx.name}-${args.key}`,
        {
            clusterName: args.cluster,
            namespace: args.account.namespace,
            serviceAccount: args.account.serviceAccount,
            roleArn: role.arn,
            tags: ctx.tags,
        },
        childOptions(ctx),
    );
    return { role, ready: [policy, association] };
}

/** Attaches an AWS managed policy (path after `policy/`) to a role. */
export function attachManagedPolicy(ctx: AwsContext, key: string, target: aws.iam.Role, policyPath: string): aws.iam.RolePolicyAttachment {
    return attach(ctx, key, target, policyPath);
}

export function clusterRoles(ctx: AwsContext, clusterName: string): ClusterRoles {
    const cluster = role(
        ctx,
        "cluster-role",
        `EKS control plane of ${clusterName}`,
        JSON.stringify(serviceTrustPolicy("eks.amazonaws.com")),
    );
    const node = role(ctx, "node-role", `EKS managed nodes of ${clusterName}`, JSON.stringify(serviceTrustPolicy("ec2.amazonaws.com")));
    const podTrust = (serviceAccount: string) =>
        clusterArn(ctx, clusterName).apply((arn) => JSON.stringify(podIdentityTrustPolicy(arn, "kube-system", serviceAccount)));
    const vpcCni = role(ctx, "vpc-cni-role", `VPC CNI (kube-system/aws-node) of ${clusterName}`, podTrust(VPC_CNI_SERVICE_ACCOUNT));
    const ebsCsi = role(
        ctx,
        "ebs-csi-role",
        `EBS CSI controller (kube-system/ebs-csi-controller-sa) of ${clusterName}`,
        podTrust(EBS_CSI_SERVICE_ACCOUNT),
    );
    return {
        cluster,
        node,
        vpcCni,
        ebsCsi,
        clusterAttachments: CLUSTER_ROLE_POLICIES.map((p) => attach(ctx, "cluster-role", cluster, p)),
        nodeAttachments: NODE_ROLE_POLICIES.map((p) => attach(ctx, "node-role", node, p)),
        addonAttachments: [attach(ctx, "vpc-cni-role", vpcCni, VPC_CNI_POLICY), attach(ctx, "ebs-csi-role", ebsCsi, EBS_CSI_POLICY)],
    };
}
