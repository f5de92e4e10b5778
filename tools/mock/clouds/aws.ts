import { CloudAnswers, Inputs, MOCK_IDENTITY } from "../answers";

const account = MOCK_IDENTITY.awsAccountId;

function region(inputs: Inputs): string {
    return typeof inputs["region"] === "string" ? (inputs["region"] as string) : "eu-west-1";
}

export const AWS_ANSWERS: CloudAnswers = {
    typePrefix: "aws:",
    invokes: {
        "aws:index/getCallerIdentity:getCallerIdentity": () => ({
            accountId: account,
            arn: `arn:aws:sts::${account}:assumed-role/platform-deployer/session`,
            userId: "AROAEXAMPLE:session",
            id: account,
        }),
        "aws:iam/getSessionContext:getSessionContext": () => ({
            issuerArn: `arn:aws:iam::${account}:role/platform-deployer`,
            issuerId: "AROAEXAMPLE",
            issuerName: "platform-deployer",
            sessionName: "session",
            arn: `arn:aws:sts::${account}:assumed-role/platform-deployer/session`,
            id: "session",
        }),
        "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" }),
        "aws:index/getRegion:getRegion": (inputs) => ({ name: region(inputs), region: region(inputs), id: region(inputs) }),
        "aws:ec2/getSubnet:getSubnet": (inputs) => {
            const id = typeof inputs["id"] === "string" ? (inputs["id"] as string) : "subnet-00000000";
            const zone = ["a", "b", "c"][parseInt(id.slice(-1), 16) % 3];
            return {
                id,
                arn: `arn:aws:ec2:eu-west-1:${account}:subnet/${id}`,
                vpcId: "vpc-0123456789abcdef0",
                availabilityZone: `eu-west-1${zone}`,
                cidrBlock: "10.40.0.0/20",
                mapPublicIpOnLaunch: false,
                tags: {},
            };
        },
        "aws:ec2/getVpc:getVpc": (inputs) => ({
            id: typeof inputs["id"] === "string" ? inputs["id"] : "vpc-0123456789abcdef0",
            arn: `arn:aws:ec2:eu-west-1:${account}:vpc/${String(inputs["id"])}`,
            cidrBlock: "10.40.0.0/16",
            enableDnsSupport: true,
            enableDnsHostnames: true,
            tags: {},
        }),
        "aws:index/getAvailabilityZones:getAvailabilityZones": (inputs) => {
            const r = region(inputs);
            return { names: [`${r}a`, `${r}b`, `${r}c`], zoneIds: ["euw1-az1", "euw1-az2", "euw1-az3"], id: r };
        },
    },
    defaultOutputs: (name) => ({ arn: `arn:aws:mock:eu-west-1:${account}:${name}` }),
    outputs: {
        "aws:eks/cluster:Cluster": (name, inputs) => {
            const clusterName = typeof inputs["name"] === "string" ? (inputs["name"] as string) : name;
            return {
                arn: `arn:aws:eks:eu-west-1:${account}:cluster/${clusterName}`,
                name: clusterName,
                endpoint: `https://${clusterName.toUpperCase()}0123456789ABCDEF.gr7.eu-west-1.eks.amazonaws.com`,
                certificateAuthority: { data: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1PQ0sKLS0tLS1FTkQgQ0VSVElGSUNBVEUtLS0tLQo=" },
                identities: [{ oidcs: [{ issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF" }] }],
                clusterId: `${clusterName}-id`,
                platformVersion: "eks.1",
                status: "ACTIVE",
            };
        },
        "aws:kms/key:Key": (name) => ({
            arn: `arn:aws:kms:eu-west-1:${account}:key/${name}-0000-0000-0000-000000000000`,
            keyId: `${name}-0000-0000-0000-000000000000`,
        }),
        "aws:iam/role:Role": (name, inputs) => {
            const roleName = typeof inputs["name"] === "string" ? (inputs["name"] as string) : `${name}-1234567`;
            return { arn: `arn:aws:iam::${account}:role/${roleName}`, name: roleName, uniqueId: `AROA${roleName.length}EXAMPLE` };
        },
        "aws:cloudwatch/logGroup:LogGroup": (name, inputs) => ({
            arn: `arn:aws:logs:eu-west-1:${account}:log-group:${typeof inputs["name"] === "string" ? inputs["name"] : name}`,
        }),
        "aws:ec2/launchTemplate:LaunchTemplate": () => ({ latestVersion: 1, defaultVersion: 1 }),
        "aws:eks/nodeGroup:NodeGroup": (name) => ({ status: "ACTIVE", nodeGroupName: name }),
    },
};
