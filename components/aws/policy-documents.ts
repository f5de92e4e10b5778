/**
 * IAM and KMS policy documents as pure functions of plain strings, so the exact statements are
 * tested without mocks. No statement uses a wildcard action (HC-IAM-03): every action is spelled out.
 */
export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal?: Readonly<Record<string, string | readonly string[]>> | "*";
    readonly Action: readonly string[];
    readonly Resource?: string | readonly string[];
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

function doc(...statements: PolicyStatement[]): PolicyDocument {
    return { Version: "2012-10-17", Statement: statements };
}

/** A role an AWS service assumes. */
export function serviceTrustPolicy(service: string, extra: Pick<PolicyStatement, "Condition"> = {}): PolicyDocument {
    return doc({ Effect: "Allow", Principal: { Service: service }, Action: ["sts:AssumeRole"], ...extra });
}

/**
 * A role for one service account through EKS Pod Identity (HC-IAM-02). EKS Pod Identity tags the STS
 * session with the cluster, namespace and service account (hence sts:TagSession); the trust policy
 * matches those request tags, so no other cluster's or service account's association can use the role.
 */
export function podIdentityTrustPolicy(clusterArn: string, namespace: string, serviceAccount: string): PolicyDocument {
    return doc({
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
            StringEquals: {
                "aws:RequestTag/eks-cluster-arn": clusterArn,
                "aws:RequestTag/kubernetes-namespace": namespace,
                "aws:RequestTag/kubernetes-service-account": serviceAccount,
            },
        },
    });
}

/** The VPC flow-logs service, only on behalf of this account's flow logs (confused-deputy guard). */
export function flowLogsTrustPolicy(partition: string, region: string, accountId: string): PolicyDocument {
    return serviceTrustPolicy("vpc-flow-logs.amazonaws.com", {
        Condition: {
            StringEquals: { "aws:SourceAccount": accountId },
            ArnLike: { "aws:SourceArn": `arn:${partition}:ec2:${region}:${accountId}:vpc-flow-log/*` },
        },
    });
}

/**
 * What the flow-logs service needs to write into its one log group. DescribeLogGroups is a list call that
 * IAM does not scope to one group (a group ARN never matches it), so it alone takes every resource: it
 * reads names and settings, never events. Stream creation and writes stay on this group.
 */
export function flowLogsWritePolicy(logGroupArn: string): PolicyDocument {
    return doc(
        {
            Sid: "WriteThisGroup",
            Effect: "Allow",
            Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
            Resource: [logGroupArn, `${logGroupArn}:*`],
        },
        { Sid: "ListGroups", Effect: "Allow", Action: ["logs:DescribeLogGroups"], Resource: "*" },
    );
}

/**
 * Read-only pulls from the named ECR repositories: manifests and layers (signatures are stored beside the
 * image as `sha256-<digest>.sig` tags in the same repository). GetAuthorizationToken is account-level (IAM
 * does not scope it to a repository) and grants nothing by itself: every read is still checked per repository.
 */
export function ecrReadPolicy(repositoryArns: readonly string[]): PolicyDocument {
    return doc(
        { Sid: "RegistryToken", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: "*" },
        {
            Sid: "ReadTrustedRepositories",
            Effect: "Allow",
            Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            Resource: [...repositoryArns],
        },
    );
}

/**
 * The Container Insights agent and its Fluent Bit (HC-RUN-03), narrower than AWS's CloudWatchAgentServerPolicy:
 * they write only into the cluster's Container Insights groups (never into the audit groups), may create only
 * those groups (they exist already, so a create is a no-op answer) and cannot change any group's retention.
 * Metrics, the instance and volume descriptions the agent tags metrics with, and DescribeLogGroups (a list call
 * IAM does not scope) take every resource, as they do in the managed policy.
 */
export function containerInsightsAgentPolicy(logGroupArns: readonly string[]): PolicyDocument {
    return doc(
        {
            Sid: "WriteContainerInsightsGroups",
            Effect: "Allow",
            Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"],
            Resource: logGroupArns.flatMap((arn) => [arn, `${arn}:*`]),
        },
        {
            Sid: "MetricsAndDiscovery",
            Effect: "Allow",
            Action: ["cloudwatch:PutMetricData", "ec2:DescribeTags", "ec2:DescribeVolumes", "logs:DescribeLogGroups"],
            Resource: "*",
        },
    );
}

export interface KeyPolicyInput {
    readonly partition: string;
    readonly accountId: string;
    readonly region: string;
    /** The EKS cluster role: envelope encryption of Secrets. */
    readonly clusterRoleArn: string;
    /** Roles that create EBS volumes through EC2 for persistent volumes: the EBS CSI driver's role. */
    readonly ebsRoleArns: readonly string[];
    /** Log groups encrypted with the key. */
    readonly logGroupNames: readonly string[];
}

/** Administration without use: the account (through IAM policies) manages the key but cannot decrypt with it via this statement. */
export const KEY_ADMIN_ACTIONS = [
    "kms:CancelKeyDeletion",
    "kms:CreateAlias",
    "kms:CreateGrant",
    "kms:DeleteAlias",
    "kms:DescribeKey",
    "kms:DisableKey",
    "kms:DisableKeyRotation",
    "kms:EnableKey",
    "kms:EnableKeyRotation",
    "kms:GetKeyPolicy",
    "kms:GetKeyRotationStatus",
    "kms:ListAliases",
    "kms:ListGrants",
    "kms:ListKeyPolicies",
    "kms:ListKeyRotations",
    "kms:ListResourceTags",
    "kms:PutKeyPolicy",
    "kms:RetireGrant",
    "kms:RevokeGrant",
    "kms:RotateKeyOnDemand",
    "kms:ScheduleKeyDeletion",
    "kms:TagResource",
    "kms:UntagResource",
    "kms:UpdateAlias",
    "kms:UpdateKeyDescription",
] as const;

/** Symmetric data-key use, spelled out (no kms:ReEncrypt* / kms:GenerateDataKey* wildcards). */
export const KEY_USE_ACTIONS = [
    "kms:Encrypt",
    "kms:Decrypt",
    "kms:ReEncryptFrom",
    "kms:ReEncryptTo",
    "kms:GenerateDataKey",
    "kms:GenerateDataKeyWithoutPlaintext",
    "kms:DescribeKey",
] as const;

/** The Auto Scaling service-linked role launches managed node group instances and so creates their volumes. */
export function autoScalingServiceRoleArn(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
}

/**
 * The cluster key's policy (HC-SEC-01, HC-SEC-02, HC-NODE-01, HC-AUD-02).
 * - The account root administers the key (and lets IAM policies grant that administration), so the key
 *   can never become unmanageable; it gets no encrypt/decrypt here.
 * - The cluster role encrypts Secrets (EKS creates a grant for its encryption provider).
 * - Node volumes: managed node groups launch through Auto Scaling, whose service-linked role creates
 *   the encrypted volumes of the launch template (AWS's documented key policy for encrypted volumes with
 *   Auto Scaling). It is matched by aws:PrincipalArn rather than named as Principal, because in a new
 *   account that role only exists after the first Auto Scaling group, and a key policy naming a missing
 *   principal is rejected.
 * - Persistent volumes: the EBS CSI driver's role, only through EC2 in this region.
 * - CloudWatch Logs encrypts exactly the listed log groups.
 */
export function clusterKeyPolicy(input: KeyPolicyInput): PolicyDocument {
    const { partition, accountId, region } = input;
    const root = `arn:${partition}:iam::${accountId}:root`;
    const autoScaling = { "aws:PrincipalArn": autoScalingServiceRoleArn(partition, accountId) };
    const viaEc2 = { "kms:CallerAccount": accountId, "kms:ViaService": `ec2.${region}.amazonaws.com` };
    const forAwsResource = { Bool: { "kms:GrantIsForAWSResource": "true" } };
    return doc(
        { Sid: "AccountAdministersKey", Effect: "Allow", Principal: { AWS: root }, Action: [...KEY_ADMIN_ACTIONS], Resource: "*" },
        {
            Sid: "ClusterRoleEncryptsSecrets",
            Effect: "Allow",
            Principal: { AWS: input.clusterRoleArn },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
            Resource: "*",
        },
        {
            Sid: "ClusterRoleCreatesGrantsForEks",
            Effect: "Allow",
            Principal: { AWS: input.clusterRoleArn },
            Action: ["kms:CreateGrant"],
            Resource: "*",
            Condition: forAwsResource,
        },
        {
            Sid: "AutoScalingEncryptsNodeVolumes",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: [...KEY_USE_ACTIONS],
            Resource: "*",
            Condition: { StringEquals: { "kms:CallerAccount": accountId }, ArnEquals: autoScaling },
        },
        {
            Sid: "AutoScalingCreatesNodeVolumeGrants",
            Effect: "Allow",
            Principal: { AWS: "*" },
            Action: ["kms:CreateGrant"],
            Resource: "*",
            Condition: { StringEquals: { "kms:CallerAccount": accountId }, ArnEquals: autoScaling, ...forAwsResource },
        },
        {
            Sid: "EbsCsiEncryptsVolumesThroughEc2",
            Effect: "Allow",
            Principal: { AWS: [...input.ebsRoleArns] },
            Action: [...KEY_USE_ACTIONS],
            Resource: "*",
            Condition: { StringEquals: viaEc2 },
        },
        {
            Sid: "EbsCsiManagesVolumeGrantsThroughEc2",
            Effect: "Allow",
            Principal: { AWS: [...input.ebsRoleArns] },
            Action: ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"],
            Resource: "*",
            Condition: { StringEquals: viaEc2, ...forAwsResource },
        },
        {
            Sid: "CloudWatchLogsEncryptsClusterLogGroups",
            Effect: "Allow",
            Principal: { Service: `logs.${region}.amazonaws.com` },
            Action: [...KEY_USE_ACTIONS],
            Resource: "*",
            Condition: {
                ArnEquals: {
                    "kms:EncryptionContext:aws:logs:arn": input.logGroupNames.map(
                        (n) => `arn:${partition}:logs:${region}:${accountId}:log-group:${n}`,
                    ),
                },
            },
        },
    );
}

/**
 * The Kubernetes Cluster Autoscaler on EKS (issue 14, HC-IAM-03), after the autoscaler's AWS provider docs:
 * discovery and the node-template reads are Describe/Get calls IAM does not scope to a group, so they take
 * every resource; the two calls that change capacity act only on Auto Scaling groups tagged
 * `k8s.io/cluster-autoscaler/<clusterName>=owned`, the tag EKS puts on the groups of this cluster's managed
 * node groups. No UpdateAutoScalingGroup, no launch-template or instance writes.
 */
export const CLUSTER_AUTOSCALER_READ_ACTIONS = [
    "autoscaling:DescribeAutoScalingGroups",
    "autoscaling:DescribeAutoScalingInstances",
    "autoscaling:DescribeLaunchConfigurations",
    "autoscaling:DescribeScalingActivities",
    "ec2:DescribeImages",
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeLaunchTemplateVersions",
    "ec2:GetInstanceTypesFromInstanceRequirements",
    "eks:DescribeNodegroup",
] as const;
export const CLUSTER_AUTOSCALER_SCALE_ACTIONS = [
    "autoscaling:SetDesiredCapacity",
    "autoscaling:TerminateInstanceInAutoScalingGroup",
] as const;

export function clusterAutoscalerPolicy(clusterName: string): PolicyDocument {
    return doc(
        { Sid: "DiscoverNodeGroups", Effect: "Allow", Action: [...CLUSTER_AUTOSCALER_READ_ACTIONS], Resource: "*" },
        {
            Sid: "ScaleThisClustersGroups",
            Effect: "Allow",
            Action: [...CLUSTER_AUTOSCALER_SCALE_ACTIONS],
            Resource: "*",
            Condition: { StringEquals: { [`aws:ResourceTag/k8s.io/cluster-autoscaler/${clusterName}`]: "owned" } },
        },
    );
}
