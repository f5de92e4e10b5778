import { EksHardenedCluster } from "../../components/aws";
import { connectAws } from "../../components/aws/connection";
import { rawConfigFrom } from "../../config/load";
import { AwsConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { readStackConfig } from "../../tools/mock/stack-files";
import { runnerIngress } from "../../components/aws/security-groups";
import { at, CapturedResource, inputsOf, isSecretOutput, named, ofType, runProgram, runStack, single, valueOf } from "../harness";
import { ISOLATED_TAINT, POOL_LABEL } from "../../core/labels";
import { nonEmpty } from "../harness/non-empty";

type Resources = CapturedResource[];
const T = {
    provider: "pulumi:providers:aws",
    component: "hardened:aws:EksCluster",
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    nat: "aws:ec2/natGateway:NatGateway",
    route: "aws:ec2/route:Route",
    flowLog: "aws:ec2/flowLog:FlowLog",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    cluster: "aws:eks/cluster:Cluster",
    key: "aws:kms/key:Key",
    alias: "aws:kms/alias:Alias",
    role: "aws:iam/role:Role",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    accessEntry: "aws:eks/accessEntry:AccessEntry",
    association: "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    nodeGroup: "aws:eks/nodeGroup:NodeGroup",
    addon: "aws:eks/addon:Addon",
} as const;

const props = (resources: Resources, type: string, name: string) => inputsOf(named(resources, type, name));
const jsonOf = (text: unknown) => JSON.parse(String(text)) as { Statement: Record<string, unknown>[] };

let dev: Resources;
let prod: Resources;
beforeAll(async () => {
    dev = (await runStack("aws-dev")).resources;
    prod = (await runStack("aws-prod")).resources;
});

describe("provider and structure", () => {
    test("one explicit aws provider in the stack's region, used by every AWS resource, all children of the component", () => {
        for (const resources of [dev, prod]) {
            const provider = single(resources, T.provider);
            expect(inputsOf(provider)["region"]).toBe("eu-west-1");
            // Created (and checked against the identity guard) before the component: see components/aws/connection.ts.
            expect(provider.name).toMatch(/^platform-(dev|prod)-aws$/);
            const component = single(resources, T.component);
            const awsResources = resources.filter((r) => r.type.startsWith("aws:"));
            expect(awsResources.length).toBeGreaterThan(60);
            for (const r of nonEmpty(awsResources)) {
                expect({ name: r.name, provider: r.provider?.startsWith(`${provider.urn}::`) }).toEqual({ name: r.name, provider: true });
                expect({ name: r.name, parent: r.parent }).toEqual({ name: r.name, parent: component.urn });
            }
        }
    });
});

describe("network", () => {
    test("a VPC with DNS support and hostnames, from network.cidr", () => {
        expect(props(dev, T.vpc, "platform-dev-vpc")).toMatchObject({
            cidrBlock: "10.20.0.0/16",
            enableDnsSupport: true,
            enableDnsHostnames: true,
        });
        expect(props(prod, T.vpc, "platform-prod-vpc")).toMatchObject({ cidrBlock: "10.30.0.0/16" });
    });

    test("private subnets per zone (2 dev, 3 prod) without public IPs, tagged for internal load balancers", () => {
        const priv = (resources: Resources) => ofType(resources, T.subnet).filter((s) => s.name.includes("-private-"));
        expect(priv(dev).map((s) => inputsOf(s)["cidrBlock"])).toEqual(["10.20.0.0/18", "10.20.64.0/18"]);
        expect(priv(prod).map((s) => inputsOf(s)["availabilityZone"])).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
        for (const s of [...priv(dev), ...priv(prod)]) {
            expect(inputsOf(s)["mapPublicIpOnLaunch"]).toBe(false);
            expect(at(inputsOf(s), "tags")).toMatchObject({ "kubernetes.io/role/internal-elb": "1" });
        }
    });

    test("public subnets only hold NAT gateways: no public IPs on launch, tagged for internet-facing load balancers", () => {
        for (const s of nonEmpty(ofType(prod, T.subnet).filter((x) => x.name.includes("-public-")))) {
            expect(inputsOf(s)["mapPublicIpOnLaunch"]).toBe(false);
            expect(at(inputsOf(s), "tags")).toMatchObject({ "kubernetes.io/role/elb": "1" });
        }
    });

    test("NAT: one in dev (single), one per zone in prod", () => {
        expect(ofType(dev, T.nat).map((n) => n.name)).toEqual(["platform-dev-nat-a"]);
        expect(ofType(prod, T.nat).map((n) => n.name)).toEqual(["platform-prod-nat-a", "platform-prod-nat-b", "platform-prod-nat-c"]);
    });

    test("private route tables send 0.0.0.0/0 to a NAT gateway, never to the internet gateway", () => {
        const privateRoutes = ofType(prod, T.route).filter((r) => r.name.includes("-private-"));
        expect(privateRoutes).toHaveLength(3);
        for (const r of nonEmpty(privateRoutes)) {
            const p = inputsOf(r);
            expect(p["destinationCidrBlock"]).toBe("0.0.0.0/0");
            expect(p["natGatewayId"]).toEqual(expect.any(String));
            expect(p["gatewayId"]).toBeUndefined();
        }
        const natB = named(prod, T.nat, "platform-prod-nat-b");
        expect(named(prod, T.route, "platform-prod-private-b-default").propertyDependencies["natGatewayId"]).toEqual([natB.urn]);
        const devNat = named(dev, T.nat, "platform-dev-nat-a");
        expect(named(dev, T.route, "platform-dev-private-b-default").propertyDependencies["natGatewayId"]).toEqual([devNat.urn]);
    });

    test("flow logs: ALL traffic of the VPC to a KMS-encrypted log group kept for logRetentionDays, through a role trusted by the flow-logs service", () => {
        for (const [resources, name, days] of [
            [dev, "platform-dev", 30],
            [prod, "platform-prod", 365],
        ] as const) {
            const flowLog = named(resources, T.flowLog, `${name}-flow-logs`);
            expect(flowLog.propertyDependencies["vpcId"]).toEqual([named(resources, T.vpc, `${name}-vpc`).urn]);
            const group = named(resources, T.logGroup, `${name}-flow-logs`);
            expect(inputsOf(flowLog)).toMatchObject({ trafficType: "ALL", logDestinationType: "cloud-watch-logs" });
            expect(flowLog.propertyDependencies["logDestination"]).toEqual([group.urn]);
            expect(inputsOf(group)).toMatchObject({ name: `/aws/vpc/${name}/flow-logs`, retentionInDays: days });
            expect(group.propertyDependencies["kmsKeyId"]).toEqual([named(resources, T.key, `${name}-key`).urn]);
            expect(group.retainOnDelete).toBe(true);
            const role = named(resources, T.role, `${name}-flow-logs-role`);
            expect(flowLog.propertyDependencies["iamRoleArn"]).toEqual([role.urn]);
            expect(jsonOf(inputsOf(role)["assumeRolePolicy"]).Statement[0]["Principal"]).toEqual({
                Service: "vpc-flow-logs.amazonaws.com",
            });
            const write = jsonOf(props(resources, T.rolePolicy, `${name}-flow-logs-write`)["policy"]).Statement;
            expect(write.map((s) => [s["Action"], s["Resource"]])).toEqual([
                [
                    ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    [expect.stringMatching(/:log-group:\/aws\/vpc\/.*\/flow-logs$/), expect.stringMatching(/flow-logs:\*$/)],
                ],
                // A list call IAM does not scope to one group (review finding 9).
                [["logs:DescribeLogGroups"], "*"],
            ]);
        }
    });

    test("the VPC's default security group is stripped of every rule", () => {
        const p = props(dev, T.defaultSg, "platform-dev-default-sg");
        expect(p["ingress"]).toEqual([]);
        expect(p["egress"]).toEqual([]);
    });

    test("endpoints: none in dev; in prod interface endpoints with private DNS behind a 443-from-VPC group, and an S3 gateway", () => {
        expect(ofType(dev, T.endpoint)).toEqual([]);
        const endpoints = ofType(prod, T.endpoint).map(inputsOf);
        const interfaces = endpoints.filter((e) => e["vpcEndpointType"] === "Interface");
        expect(interfaces.map((e) => e["serviceName"])).toEqual(
            ["ecr.api", "ecr.dkr", "sts", "logs", "ec2", "eks", "eks-auth"].map((s) => `com.amazonaws.eu-west-1.${s}`),
        );
        for (const e of nonEmpty(interfaces)) {
            expect(e["privateDnsEnabled"]).toBe(true);
            expect(e["subnetIds"]).toHaveLength(3);
        }
        expect(endpoints.filter((e) => e["vpcEndpointType"] === "Gateway").map((e) => e["serviceName"])).toEqual([
            "com.amazonaws.eu-west-1.s3",
        ]);
        expect(props(prod, T.ingress, "platform-prod-endpoints-https")).toMatchObject({
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "10.30.0.0/16",
        });
    });
});

describe("control plane", () => {
    test("private endpoint only, service CIDR, version, API auth mode, Secrets encryption with the key, all log types", () => {
        const cluster = named(dev, T.cluster, "platform-dev-cluster");
        const p = inputsOf(cluster);
        expect(p["name"]).toBe("platform-dev");
        expect(p["version"]).toBe("1.35");
        expect(p["vpcConfig"]).toMatchObject({ endpointPrivateAccess: true, endpointPublicAccess: false });
        expect(at(p, "vpcConfig.publicAccessCidrs")).toBeUndefined();
        expect(at(p, "vpcConfig.subnetIds")).toHaveLength(2);
        expect(p["kubernetesNetworkConfig"]).toEqual({ ipFamily: "ipv4", serviceIpv4Cidr: "172.20.0.0/16" });
        expect(p["accessConfig"]).toEqual({ authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false });
        expect(at(p, "encryptionConfig.resources")).toEqual(["secrets"]);
        expect(at(p, "encryptionConfig.provider.keyArn")).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\/platform-dev-key/);
        expect(p["enabledClusterLogTypes"]).toEqual(["api", "audit", "authenticator", "controllerManager", "scheduler"]);
        expect(p["bootstrapSelfManagedAddons"]).toBe(false);
        expect(p["deletionProtection"]).toBe(false);
        expect(inputsOf(named(prod, T.cluster, "platform-prod-cluster"))["deletionProtection"]).toBe(true);
        // HC-NODE-05: AWS's default would be EXTENDED.
        expect(p["upgradePolicy"]).toEqual({ supportType: "STANDARD" });
        expect(inputsOf(named(prod, T.cluster, "platform-prod-cluster"))["upgradePolicy"]).toEqual({ supportType: "STANDARD" });
    });

    test("the control-plane log group exists first: the cluster depends on it; KMS-encrypted, retained, retention per environment", () => {
        for (const [resources, name, days] of [
            [dev, "platform-dev", 30],
            [prod, "platform-prod", 365],
        ] as const) {
            const group = named(resources, T.logGroup, `${name}-cluster-logs`);
            expect(inputsOf(group)).toMatchObject({ name: `/aws/eks/${name}/cluster`, retentionInDays: days });
            expect(inputsOf(group)["kmsKeyId"]).toMatch(/^arn:aws:kms:/);
            expect(group.retainOnDelete).toBe(true);
            expect(named(resources, T.cluster, `${name}-cluster`).dependencies).toContain(group.urn);
        }
    });

    test("the public endpoint opens only for authorizedCidrs, with exactly those CIDRs", async () => {
        const { resources } = await runStack("aws-dev", {
            "hardened-cluster:apiAccess": { authorizedCidrs: ["203.0.113.0/24", "198.51.100.7/32"] },
        });
        expect(at(props(resources, T.cluster, "platform-dev-cluster"), "vpcConfig")).toMatchObject({
            endpointPrivateAccess: true,
            endpointPublicAccess: true,
            publicAccessCidrs: ["203.0.113.0/24", "198.51.100.7/32"],
        });
    });
});

describe("runner networks (apiAccess.privateSource*)", () => {
    test("the shipped stack's runner CIDR gets 443 on the control plane's group, and nothing else does", () => {
        const ingress = ofType(dev, T.ingress).filter((r) => r.name.startsWith("platform-dev-control-plane-in-"));
        expect(ingress.map((r) => r.name).sort()).toEqual([
            "platform-dev-control-plane-in-nodes-https",
            "platform-dev-control-plane-in-runner-10-100-0-0-24",
        ]);
        expect(inputsOf(named(dev, T.ingress, "platform-dev-control-plane-in-runner-10-100-0-0-24"))).toMatchObject({
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "10.100.0.0/24",
            description: "Runner network 10.100.0.0/24 to the Kubernetes API server (apiAccess.privateSourceCidrs)",
        });
        const cpSg = named(dev, T.sg, "platform-dev-control-plane-sg");
        expect(named(dev, T.ingress, "platform-dev-control-plane-in-runner-10-100-0-0-24").propertyDependencies["securityGroupId"]).toEqual(
            [cpSg.urn],
        );
        // The endpoint stays private: the runner comes in through the VPC, not the internet.
        expect(at(props(dev, T.cluster, "platform-dev-cluster"), "vpcConfig.endpointPublicAccess")).toBe(false);
    });

    test("listed security groups (a bastion's, a peered VPC's runners) get 443 by reference; the cluster waits for the rules", async () => {
        const { resources } = await runStack("aws-dev", {
            "hardened-cluster:apiAccess": {
                privateSourceCidrs: ["192.168.10.0/24"],
                privateSourceSecurityGroupIds: ["sg-0123456789abcdef0"],
            },
        });
        const bySg = named(resources, T.ingress, "platform-dev-control-plane-in-runner-sg-0123456789abcdef0");
        expect(inputsOf(bySg)).toMatchObject({
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            referencedSecurityGroupId: "sg-0123456789abcdef0",
        });
        expect(inputsOf(bySg)["cidrIpv4"]).toBeUndefined();
        expect(inputsOf(named(resources, T.ingress, "platform-dev-control-plane-in-runner-192-168-10-0-24"))["cidrIpv4"]).toBe(
            "192.168.10.0/24",
        );
        expect(ofType(resources, T.ingress).filter((r) => r.name.includes("runner-10-100"))).toEqual([]);
        const cluster = named(resources, T.cluster, "platform-dev-cluster");
        expect(cluster.dependencies).toContain(bySg.urn);
    });

    test("without private sources the control plane admits only the nodes", async () => {
        const { resources } = await runStack("aws-dev", { "hardened-cluster:apiAccess": { authorizedCidrs: ["203.0.113.0/24"] } });
        const ingress = ofType(resources, T.ingress).filter((r) => r.name.startsWith("platform-dev-control-plane-in-"));
        expect(ingress.map((r) => r.name)).toEqual(["platform-dev-control-plane-in-nodes-https"]);
    });

    test("runnerIngress plans one 443 rule per CIDR and group, named after it", () => {
        expect(runnerIngress(["10.100.0.0/24"], ["sg-0a1b2c3d"])).toEqual([
            {
                key: "runner-10-100-0-0-24",
                description: "Runner network 10.100.0.0/24 to the Kubernetes API server (apiAccess.privateSourceCidrs)",
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                source: { cidr: "10.100.0.0/24" },
            },
            {
                key: "runner-sg-0a1b2c3d",
                description: "Members of sg-0a1b2c3d to the Kubernetes API server (apiAccess.privateSourceSecurityGroupIds)",
                protocol: "tcp",
                fromPort: 443,
                toPort: 443,
                source: { securityGroupId: "sg-0a1b2c3d" },
            },
        ]);
        expect(runnerIngress([], [])).toEqual([]);
    });
});

describe("key", () => {
    test("rotating customer-managed key with a 30-day deletion window, an alias, protected when deletionProtection", () => {
        const devKey = named(dev, T.key, "platform-dev-key");
        expect(inputsOf(devKey)).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30, keyUsage: "ENCRYPT_DECRYPT" });
        expect(devKey.protect).toBe(false);
        expect(named(prod, T.key, "platform-prod-key").protect).toBe(true);
        expect(props(dev, T.alias, "platform-dev-key-alias")["name"]).toBe("alias/platform-dev-eks");
    });

    test("the key policy names the real cluster role, EBS CSI role and every log group of the stack", () => {
        const policy = jsonOf(props(dev, T.key, "platform-dev-key")["policy"]);
        const bySid = new Map(policy.Statement.map((s) => [s["Sid"], s]));
        expect([...bySid.keys()]).toEqual([
            "AccountAdministersKey",
            "ClusterRoleEncryptsSecrets",
            "ClusterRoleCreatesGrantsForEks",
            "AutoScalingEncryptsNodeVolumes",
            "AutoScalingCreatesNodeVolumeGrants",
            "EbsCsiEncryptsVolumesThroughEc2",
            "EbsCsiManagesVolumeGrantsThroughEc2",
            "CloudWatchLogsEncryptsClusterLogGroups",
        ]);
        expect(bySid.get("AccountAdministersKey")?.["Principal"]).toEqual({ AWS: "arn:aws:iam::123456789012:root" });
        expect(bySid.get("ClusterRoleEncryptsSecrets")?.["Principal"]).toEqual({
            AWS: "arn:aws:iam::123456789012:role/platform-dev-cluster-role-1234567",
        });
        expect(at(bySid.get("AutoScalingEncryptsNodeVolumes"), "Condition.ArnEquals")).toEqual({
            "aws:PrincipalArn": "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling",
        });
        expect(bySid.get("EbsCsiEncryptsVolumesThroughEc2")?.["Principal"]).toEqual({
            AWS: ["arn:aws:iam::123456789012:role/platform-dev-ebs-csi-role-1234567"],
        });
        expect(at(bySid.get("CloudWatchLogsEncryptsClusterLogGroups"), "Condition.ArnEquals")).toEqual({
            "kms:EncryptionContext:aws:logs:arn": [
                "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/eks/platform-dev/cluster",
                "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/vpc/platform-dev/flow-logs",
                ...["application", "dataplane", "host", "performance"].map(
                    (kind) => `arn:aws:logs:eu-west-1:123456789012:log-group:/aws/containerinsights/platform-dev/${kind}`,
                ),
            ],
        });
    });
});

describe("identity", () => {
    const attachedTo = (resources: Resources, roleName: string) =>
        ofType(resources, T.attachment)
            .filter((a) => a.propertyDependencies["role"]?.includes(named(resources, T.role, roleName).urn))
            .map((a) => String(inputsOf(a)["policyArn"]).replace("arn:aws:iam::aws:policy/", ""));

    test("cluster role: trusted by eks.amazonaws.com, AmazonEKSClusterPolicy only", () => {
        const trust = jsonOf(props(dev, T.role, "platform-dev-cluster-role")["assumeRolePolicy"]);
        expect(trust.Statement).toEqual([{ Effect: "Allow", Principal: { Service: "eks.amazonaws.com" }, Action: ["sts:AssumeRole"] }]);
        expect(attachedTo(dev, "platform-dev-cluster-role")).toEqual(["AmazonEKSClusterPolicy"]);
    });

    test("node role: trusted by ec2.amazonaws.com, worker and registry policies, no CNI policy (the CNI has its own role)", () => {
        const trust = jsonOf(props(dev, T.role, "platform-dev-node-role")["assumeRolePolicy"]);
        expect(trust.Statement).toEqual([{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: ["sts:AssumeRole"] }]);
        expect(attachedTo(dev, "platform-dev-node-role")).toEqual(["AmazonEKSWorkerNodePolicy", "AmazonEC2ContainerRegistryReadOnly"]);
        expect(attachedTo(dev, "platform-dev-vpc-cni-role")).toEqual(["AmazonEKS_CNI_Policy"]);
        expect(attachedTo(dev, "platform-dev-ebs-csi-role")).toEqual(["service-role/AmazonEBSCSIDriverPolicy"]);
    });

    test("add-on roles trust EKS Pod Identity for their own service account in this cluster only", () => {
        for (const [roleName, serviceAccount] of [
            ["platform-dev-ebs-csi-role", "ebs-csi-controller-sa"],
            ["platform-dev-vpc-cni-role", "aws-node"],
        ]) {
            const trust = jsonOf(props(dev, T.role, roleName)["assumeRolePolicy"]);
            expect(trust.Statement[0]).toMatchObject({
                Principal: { Service: "pods.eks.amazonaws.com" },
                Action: ["sts:AssumeRole", "sts:TagSession"],
                Condition: {
                    StringEquals: {
                        "aws:RequestTag/eks-cluster-arn": "arn:aws:eks:eu-west-1:123456789012:cluster/platform-dev",
                        "aws:RequestTag/kubernetes-namespace": "kube-system",
                        "aws:RequestTag/kubernetes-service-account": serviceAccount,
                    },
                },
            });
        }
    });
});

describe("access entries", () => {
    const entries = (resources: Resources) =>
        Object.fromEntries(ofType(resources, T.accessEntry).map((e) => [inputsOf(e)["principalArn"], inputsOf(e)["kubernetesGroups"]]));
    const role = (n: string) => `arn:aws:iam::123456789012:role/${n}`;

    test("each configured principal gets its Kubernetes groups; the deployer gets an entry of its own", () => {
        expect(entries(dev)).toEqual({
            [role("platform-admins")]: ["hardened:platform-admins"],
            [role("platform-auditors")]: ["hardened:viewers"],
            [role("platform-developers")]: ["hardened:developers"],
            [role("team-payments")]: ["hardened:tenant:payments:editors"],
            [role("team-search")]: ["hardened:tenant:search:editors"],
            [role("platform-deployer")]: [],
        });
        expect(entries(prod)[role("team-search-readonly")]).toEqual(["hardened:tenant:search:viewers"]);
    });

    test("access policies: admins and the deployer cluster-admin, viewers view cluster-wide, developers and tenants edit in namespaces", () => {
        const assoc = Object.fromEntries(
            ofType(dev, T.association).map((a) => {
                const p = inputsOf(a);
                return [`${String(p["principalArn"]).split("/").pop()} ${String(p["policyArn"]).split("/").pop()}`, p["accessScope"]];
            }),
        );
        expect(assoc).toEqual({
            "platform-admins AmazonEKSClusterAdminPolicy": { type: "cluster" },
            "platform-deployer AmazonEKSClusterAdminPolicy": { type: "cluster" },
            "platform-auditors AmazonEKSViewPolicy": { type: "cluster" },
            "platform-developers AmazonEKSEditPolicy": { type: "namespace", namespaces: ["payments", "search"] },
            "team-payments AmazonEKSEditPolicy": { type: "namespace", namespaces: ["payments"] },
            "team-search AmazonEKSEditPolicy": { type: "namespace", namespaces: ["search"] },
        });
        expect(inputsOf(ofType(dev, T.association)[0])["policyArn"]).toMatch(/^arn:aws:eks::aws:cluster-access-policy\//);
    });

    test("in one run (layer all) the Kubernetes provider waits for the deployer's entry and grant", async () => {
        const { resources } = await runStack("aws-dev", {
            "hardened-cluster:layer": "all",
            "hardened-cluster:apiAccess": { authorizedCidrs: ["203.0.113.0/24"] },
        });
        const provider = single(resources, "pulumi:providers:kubernetes");
        expect(provider.parent).toBe(single(resources, T.component).urn);
        expect(provider.dependencies).toEqual(
            expect.arrayContaining([
                named(resources, T.accessEntry, "platform-dev-access-123456789012-platform-deployer").urn,
                named(resources, T.association, "platform-dev-access-123456789012-platform-deployer-cluster-admin").urn,
            ]),
        );
    });

    test("split into layers, the cluster stack has no Kubernetes provider and the baseline stack's waits for nothing", () => {
        expect(dev.filter((r) => r.stack === "aws-dev" && r.type.startsWith("pulumi:providers:kubernetes"))).toEqual([]);
        const provider = single(dev, "pulumi:providers:kubernetes");
        expect(provider.stack).toBe("aws-dev-baseline");
        expect(provider.dependencies).toEqual([]);
    });

    test("no separate deployer entry when the deployer is already an admin", async () => {
        const { resources } = await runStack("aws-dev", {
            "hardened-cluster:access": { admins: ["arn:aws:iam::123456789012:role/Platform-Deployer"] },
        });
        const names = ofType(resources, T.accessEntry).map((e) => e.name);
        expect(names).not.toContain("platform-dev-access-deployer");
        const deployerEntries = ofType(resources, T.accessEntry).filter(
            (e) => String(inputsOf(e)["principalArn"]).toLowerCase() === "arn:aws:iam::123456789012:role/platform-deployer",
        );
        expect(deployerEntries.map((e) => e.name)).toEqual(["platform-dev-access-123456789012-platform-deployer"]);
    });
});

describe("node groups", () => {
    test("three managed groups in the private subnets, Bottlerocket, labelled and tainted per pool, no remote access", () => {
        const groups = ofType(dev, T.nodeGroup).map(inputsOf);
        expect(
            groups
                .map((g) => at(g, `labels.${POOL_LABEL.replace(/\./g, "\\.")}`) ?? (g["labels"] as Record<string, string>)[POOL_LABEL])
                .sort(),
        ).toEqual(["general", "isolated", "system"]);
        const byPool = new Map(groups.map((g) => [(g["labels"] as Record<string, string>)[POOL_LABEL], g]));
        expect(byPool.get("system")?.["taints"]).toEqual([{ key: "CriticalAddonsOnly", value: "true", effect: "NO_SCHEDULE" }]);
        expect(byPool.get("isolated")?.["taints"]).toEqual([
            { key: ISOLATED_TAINT.key, value: ISOLATED_TAINT.value, effect: "NO_SCHEDULE" },
        ]);
        expect(byPool.get("general")?.["taints"]).toEqual([]);
        for (const g of nonEmpty(groups)) {
            expect(g["amiType"]).toBe("BOTTLEROCKET_x86_64");
            expect(g["remoteAccess"]).toBeUndefined();
            expect(g["subnetIds"]).toHaveLength(2);
            expect(at(g, "launchTemplate.version")).toBe("1");
        }
    });

    test("launch templates: IMDSv2 with one hop, encrypted gp3 OS and data volumes with the cluster key, node SG, no key pair", () => {
        for (const lt of nonEmpty(ofType(dev, T.launchTemplate).map(inputsOf))) {
            expect(lt["metadataOptions"]).toEqual({
                httpEndpoint: "enabled",
                httpTokens: "required",
                httpPutResponseHopLimit: 1,
                instanceMetadataTags: "disabled",
            });
            expect(lt["keyName"]).toBeUndefined();
            expect(lt["imageId"]).toBeUndefined();
            const devices = lt["blockDeviceMappings"] as { deviceName: string; ebs: Record<string, unknown> }[];
            expect(devices.map((d) => d.deviceName)).toEqual(["/dev/xvda", "/dev/xvdb"]);
            for (const d of nonEmpty(devices)) {
                expect(d.ebs).toMatchObject({ volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" });
                expect(d.ebs["kmsKeyId"]).toMatch(/^arn:aws:kms:/);
            }
            expect(devices[1].ebs["volumeSize"]).toBe(50);
            expect(lt["vpcSecurityGroupIds"]).toHaveLength(1);
        }
    });

    test("node groups wait for the node role's policies, the CNI, kube-proxy, the Pod Identity agent and NAT routes", () => {
        const system = named(dev, T.nodeGroup, "platform-dev-system");
        for (const dep of [
            named(dev, T.addon, "platform-dev-vpc-cni"),
            named(dev, T.addon, "platform-dev-kube-proxy"),
            named(dev, T.addon, "platform-dev-eks-pod-identity-agent"),
            named(dev, T.attachment, "platform-dev-node-role-AmazonEKSWorkerNodePolicy"),
            named(dev, T.route, "platform-dev-private-a-default"),
        ]) {
            expect(system.dependencies).toContain(dep.urn);
        }
    });

    test("AL2023 nodes: AL2023 amiType and one encrypted root volume /dev/xvda", async () => {
        const { resources } = await runStack("aws-dev", { "hardened-cluster:eks": { nodeOs: "al2023" } });
        expect(ofType(resources, T.nodeGroup).map((g) => inputsOf(g)["amiType"])).toEqual([
            "AL2023_x86_64_STANDARD",
            "AL2023_x86_64_STANDARD",
            "AL2023_x86_64_STANDARD",
        ]);
        const devices = inputsOf(ofType(resources, T.launchTemplate)[0])["blockDeviceMappings"] as {
            deviceName: string;
            ebs: Record<string, unknown>;
        }[];
        expect(devices.map((d) => [d.deviceName, d.ebs["encrypted"], d.ebs["volumeSize"]])).toEqual([["/dev/xvda", "true", 50]]);
    });

    test("node security group: only EKS's flows, every rule described", () => {
        const rules = [...ofType(dev, T.ingress), ...ofType(dev, T.egress)].filter((r) => r.name.includes("-node-"));
        for (const r of nonEmpty(rules)) expect(String(inputsOf(r)["description"]).length).toBeGreaterThan(10);
        const ingress = ofType(dev, T.ingress)
            .filter((r) => r.name.startsWith("platform-dev-node-in-"))
            .map((r) => {
                const p = inputsOf(r);
                return `${p["ipProtocol"]}:${p["fromPort"] ?? "all"}`;
            });
        expect(ingress.sort()).toEqual(["-1:all", "tcp:10250", "tcp:443", "tcp:4443", "tcp:53", "tcp:8443", "tcp:9443", "udp:53"]);
        const cpSg = named(dev, T.sg, "platform-dev-control-plane-sg");
        expect(named(dev, T.ingress, "platform-dev-node-in-kubelet").propertyDependencies["referencedSecurityGroupId"]).toEqual([cpSg.urn]);
    });
});

describe("add-ons", () => {
    test("pinned versions; vpc-cni enforces network policy with its own Pod Identity role; EBS CSI has its own role", () => {
        const addons: Record<string, Record<string, unknown>> = Object.fromEntries(
            ofType(dev, T.addon).map((a) => [String(inputsOf(a)["addonName"]), inputsOf(a)]),
        );
        expect(Object.fromEntries(Object.entries(addons).map(([n, a]) => [n, a["addonVersion"]]))).toEqual({
            "eks-pod-identity-agent": "v1.3.9-eksbuild.3",
            "kube-proxy": "v1.35.3-eksbuild.2",
            "vpc-cni": "v1.20.4-eksbuild.1",
            coredns: "v1.14.2-eksbuild.4",
            "aws-ebs-csi-driver": "v1.50.1-eksbuild.1",
            "amazon-cloudwatch-observability": "v4.5.0-eksbuild.1",
            "aws-secrets-store-csi-driver-provider": "v3.1.2-eksbuild.1",
        });
        expect(JSON.parse(String(addons["vpc-cni"]["configurationValues"]))).toEqual({ enableNetworkPolicy: "true" });
        expect(at(addons["vpc-cni"], "podIdentityAssociations[0].serviceAccount")).toBe("aws-node");
        expect(at(addons["aws-ebs-csi-driver"], "podIdentityAssociations[0].serviceAccount")).toBe("ebs-csi-controller-sa");
    });

    test("CoreDNS and EBS CSI come after the node groups", () => {
        const groups = ofType(dev, T.nodeGroup).map((g) => g.urn);
        for (const name of ["platform-dev-coredns", "platform-dev-aws-ebs-csi-driver"]) {
            expect(named(dev, T.addon, name).dependencies).toEqual(expect.arrayContaining(groups));
        }
    });
});

describe("existing subnets", () => {
    test("no VPC, NAT or flow logs are created; nodes and control plane use the given subnets", async () => {
        const ids = ["subnet-0123456789abcdef1", "subnet-0123456789abcdef2"];
        const { resources } = await runStack("aws-dev", { "hardened-cluster:eks": { existingPrivateSubnetIds: ids } });
        for (const type of [T.vpc, T.subnet, T.nat, T.flowLog, T.endpoint]) expect(ofType(resources, type)).toEqual([]);
        expect(at(props(resources, T.cluster, "platform-dev-cluster"), "vpcConfig.subnetIds")).toEqual(ids);
        expect(inputsOf(ofType(resources, T.nodeGroup)[0])["subnetIds"]).toEqual(ids);
        expect(props(resources, T.sg, "platform-dev-node-sg")["vpcId"]).toBe("vpc-0123456789abcdef0");
    });
});

describe("the component's contract", () => {
    test("secret exec kubeconfig, provider, subjects, encrypted gp3 storage class with the key, ready resources, outputs", async () => {
        const config = validateStackConfig(rawConfigFrom(readStackConfig("aws-dev"))) as AwsConfig;
        const { outputs: cluster } = await runProgram(async () => {
            const { provider, deployerArn } = await connectAws(config);
            return new EksHardenedCluster("platform-dev", { config, provider, deployerArn });
        });
        expect(await isSecretOutput(cluster.kubeconfig)).toBe(true);
        const kubeconfig = JSON.parse(await valueOf(cluster.kubeconfig));
        expect(kubeconfig.users[0].user.exec.args).toEqual([
            "eks",
            "get-token",
            "--cluster-name",
            "platform-dev",
            "--region",
            "eu-west-1",
            "--output",
            "json",
        ]);
        expect(JSON.stringify(kubeconfig)).not.toMatch(/token:|client-key-data|password/);
        expect(kubeconfig.clusters[0].cluster.server).toMatch(/^https:\/\/.*eks\.amazonaws\.com$/);
        expect(cluster.subjects).toEqual({
            admins: ["hardened:platform-admins"],
            viewers: ["hardened:viewers"],
            developers: ["hardened:developers"],
            tenants: {
                payments: { editors: ["hardened:tenant:payments:editors"], viewers: [] },
                search: { editors: ["hardened:tenant:search:editors"], viewers: [] },
            },
        });
        expect(cluster.storageClass.provisioner).toBe("ebs.csi.aws.com");
        expect(cluster.storageClass.parameters["type"]).toBe("gp3");
        expect(cluster.storageClass.parameters["encrypted"]).toBe("true");
        expect(await valueOf(cluster.kmsKey.arn)).toBe(await valueOf(cluster.storageClass.parameters["kmsKeyId"] as never));
        expect(cluster.imageVerification).toBe("in-cluster");
        // Node groups, the five add-ons, the policy-controller's ECR read policy and Pod Identity association, the
        // Cluster Autoscaler's policy and association, the CloudWatch observability add-on, and the secrets store
        // add-on with each of the two tenants' secrets-read policy and association (tenant-secrets.test.ts).
        expect(cluster.readyResources).toHaveLength(18);
        expect(await valueOf(cluster.outputs["oidcIssuer"] as never)).toMatch(/^https:\/\/oidc\.eks\./);
        expect(await valueOf(cluster.outputs["clusterCertificateAuthority"] as never)).toMatch(/^LS0t/);
        expect(await valueOf(cluster.clusterName)).toBe("platform-dev");
        expect(await valueOf(cluster.endpoint)).toBe(kubeconfig.clusters[0].cluster.server);
        expect(await valueOf(cluster.certificateAuthorityData)).toBe(kubeconfig.clusters[0].cluster["certificate-authority-data"]);
        expect(await valueOf(cluster.oidcIssuer)).toBe("https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF");
    });
});
