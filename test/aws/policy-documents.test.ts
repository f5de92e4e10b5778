import {
    clusterKeyPolicy,
    flowLogsTrustPolicy,
    flowLogsWritePolicy,
    KEY_ADMIN_ACTIONS,
    KEY_USE_ACTIONS,
    podIdentityTrustPolicy,
    serviceTrustPolicy,
} from "../../components/aws/policy-documents";
import { renderKubeconfig } from "../../components/aws/kubeconfig";
import { isWildcardAction, wildcardFindings } from "../../policypacks/cluster-hardening/aws/lib";
import { nonEmpty } from "../harness/non-empty";

const account = "123456789012";
const keyPolicy = clusterKeyPolicy({
    partition: "aws",
    accountId: account,
    region: "eu-west-1",
    clusterRoleArn: `arn:aws:iam::${account}:role/cluster`,
    ebsRoleArns: [`arn:aws:iam::${account}:role/ebs-csi`],
    logGroupNames: ["/aws/eks/platform/cluster", "/aws/vpc/platform/flow-logs"],
});
const statement = (sid: string) => {
    const s = keyPolicy.Statement.find((x) => x.Sid === sid);
    if (!s) throw new Error(`no statement ${sid}`);
    return s;
};

describe("cluster key policy", () => {
    test("the account root administers the key (including PutKeyPolicy, so it stays manageable) but cannot encrypt or decrypt through it", () => {
        const admin = statement("AccountAdministersKey");
        expect(admin.Principal).toEqual({ AWS: `arn:aws:iam::${account}:root` });
        expect(admin.Action).toEqual(expect.arrayContaining(["kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"]));
        expect(admin.Action).not.toContain("kms:Decrypt");
        expect(admin.Action).not.toContain("kms:Encrypt");
    });

    test("the cluster role encrypts Secrets and creates grants only for AWS resources", () => {
        expect(statement("ClusterRoleEncryptsSecrets")).toMatchObject({
            Principal: { AWS: `arn:aws:iam::${account}:role/cluster` },
            Action: ["kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"],
        });
        expect(statement("ClusterRoleCreatesGrantsForEks")).toMatchObject({
            Action: ["kms:CreateGrant"],
            Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } },
        });
    });

    test("node volumes: the Auto Scaling service-linked role, matched by principal ARN so a missing role never invalidates the policy", () => {
        const slr = `arn:aws:iam::${account}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`;
        expect(statement("AutoScalingEncryptsNodeVolumes")).toMatchObject({
            Principal: { AWS: "*" },
            Action: [...KEY_USE_ACTIONS],
            Condition: { StringEquals: { "kms:CallerAccount": account }, ArnEquals: { "aws:PrincipalArn": slr } },
        });
        expect(statement("AutoScalingCreatesNodeVolumeGrants")).toMatchObject({
            Action: ["kms:CreateGrant"],
            Condition: { ArnEquals: { "aws:PrincipalArn": slr }, Bool: { "kms:GrantIsForAWSResource": "true" } },
        });
    });

    test("persistent volumes: the EBS CSI role, only through EC2 in the region", () => {
        for (const sid of ["EbsCsiEncryptsVolumesThroughEc2", "EbsCsiManagesVolumeGrantsThroughEc2"]) {
            expect(statement(sid).Principal).toEqual({ AWS: [`arn:aws:iam::${account}:role/ebs-csi`] });
            expect(statement(sid).Condition?.["StringEquals"]).toEqual({
                "kms:CallerAccount": account,
                "kms:ViaService": "ec2.eu-west-1.amazonaws.com",
            });
        }
        expect(statement("EbsCsiManagesVolumeGrantsThroughEc2").Condition?.["Bool"]).toEqual({ "kms:GrantIsForAWSResource": "true" });
    });

    test("CloudWatch Logs uses the key only for the listed log groups", () => {
        expect(statement("CloudWatchLogsEncryptsClusterLogGroups")).toMatchObject({
            Principal: { Service: "logs.eu-west-1.amazonaws.com" },
            Condition: {
                ArnEquals: {
                    "kms:EncryptionContext:aws:logs:arn": [
                        `arn:aws:logs:eu-west-1:${account}:log-group:/aws/eks/platform/cluster`,
                        `arn:aws:logs:eu-west-1:${account}:log-group:/aws/vpc/platform/flow-logs`,
                    ],
                },
            },
        });
    });

    test("no statement of any document the component writes uses a wildcard action", () => {
        const docs = [
            keyPolicy,
            serviceTrustPolicy("eks.amazonaws.com"),
            podIdentityTrustPolicy("arn:aws:eks:eu-west-1:123456789012:cluster/x", "kube-system", "aws-node"),
            flowLogsTrustPolicy("aws", "eu-west-1", account),
            flowLogsWritePolicy("arn:aws:logs:eu-west-1:123456789012:log-group:x"),
        ];
        for (const d of nonEmpty(docs)) {
            for (const s of nonEmpty(d.Statement)) expect(s.Action.filter((a) => a.includes("*"))).toEqual([]);
        }
        expect([...KEY_ADMIN_ACTIONS, ...KEY_USE_ACTIONS].some(isWildcardAction)).toBe(false);
    });
});

describe("trust policies", () => {
    test("Pod Identity roles trust pods.eks.amazonaws.com for one cluster, namespace and service account (session tags)", () => {
        expect(podIdentityTrustPolicy("arn:aws:eks:eu-west-1:123456789012:cluster/x", "kube-system", "aws-node").Statement).toEqual([
            {
                Effect: "Allow",
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Condition: {
                    StringEquals: {
                        "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:eu-west-1:123456789012:cluster/x",
                        "aws:RequestTag/kubernetes-namespace": "kube-system",
                        "aws:RequestTag/kubernetes-service-account": "aws-node",
                    },
                },
            },
        ]);
    });

    test("flow logs trust vpc-flow-logs.amazonaws.com with a confused-deputy guard, and write only their group", () => {
        const trust = flowLogsTrustPolicy("aws", "eu-west-1", account).Statement[0];
        expect(trust.Principal).toEqual({ Service: "vpc-flow-logs.amazonaws.com" });
        expect(trust.Condition).toEqual({
            StringEquals: { "aws:SourceAccount": account },
            ArnLike: { "aws:SourceArn": `arn:aws:ec2:eu-west-1:${account}:vpc-flow-log/*` },
        });
        expect(flowLogsWritePolicy("arn:aws:logs:eu-west-1:1:log-group:g").Statement[0].Resource).toEqual([
            "arn:aws:logs:eu-west-1:1:log-group:g",
            "arn:aws:logs:eu-west-1:1:log-group:g:*",
        ]);
    });
});

describe("wildcard detection", () => {
    test.each([
        ["*", true],
        ["s3:*", true],
        ["kms:*", true],
        ["ec2:Describe*", false],
        ["kms:Decrypt", false],
    ])("%s -> %s", (action, wild) => {
        expect(isWildcardAction(action)).toBe(wild);
    });

    test("only Allow statements count, single strings are read, NotAction is flagged", () => {
        expect(wildcardFindings({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } })).toEqual([
            "statement 0 allows wildcard actions [*]",
        ]);
        expect(wildcardFindings({ Statement: [{ Effect: "Deny", Action: "*" }] })).toEqual([]);
        expect(wildcardFindings({ Statement: [{ Sid: "X", Effect: "Allow", NotAction: "iam:*" }] })).toEqual([
            'statement "X" allows everything except NotAction [iam:*]',
        ]);
        expect(wildcardFindings("not a document")).toEqual([]);
    });
});

describe("renderKubeconfig", () => {
    test("authenticates with aws eks get-token for the cluster and region, with no static credential", () => {
        const config = JSON.parse(
            renderKubeconfig({
                clusterName: "platform",
                endpoint: "https://x.eks.amazonaws.com",
                certificateAuthorityData: "Q0E=",
                region: "eu-west-1",
            }),
        );
        expect(config.clusters[0].cluster).toEqual({ server: "https://x.eks.amazonaws.com", "certificate-authority-data": "Q0E=" });
        expect(config.users[0].user).toEqual({
            exec: {
                apiVersion: "client.authentication.k8s.io/v1beta1",
                command: "aws",
                args: ["eks", "get-token", "--cluster-name", "platform", "--region", "eu-west-1", "--output", "json"],
                installHint: "Install the AWS CLI v2 (aws eks get-token signs the requests).",
                interactiveMode: "Never",
            },
        });
        expect(config["current-context"]).toBe("platform");
    });
});
