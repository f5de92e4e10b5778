import { exceptionTagKey } from "../../../core/exception-format";
import { addResource, combined, Inputs, jsonText, removeResource, set, target, unset } from "../framework/edits";
import { MutationTable } from "../framework/rows";
import { EXPIRED_EXCEPTION, exceptionWithoutApprover, validException } from "../framework/values";

/** Insecure (and compliant) edits to the shipped EKS stacks, judged by the cluster-hardening pack. */
const PROD = "aws-prod";
const DEV = "aws-dev";

const cluster = target("aws:eks/cluster:Cluster");
const launchTemplates = target("aws:ec2/launchTemplate:LaunchTemplate");
const generalTemplate = target("aws:ec2/launchTemplate:LaunchTemplate", "-general");
const nodeGroups = target("aws:eks/nodeGroup:NodeGroup");
const generalNodeGroup = target("aws:eks/nodeGroup:NodeGroup", "-general");
const key = target("aws:kms/key:Key");
const logGroups = target("aws:cloudwatch/logGroup:LogGroup");
const clusterLogGroup = target("aws:cloudwatch/logGroup:LogGroup", "-cluster-logs");
const privateSubnets = target("aws:ec2/subnet:Subnet", /-private-/, undefined, "private Subnets");
const publicSubnetA = target("aws:ec2/subnet:Subnet", "-public-a");
const flowLog = target("aws:ec2/flowLog:FlowLog");
const vpcCni = target("aws:eks/addon:Addon", "-vpc-cni");
const podIdentityAgent = target("aws:eks/addon:Addon", "-eks-pod-identity-agent");
const flowLogsPolicy = target("aws:iam/rolePolicy:RolePolicy", "-flow-logs-write");
const nodeRole = target("aws:iam/role:Role", "-node-role");
const vpcCniRole = target("aws:iam/role:Role", "-vpc-cni-role");
const nodeSecurityGroup = target("aws:ec2/securityGroup:SecurityGroup", "-node-sg");
const nodeRoleAttachment = target("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "-node-role-AmazonEKSWorkerNodePolicy");
const defaultSecurityGroup = target("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
const tenantSecretsRead = target("aws:iam/rolePolicy:RolePolicy", "-tenant-payments-secrets-read");
const tenantAccessPolicy = target("aws:eks/accessPolicyAssociation:AccessPolicyAssociation", "-team-payments-edit");

const IMDS = "aws-ec2-launchtemplate-require-imdsv2";
const VOLUMES = "aws-ec2-launchtemplate-require-encrypted-volumes";
const ENDPOINT = "aws-eks-cluster-require-private-endpoint";
const RETENTION = "aws-cloudwatch-loggroup-require-retention";
const AUTH_MODE = "aws-eks-cluster-require-api-authentication-mode";
const ROTATION = "aws-kms-key-require-rotation";
const WILDCARDS = "aws-iam-policy-deny-wildcard-actions";
const SECRETS_READ = "aws-iam-role-restrict-secrets-read";
const AMI = "aws-eks-nodegroup-require-hardened-ami";
const SUPPORT = "aws-eks-cluster-require-standard-support";
const LOG_SHIPPING = "aws-eks-stack-require-container-log-shipping";
const SURGE = "aws-eks-nodegroup-require-surge-updates";
const observabilityAddon = target("aws:eks/addon:Addon", "-amazon-cloudwatch-observability");
const repositories = target("aws:ecr/repository:Repository");
const creationTemplate = target("aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate");
const registryScanning = target("aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration");
const IMMUTABLE_TAGS = "aws-ecr-repository-require-immutable-tags";
const ECR_KMS = "aws-ecr-repository-require-kms";
const ENHANCED_SCANNING = "aws-ecr-registryscanning-require-enhanced";
const STACK_SCANNING = "aws-eks-stack-require-registry-scanning";
const ECR_PUBLIC = "aws-ecr-repositorypolicy-deny-public";

/** A raw repository policy a teammate adds on one of the stack's repositories. */
function repositoryPolicy(name: string, probe: "unset" | "wrong-value", statement: Inputs) {
    return addResource(`a raw RepositoryPolicy ${name}`, probe, (stack) => ({
        type: "aws:ecr/repositoryPolicy:RepositoryPolicy",
        name: `teammate-${name}`,
        props: {
            repository: String(stack.one(target("aws:ecr/repository:Repository", "-repo-payments")).inputs["name"]),
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: ["ecr:BatchGetImage"], ...statement }],
            }),
        },
    }));
}

/** A raw security-group rule a teammate adds beside the blueprint's, on the node security group. */
function ingressRule(name: string, rule: Inputs) {
    return addResource(`a raw SecurityGroupIngressRule ${name} on the node security group`, "wrong-value", (stack) => ({
        type: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        name: `teammate-${name}`,
        props: { securityGroupId: `${stack.one(nodeSecurityGroup).name}-id`, description: "temporary access", ...rule },
    }));
}

function allowStatement(statement: Inputs) {
    return jsonText((doc) => ({
        ...doc,
        Statement: [...(doc["Statement"] as Inputs[]), { Effect: "Allow", Resource: "*", ...statement }],
    }));
}

export const CLUSTER_HARDENING_AWS: MutationTable = {
    pack: "cluster-hardening",
    cloud: "aws",
    rows: [
        // HC-API-01: the API endpoint.
        {
            stack: PROD,
            edit: set(cluster, "vpcConfig.endpointPublicAccess", true),
            expect: { policy: ENDPOINT, message: "set endpointPublicAccess false or list specific CIDRs" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "vpcConfig.endpointPublicAccess"),
            expect: { policy: ENDPOINT, message: "unset (AWS default true)" },
        },
        {
            stack: PROD,
            edit: set(cluster, "vpcConfig.endpointPrivateAccess", false),
            expect: { policy: ENDPOINT, message: "set it true so nodes reach the API server" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "vpcConfig.endpointPrivateAccess"),
            expect: { policy: ENDPOINT, message: "unset (AWS default false); set it true" },
        },
        {
            stack: PROD,
            edit: combined(
                "public endpoint open to 0.0.0.0/0",
                "wrong-value",
                set(cluster, "vpcConfig.endpointPublicAccess", true),
                set(cluster, "vpcConfig.publicAccessCidrs", ["0.0.0.0/0"]),
            ),
            expect: { policy: ENDPOINT, message: "remove [0.0.0.0/0]" },
        },
        {
            stack: PROD,
            edit: combined(
                "public endpoint limited to one office CIDR",
                "wrong-value",
                set(cluster, "vpcConfig.endpointPublicAccess", true),
                set(cluster, "vpcConfig.publicAccessCidrs", ["203.0.113.0/24"]),
            ),
            expect: "compliant",
            judgedBy: ENDPOINT,
        },
        {
            stack: PROD,
            edit: combined(
                "public endpoint with a reviewed exception tag",
                "wrong-value",
                set(cluster, "vpcConfig.endpointPublicAccess", true),
                set(cluster, `tags["${exceptionTagKey("HC-API-01")}"]`, validException()),
            ),
            expect: "compliant",
            note: "a valid exception turns the violation into an advisory note",
        },

        // HC-NET-01: no public IPs on node subnets.
        {
            stack: PROD,
            edit: set(privateSubnets, "mapPublicIpOnLaunch", true),
            expect: { policy: "aws-ec2-subnet-deny-public-ip-on-launch", message: "set mapPublicIpOnLaunch false" },
        },
        {
            stack: PROD,
            edit: combined(
                "a public subnet that maps public IPs and lost its elb tag",
                "unset",
                set(publicSubnetA, "mapPublicIpOnLaunch", true),
                unset(publicSubnetA, 'tags["kubernetes.io/role/elb"]'),
            ),
            expect: { policy: "aws-ec2-subnet-deny-public-ip-on-launch", message: "nodes may run in it; set mapPublicIpOnLaunch false" },
        },
        {
            stack: PROD,
            edit: set(publicSubnetA, "mapPublicIpOnLaunch", true),
            expect: "compliant",
            judgedBy: "aws-ec2-subnet-deny-public-ip-on-launch",
            note: "a load-balancer-only subnet may map public IPs",
        },
        {
            stack: PROD,
            edit: unset(privateSubnets, "mapPublicIpOnLaunch"),
            probe: "unset",
            expect: "compliant",
            judgedBy: "aws-ec2-subnet-deny-public-ip-on-launch",
            note: "unset is false",
        },

        // HC-NET-02: the VPC CNI enforces NetworkPolicy.
        {
            stack: PROD,
            edit: set(vpcCni, "configurationValues", '{"enableNetworkPolicy":"false"}'),
            expect: {
                policy: "aws-eks-addon-require-network-policy",
                message: 'set configurationValues to {"enableNetworkPolicy":"true"}',
            },
        },
        {
            stack: PROD,
            edit: unset(vpcCni, "configurationValues"),
            expect: { policy: "aws-eks-addon-require-network-policy", message: "has no configurationValues" },
        },
        {
            stack: PROD,
            edit: set(vpcCni, "configurationValues", "{}"),
            expect: { policy: "aws-eks-addon-require-network-policy", message: "enableNetworkPolicy is unset" },
        },
        {
            stack: PROD,
            edit: set(vpcCni, "configurationValues", 'enableNetworkPolicy: "true"\n'),
            expect: "compliant",
            judgedBy: "aws-eks-addon-require-network-policy",
            note: "YAML is accepted",
        },

        // HC-NET-03: VPC flow logs.
        {
            stack: PROD,
            edit: removeResource(flowLog),
            expect: { policy: "aws-ec2-vpc-require-flow-logs", message: "has no flow log; add an aws.ec2.FlowLog" },
        },
        {
            stack: PROD,
            edit: combined(
                "the flow log moved from the VPC to one subnet",
                "wrong-value",
                unset(flowLog, "vpcId"),
                set(flowLog, "subnetId", "platform-prod-private-a-id"),
            ),
            expect: { policy: "aws-ec2-vpc-require-flow-logs", message: "add an aws.ec2.FlowLog with vpcId set to this VPC's id" },
        },
        {
            stack: PROD,
            edit: addResource("a teammate's VPC without flow logs", "unset", () => ({
                type: "aws:ec2/vpc:Vpc",
                name: "teammate-vpc",
                props: { cidrBlock: "10.99.0.0/16" },
            })),
            expect: { policy: "aws-ec2-vpc-require-flow-logs", message: "VPC teammate-vpc has no flow log" },
        },

        // HC-SEC-01: Secrets envelope encryption.
        {
            stack: PROD,
            edit: unset(cluster, "encryptionConfig"),
            expect: { policy: "aws-eks-cluster-require-secrets-encryption", message: "encryptionConfig is not set" },
        },
        {
            stack: PROD,
            edit: set(cluster, "encryptionConfig.resources", []),
            expect: { policy: "aws-eks-cluster-require-secrets-encryption", message: 'without "secrets"; set encryptionConfig' },
        },
        {
            stack: PROD,
            edit: unset(cluster, "encryptionConfig.provider.keyArn"),
            expect: { policy: "aws-eks-cluster-require-secrets-encryption", message: "keyArn is not set" },
        },

        // HC-SEC-02: the KMS key.
        { stack: PROD, edit: set(key, "enableKeyRotation", false), expect: { policy: ROTATION, message: "set enableKeyRotation true" } },
        {
            stack: PROD,
            edit: unset(key, "enableKeyRotation"),
            expect: { policy: ROTATION, message: "unset (AWS default false); set enableKeyRotation true" },
        },
        { stack: PROD, edit: set(key, "rotationPeriodInDays", 730), expect: { policy: ROTATION, message: "set it to 365 or less" } },
        { stack: PROD, edit: set(key, "rotationPeriodInDays", 90), expect: "compliant", judgedBy: ROTATION },
        {
            stack: PROD,
            edit: set(key, "deletionWindowInDays", 7),
            expect: { policy: "aws-kms-key-require-deletion-window", message: "set it to 30 so a scheduled deletion can be noticed" },
        },
        {
            stack: PROD,
            edit: unset(key, "deletionWindowInDays"),
            expect: "compliant",
            judgedBy: "aws-kms-key-require-deletion-window",
            note: "unset is KMS's default of 30 days",
        },

        // HC-AUD-01 / HC-AUD-02: control-plane logs and their retention.
        {
            stack: PROD,
            edit: set(cluster, "enabledClusterLogTypes", (types) => (types as string[]).filter((t) => t !== "audit"), '[all but "audit"]'),
            expect: { policy: "aws-eks-cluster-require-all-log-types", message: "missing [audit]; set it to [api, audit" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "enabledClusterLogTypes"),
            expect: {
                policy: "aws-eks-cluster-require-all-log-types",
                message: "set it to [api, audit, authenticator, controllerManager, scheduler]",
            },
        },
        {
            stack: PROD,
            edit: set(clusterLogGroup, "retentionInDays", 30),
            expect: { policy: RETENTION, message: "set it to at least 365" },
        },
        {
            stack: PROD,
            edit: unset(logGroups, "retentionInDays"),
            expect: { policy: RETENTION, message: "unset (never expire); set retentionInDays to at least 365" },
        },
        {
            stack: PROD,
            edit: set(logGroups, "retentionInDays", 0),
            expect: { policy: RETENTION, message: "retentionInDays is 0 (never expire)" },
        },
        {
            stack: PROD,
            edit: unset(clusterLogGroup, "kmsKeyId"),
            expect: { policy: RETENTION, message: "set kmsKeyId to a customer-managed KMS key ARN" },
        },
        { stack: PROD, edit: set(clusterLogGroup, "retentionInDays", 731), expect: "compliant", judgedBy: RETENTION },
        {
            stack: DEV,
            edit: set(clusterLogGroup, "retentionInDays", 7),
            expect: { policy: RETENTION, message: "set it to at least 30 for this environment" },
            note: "dev's pack config requires 30 days",
        },
        { stack: DEV, edit: set(clusterLogGroup, "retentionInDays", 90), expect: "compliant", judgedBy: RETENTION },

        // HC-IAM-01: access entries only, no implicit creator admin.
        {
            stack: PROD,
            edit: set(cluster, "accessConfig.authenticationMode", "API_AND_CONFIG_MAP"),
            expect: { policy: AUTH_MODE, message: 'set it to "API" so access is granted only through access entries' },
        },
        {
            stack: PROD,
            edit: unset(cluster, "accessConfig.authenticationMode"),
            expect: { policy: AUTH_MODE, message: "unset (AWS default CONFIG_MAP)" },
        },
        {
            stack: PROD,
            edit: set(cluster, "accessConfig.bootstrapClusterCreatorAdminPermissions", true),
            expect: { policy: AUTH_MODE, message: "set it false and grant admins through access entries" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "accessConfig.bootstrapClusterCreatorAdminPermissions"),
            expect: { policy: AUTH_MODE, message: "unset (AWS default true)" },
        },

        // HC-IAM-02: workload identity.
        {
            stack: PROD,
            edit: removeResource(podIdentityAgent),
            expect: { policy: "aws-eks-stack-require-workload-identity", message: "add the eks-pod-identity-agent add-on" },
        },
        {
            stack: PROD,
            edit: set(podIdentityAgent, "clusterName", "platform-staging"),
            expect: { policy: "aws-eks-stack-require-workload-identity", message: "add the eks-pod-identity-agent add-on" },
            note: "the agent installed on another cluster does not cover this one",
        },

        // HC-IAM-03: no wildcard actions in the policies the stack writes.
        {
            stack: PROD,
            edit: set(flowLogsPolicy, "policy", allowStatement({ Action: "*" }), '+ Allow "*"'),
            expect: { policy: WILDCARDS, message: "list the specific actions the identity needs" },
        },
        {
            stack: PROD,
            edit: set(flowLogsPolicy, "policy", allowStatement({ Action: ["logs:*"] }), '+ Allow "logs:*"'),
            expect: { policy: WILDCARDS, message: "allows wildcard actions [logs:*]" },
        },
        {
            stack: PROD,
            edit: set(flowLogsPolicy, "policy", allowStatement({ NotAction: ["iam:*"] }), "+ Allow NotAction"),
            expect: { policy: WILDCARDS, message: "allows everything except NotAction" },
        },
        {
            stack: PROD,
            edit: addResource("a teammate's managed IAM policy allowing iam:*", "wrong-value", () => ({
                type: "aws:iam/policy:Policy",
                name: "teammate-admin",
                props: {
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "iam:*", Resource: "*" }] }),
                },
            })),
            expect: { policy: WILDCARDS, message: "allows wildcard actions [iam:*]" },
        },
        {
            stack: PROD,
            edit: set(nodeRole, "inlinePolicies", [
                {
                    name: "debug",
                    policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }),
                },
            ]),
            expect: { policy: WILDCARDS, message: "inlinePolicies[debug].policy: statement 0 allows wildcard actions [s3:*]" },
        },
        {
            stack: PROD,
            edit: set(
                flowLogsPolicy,
                "policy",
                jsonText((doc) => ({ ...doc, Statement: [{ Effect: "Allow", Resource: "*" }] })),
                "a statement without Action",
            ),
            probe: "unset",
            expect: "compliant",
            judgedBy: WILDCARDS,
            note: "a statement that lists no action grants nothing (IAM rejects it); unset is not a wildcard",
        },

        // HC-IAM-06: each tenant reads only its own secrets; the node role reads none.
        {
            stack: PROD,
            edit: set(
                tenantSecretsRead,
                "policy",
                jsonText((doc) => ({
                    ...doc,
                    Statement: (doc["Statement"] as Inputs[]).map((st, i) =>
                        i === 0 ? { ...st, Resource: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:*" } : st,
                    ),
                })),
                "[read every secret]",
            ),
            expect: { policy: SECRETS_READ, message: "use one tenant's prefix" },
        },
        {
            stack: PROD,
            edit: set(
                tenantSecretsRead,
                "policy",
                jsonText((doc) => ({
                    ...doc,
                    Statement: (doc["Statement"] as Inputs[]).map((st, i) =>
                        i === 0 ? { ...st, Resource: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:platform-prod/*" } : st,
                    ),
                })),
                "[every tenant's secrets of the cluster]",
            ),
            expect: { policy: SECRETS_READ, message: "secret:platform-prod/*]; use one tenant's prefix" },
        },
        {
            stack: PROD,
            edit: set(nodeRoleAttachment, "policyArn", "arn:aws:iam::aws:policy/SecretsManagerReadWrite"),
            expect: { policy: SECRETS_READ, message: "nodes never read secrets; give the workload its own Pod Identity role" },
        },
        {
            stack: DEV,
            edit: set(nodeRole, "inlinePolicies", [
                {
                    name: "app-secrets",
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Action: "secretsmanager:GetSecretValue",
                                Resource: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:platform-dev/payments/*",
                            },
                        ],
                    }),
                },
            ]),
            expect: { policy: SECRETS_READ, message: "grants Secrets Manager [secretsmanager:GetSecretValue]; nodes never read secrets" },
        },
        {
            stack: PROD,
            edit: set(
                tenantSecretsRead,
                "policy",
                jsonText((doc) => ({
                    ...doc,
                    Statement: (doc["Statement"] as Inputs[]).map(({ Resource: _dropped, ...rest }, i) =>
                        i === 0 ? rest : { ...rest, Resource: _dropped },
                    ),
                })),
                "[read statement without Resource]",
            ),
            probe: "unset",
            expect: "compliant",
            judgedBy: SECRETS_READ,
            note: "a statement that names no resource grants nothing (IAM rejects it)",
        },

        // HC-NODE-01: encrypted node volumes.
        {
            stack: PROD,
            edit: set(launchTemplates, "blockDeviceMappings[*].ebs.encrypted", "false"),
            expect: { policy: VOLUMES, message: 'set encrypted "true" with the cluster key' },
        },
        {
            stack: PROD,
            edit: unset(launchTemplates, "blockDeviceMappings[*].ebs.encrypted"),
            expect: { policy: VOLUMES, message: "ebs.encrypted is unset" },
        },
        {
            stack: PROD,
            edit: unset(generalTemplate, "blockDeviceMappings[0].ebs.kmsKeyId"),
            expect: { policy: VOLUMES, message: "set kmsKeyId to the cluster key" },
        },
        { stack: PROD, edit: unset(generalTemplate, "blockDeviceMappings"), expect: { policy: VOLUMES, message: "maps no EBS volume" } },

        // HC-NODE-02: IMDSv2 with one hop.
        {
            stack: PROD,
            edit: set(launchTemplates, "metadataOptions.httpTokens", "optional"),
            expect: { policy: IMDS, message: 'httpTokens is optional; set it "required"' },
        },
        {
            stack: PROD,
            edit: unset(launchTemplates, "metadataOptions.httpTokens"),
            expect: { policy: IMDS, message: 'httpTokens is unset; set it "required"' },
        },
        {
            stack: PROD,
            edit: set(generalTemplate, "metadataOptions.httpPutResponseHopLimit", 2),
            expect: { policy: IMDS, message: "set it 1 so pods cannot reach the node's credentials" },
        },
        {
            stack: PROD,
            edit: unset(generalTemplate, "metadataOptions.httpPutResponseHopLimit"),
            expect: { policy: IMDS, message: "httpPutResponseHopLimit is unset; set it 1" },
        },
        {
            stack: PROD,
            edit: unset(generalTemplate, "metadataOptions"),
            expect: { policy: IMDS, message: 'httpTokens is unset; set it "required"' },
        },
        {
            stack: PROD,
            edit: set(generalTemplate, "metadataOptions.httpEndpoint", "disabled"),
            expect: "compliant",
            judgedBy: IMDS,
            note: "no metadata endpoint at all",
        },

        // HC-NODE-03: no SSH.
        {
            stack: PROD,
            edit: set(nodeGroups, "remoteAccess", { ec2SshKey: "ops-key" }),
            expect: { policy: "aws-eks-nodegroup-deny-remote-access", message: "which opens SSH to the nodes; remove remoteAccess" },
        },
        {
            stack: PROD,
            edit: set(generalNodeGroup, "remoteAccess", { sourceSecurityGroupIds: ["sg-0123456789abcdef0"] }),
            expect: { policy: "aws-eks-nodegroup-deny-remote-access", message: "sourceSecurityGroupIds [sg-0123456789abcdef0]" },
        },

        // HC-NODE-04: hardened AMI.
        {
            stack: PROD,
            edit: set(nodeGroups, "amiType", "AL2_x86_64"),
            expect: { policy: AMI, message: "set amiType to a BOTTLEROCKET_* or AL2023_* type" },
        },
        { stack: PROD, edit: unset(generalNodeGroup, "amiType"), expect: { policy: AMI, message: "custom AMI from its launch template" } },
        {
            stack: PROD,
            edit: set(generalNodeGroup, "amiType", "CUSTOM"),
            expect: { policy: AMI, message: "record an HC-NODE-04 exception naming the vetted image" },
        },
        { stack: PROD, edit: set(generalNodeGroup, "amiType", "AL2023_x86_64_STANDARD"), expect: "compliant", judgedBy: AMI },

        // HC-GOV-01: exceptions carried as tags.
        {
            stack: PROD,
            edit: set(key, `tags["${exceptionTagKey("HC-SEC-02")}"]`, EXPIRED_EXCEPTION),
            expect: { policy: "cluster-exceptions-require-valid", message: "expired exception" },
        },
        {
            stack: PROD,
            edit: set(key, `tags["${exceptionTagKey("HC-SEC-02")}"]`, exceptionWithoutApprover()),
            probe: "unset",
            expect: { policy: "cluster-exceptions-require-valid", message: 'must read "expires=YYYY-MM-DD approver=<who> reason=<why>"' },
            note: "the approver is missing",
        },
        {
            stack: PROD,
            edit: set(key, `tags["${exceptionTagKey("HC-XYZ-99")}"]`, validException()),
            expect: { policy: "cluster-exceptions-require-valid", message: 'names no known control ("HC-XYZ-99")' },
        },
        {
            stack: PROD,
            edit: combined(
                "an insecure value under an expired exception",
                "wrong-value",
                set(key, "deletionWindowInDays", 7),
                set(key, `tags["${exceptionTagKey("HC-SEC-02")}"]`, EXPIRED_EXCEPTION),
            ),
            expect: { policy: "aws-kms-key-require-deletion-window", message: "exception not applied" },
        },

        // HC-NODE-02 / HC-NET-01: nodes launched from a template keep their hardened settings and private addresses.
        {
            stack: PROD,
            edit: set(generalTemplate, "networkInterfaces", [{ associatePublicIpAddress: "true" }]),
            expect: { policy: "aws-ec2-launchtemplate-deny-public-ip", message: "so every node gets a public IP; remove it" },
        },
        {
            stack: PROD,
            edit: set(generalNodeGroup, "launchTemplate", { id: "lt-0123456789abcdef0", version: "1" }),
            expect: { policy: "aws-eks-nodegroup-require-launch-template", message: "which is not defined in this stack" },
        },

        // Known gaps (issue 11).
        {
            stack: PROD,
            edit: ingressRule("ssh-from-anywhere", { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }),
            expect: {
                policy: "aws-ec2-securitygroup-deny-internet-admin-ports",
                message: "ingress rule admits [0.0.0.0/0] to tcp 22, which includes",
            },
        },
        {
            stack: PROD,
            edit: ingressRule("kubelet-from-anywhere-v6", { ipProtocol: "tcp", fromPort: 10250, toPort: 10250, cidrIpv6: "::/0" }),
            expect: {
                policy: "aws-ec2-securitygroup-deny-internet-admin-ports",
                message: "ingress rule admits [::/0] to tcp 10250, which includes",
            },
        },
        {
            stack: PROD,
            edit: ingressRule("all-from-anywhere", { ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }),
            expect: {
                policy: "aws-ec2-securitygroup-deny-internet-admin-ports",
                message: "ingress rule admits [0.0.0.0/0] to all protocols and ports",
            },
        },
        {
            stack: PROD,
            edit: addResource("a legacy SecurityGroupRule opening etcd (2379) to 0.0.0.0/0", "wrong-value", (stack) => ({
                type: "aws:ec2/securityGroupRule:SecurityGroupRule",
                name: "teammate-etcd",
                props: {
                    type: "ingress",
                    protocol: "tcp",
                    fromPort: 2379,
                    toPort: 2380,
                    cidrBlocks: ["0.0.0.0/0"],
                    securityGroupId: `${stack.one(nodeSecurityGroup).name}-id`,
                },
            })),
            expect: {
                policy: "aws-ec2-securitygroup-deny-internet-admin-ports",
                message: "ingress rule admits [0.0.0.0/0] to tcp 2379-2380, which",
            },
        },
        {
            stack: PROD,
            edit: addResource("a security group with inline RDP ingress from 0.0.0.0/0", "wrong-value", () => ({
                type: "aws:ec2/securityGroup:SecurityGroup",
                name: "teammate-rdp",
                props: { description: "debug", ingress: [{ protocol: "tcp", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] }] },
            })),
            expect: {
                policy: "aws-ec2-securitygroup-deny-internet-admin-ports",
                message: "ingress[0] admits [0.0.0.0/0] to tcp 3389, which includes",
            },
        },
        {
            stack: PROD,
            edit: set(nodeRoleAttachment, "policyArn", "arn:aws:iam::aws:policy/AdministratorAccess"),
            expect: { policy: "aws-iam-identity-deny-admin-policies", message: "attaches arn:aws:iam::aws:policy/AdministratorAccess to" },
        },
        {
            stack: PROD,
            edit: addResource("PowerUserAccess attached to the VPC CNI role", "wrong-value", (stack) => ({
                type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                name: "teammate-poweruser",
                props: { policyArn: "arn:aws:iam::aws:policy/PowerUserAccess", role: stack.one(vpcCniRole).name },
            })),
            expect: { policy: "aws-iam-identity-deny-admin-policies", message: "attaches arn:aws:iam::aws:policy/PowerUserAccess to role" },
        },
        {
            stack: PROD,
            edit: set(nodeRoleAttachment, "policyArn", "arn:aws:iam::aws:policy/IAMFullAccess"),
            expect: { policy: "aws-iam-identity-deny-admin-policies", message: "attaches arn:aws:iam::aws:policy/IAMFullAccess to role" },
        },
        {
            stack: PROD,
            edit: set(
                vpcCniRole,
                "assumeRolePolicy",
                jsonText((doc) => ({ ...doc, Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }] })),
                'trust Principal "*"',
            ),
            expect: { policy: "aws-iam-role-deny-open-trust", message: "assumeRolePolicy statement 0 allows Principal" },
        },
        {
            stack: PROD,
            edit: set(key, "policy", allowStatement({ Sid: "Everyone", Principal: { AWS: "*" }, Action: "kms:*" }), '+ Allow kms:* to "*"'),
            expect: { policy: "aws-kms-key-deny-open-policy", message: "key policy statement" },
            note: "a key policy granting kms:* to any principal without conditions",
        },
        {
            stack: PROD,
            edit: set(tenantAccessPolicy, "policyArn", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy"),
            expect: { policy: "aws-eks-access-restrict-cluster-admin", message: "associates AmazonEKSClusterAdminPolicy (which is" },
        },
        {
            stack: PROD,
            edit: set(tenantAccessPolicy, "policyArn", "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy"),
            expect: { policy: "aws-eks-access-restrict-cluster-admin", message: "associates AmazonEKSAdminPolicy (which writes Roles and" },
        },
        {
            stack: PROD,
            edit: combined(
                "a node group without a launch template (no IMDSv2 guarantee)",
                "unset",
                unset(generalNodeGroup, "launchTemplate"),
                set(generalNodeGroup, "diskSize", 50),
            ),
            expect: {
                policy: "aws-eks-nodegroup-require-launch-template",
                message: "node group platform-prod-general has no launchTemplate, so",
            },
        },
        {
            stack: PROD,
            edit: set(defaultSecurityGroup, "ingress", [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
            expect: {
                policy: "aws-ec2-securitygroup-deny-internet-admin-ports",
                message: "ingress[0] admits [0.0.0.0/0] to all protocols and ports",
            },
            note: "the VPC's default security group is no longer empty",
        },
        {
            stack: PROD,
            edit: set(
                vpcCniRole,
                "assumeRolePolicy",
                jsonText((doc) => ({ ...doc, Statement: (doc["Statement"] as Inputs[]).map(({ Condition: _dropped, ...rest }) => rest) })),
                "trust without its conditions",
            ),
            expect: "gap",
            gap: "Cloud IAM least privilege",
            note: "any pod identity association in the account may assume the role",
        },
        {
            stack: PROD,
            edit: set(flowLog, "trafficType", "REJECT"),
            expect: { policy: "aws-ec2-vpc-require-flow-logs", message: "VPC platform-prod-vpc's flow logs record only trafficType" },
            note: "accepted flows are no longer recorded",
        },
        // HC-RES-01: the cloud refuses to delete the prod cluster.
        {
            stack: PROD,
            edit: set(cluster, "deletionProtection", false),
            expect: { policy: "aws-eks-cluster-require-deletion-protection", message: "deletionProtection is false" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "deletionProtection"),
            expect: { policy: "aws-eks-cluster-require-deletion-protection", message: "deletionProtection is unset (EKS's default: off)" },
        },

        // HC-NODE-05: the upgrade policy keeps the cluster on supported versions.
        {
            stack: PROD,
            edit: set(cluster, "upgradePolicy.supportType", "EXTENDED"),
            expect: { policy: SUPPORT, message: "upgradePolicy.supportType is EXTENDED" },
        },
        {
            stack: PROD,
            edit: unset(cluster, "upgradePolicy"),
            expect: { policy: SUPPORT, message: "unset, so AWS applies EXTENDED" },
        },
        {
            stack: DEV,
            edit: unset(cluster, "upgradePolicy.supportType"),
            expect: { policy: SUPPORT, message: "unset, so AWS applies EXTENDED" },
        },

        // HC-RUN-03: container logs and Falco's alerts leave the nodes.
        {
            stack: PROD,
            edit: removeResource(observabilityAddon),
            expect: { policy: LOG_SHIPPING, message: "has no amazon-cloudwatch-observability add-on" },
        },
        {
            stack: PROD,
            edit: set(observabilityAddon, "configurationValues", JSON.stringify({ containerLogs: { enabled: false } })),
            expect: { policy: LOG_SHIPPING, message: "sets containerLogs.enabled false" },
        },
        { stack: DEV, edit: unset(observabilityAddon, "configurationValues"), expect: "compliant", judgedBy: LOG_SHIPPING },

        // HC-NODE-07: node group updates keep capacity.
        {
            stack: PROD,
            edit: set(generalNodeGroup, "updateConfig.updateStrategy", "MINIMAL"),
            expect: { policy: SURGE, message: "updateConfig.updateStrategy is MINIMAL" },
        },
        {
            stack: PROD,
            edit: set(generalNodeGroup, "updateConfig", { maxUnavailablePercentage: 50 }),
            expect: { policy: SURGE, message: "updateConfig.maxUnavailablePercentage is 50" },
        },
        {
            stack: PROD,
            edit: set(generalNodeGroup, "updateConfig.maxUnavailable", 5),
            expect: { policy: SURGE, message: "updateConfig.maxUnavailable is 5; replace at most 1 node(s) at once" },
        },
        { stack: PROD, edit: unset(generalNodeGroup, "updateConfig"), expect: "compliant", judgedBy: SURGE },

        // HC-SUP-05: the registry's enhanced, continuous scanning.
        {
            stack: PROD,
            edit: set(registryScanning, "scanType", "BASIC"),
            expect: { policy: ENHANCED_SCANNING, message: "scanType is BASIC" },
        },
        {
            stack: PROD,
            edit: set(registryScanning, "rules[0].repositoryFilters[0].filter", "prod-*"),
            expect: { policy: ENHANCED_SCANNING, message: "no CONTINUOUS_SCAN rule covers every repository" },
        },
        {
            stack: PROD,
            edit: unset(registryScanning, "rules"),
            expect: { policy: ENHANCED_SCANNING, message: "no CONTINUOUS_SCAN rule covers every repository (rules: none)" },
        },
        {
            stack: DEV,
            edit: removeResource(registryScanning),
            expect: { policy: STACK_SCANNING, message: "no ECR registry scanning configuration" },
        },
        {
            stack: DEV,
            edit: set(registryScanning, "scanType", "BASIC"),
            expect: { policy: STACK_SCANNING, message: "only a BASIC ECR registry scanning configuration" },
        },

        // HC-SUP-06: immutable tags (prod), customer-managed key, no public access.
        {
            stack: PROD,
            edit: set(repositories, "imageTagMutability", "MUTABLE"),
            expect: { policy: IMMUTABLE_TAGS, message: "imageTagMutability is MUTABLE" },
        },
        {
            stack: PROD,
            edit: unset(repositories, "imageTagMutability"),
            expect: { policy: IMMUTABLE_TAGS, message: "unset (AWS default MUTABLE)" },
        },
        {
            stack: PROD,
            edit: unset(creationTemplate, "imageTagMutability"),
            expect: { policy: IMMUTABLE_TAGS, message: "repository creation template platform-prod: imageTagMutability is unset" },
        },
        {
            stack: PROD,
            edit: set(repositories, "encryptionConfigurations", [{ encryptionType: "AES256" }]),
            expect: { policy: ECR_KMS, message: "encryptionType AES256" },
        },
        {
            stack: PROD,
            edit: unset(repositories, "encryptionConfigurations"),
            expect: { policy: ECR_KMS, message: "has no encryptionConfigurations" },
        },
        {
            stack: PROD,
            edit: unset(creationTemplate, "encryptionConfigurations[0].kmsKey"),
            expect: { policy: ECR_KMS, message: "the AWS managed key aws/ecr" },
        },
        {
            stack: PROD,
            edit: repositoryPolicy("open-pull", "unset", { Principal: "*" }),
            expect: { policy: ECR_PUBLIC, message: 'allows Principal "*" (any AWS identity in any account) and no condition names who' },
        },
        {
            stack: PROD,
            edit: repositoryPolicy("any-account", "wrong-value", {
                Principal: { AWS: "*" },
                Condition: { StringLike: { "aws:PrincipalAccount": "*" } },
            }),
            expect: { policy: ECR_PUBLIC, message: "do not name who" },
        },
    ],
};
