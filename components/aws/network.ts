import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, childOptions, invokeOptions } from "./context";
import { encryptedLogGroup } from "./logging";
import { flowLogsTrustPolicy, flowLogsWritePolicy } from "./policy-documents";
import { SubnetPlan, ZonePlan } from "./subnet-plan";

/** What the rest of the cluster needs from its network, new or existing. */
export interface ClusterNetwork {
    readonly vpcId: pulumi.Output<string>;
    readonly vpcCidr: pulumi.Output<string>;
    /** Node and control-plane subnets: private, no public IPs (HC-NET-01). */
    readonly privateSubnetIds: pulumi.Output<string>[];
    /** Resources that give the private subnets their egress (NAT routes, endpoints); nodes wait for them. */
    readonly egressReady: pulumi.Resource[];
}

export interface NewNetworkArgs {
    readonly clusterName: string;
    readonly plan: SubnetPlan;
    /** Interface endpoints for ECR, STS, logs and EC2, and the S3 gateway endpoint. */
    readonly interfaceEndpoints: boolean;
    /** The cluster key, for the flow-log group. */
    readonly kmsKeyArn: pulumi.Input<string>;
    readonly flowLogGroupName: string;
    readonly logRetentionDays: number;
    /** Adopt an existing flow-log group of the same name (eks.adoptExistingLogGroups). */
    readonly adoptLogGroup: boolean;
}

/**
 * ECR and S3 (gateway) for image pulls, STS, CloudWatch Logs, EC2, and EKS itself: `eks-auth` serves
 * Pod Identity credentials (AssumeRoleForPodIdentity) and `eks` the node and add-on calls, so Pod Identity
 * keeps working when private egress relies on the endpoints alone.
 */
export const INTERFACE_ENDPOINT_SERVICES = ["ecr.api", "ecr.dkr", "sts", "logs", "ec2", "eks", "eks-auth"] as const;

/**
 * A new VPC for the cluster: private node subnets per zone routed through NAT, public subnets that only
 * hold the NAT gateways, flow logs to an encrypted log group (HC-NET-03) and a default security group
 * stripped of every rule, so nothing lands in an open group by accident.
 */
export function newNetwork(ctx: AwsContext, args: NewNetworkArgs): ClusterNetwork {
    const { clusterName, plan } = args;
    const opts = childOptions(ctx);
    const tag = (name: string, extra: Record<string, string> = {}) => ({ ...ctx.tags, Name: name, ...extra });
    const zones = aws.getAvailabilityZonesOutput(
        { state: "available", filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }] },
        invokeOptions(ctx),
    );
    const vpc = new aws.ec2.Vpc(
        `${ctx.name}-vpc`,
        { cidrBlock: plan.vpcCidr, enableDnsSupport: true, enableDnsHostnames: true, tags: tag(`${clusterName}-vpc`) },
        opts,
    );
    // CIS AWS Foundations 5.4: the default security group allows nothing; every group here is explicit.
    new aws.ec2.DefaultSecurityGroup(
        `${ctx.name}-default-sg`,
        { vpcId: vpc.id, ingress: [], egress: [], tags: tag(`${clusterName}-default-deny-all`) },
        opts,
    );
    const igw = new aws.ec2.InternetGateway(`${ctx.name}-igw`, { vpcId: vpc.id, tags: tag(`${clusterName}-igw`) }, opts);

    const publicRouteTable = new aws.ec2.RouteTable(`${ctx.name}-public-rt`, { vpcId: vpc.id, tags: tag(`${clusterName}-public`) }, opts);
    const publicDefaultRoute = new aws.ec2.Route(
        `${ctx.name}-public-default`,
        { routeTableId: publicRouteTable.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id },
        opts,
    );

    const az = (zone: ZonePlan) => zones.names.apply((names) => names[zone.index]);
    const natByZone = new Map<string, aws.ec2.NatGateway>();
    plan.zones.forEach((zone) => {
        const subnet = new aws.ec2.Subnet(
            `${ctx.name}-public-${zone.key}`,
            {
                vpcId: vpc.id,
                cidrBlock: zone.publicCidr,
                availabilityZone: az(zone),
                // HC-NET-01: NAT gateways use Elastic IPs; nothing here gets an automatic public address.
                mapPublicIpOnLaunch: false,
                tags: tag(`${clusterName}-public-${zone.key}`, { "kubernetes.io/role/elb": "1" }),
            },
            opts,
        );
        new aws.ec2.RouteTableAssociation(
            `${ctx.name}-public-${zone.key}`,
            { subnetId: subnet.id, routeTableId: publicRouteTable.id },
            opts,
        );
        if (zone.hasNat) {
            const eip = new aws.ec2.Eip(
                `${ctx.name}-nat-${zone.key}`,
                { domain: "vpc", tags: tag(`${clusterName}-nat-${zone.key}`) },
                opts,
            );
            const nat = new aws.ec2.NatGateway(
                `${ctx.name}-nat-${zone.key}`,
                { allocationId: eip.id, subnetId: subnet.id, connectivityType: "public", tags: tag(`${clusterName}-nat-${zone.key}`) },
                childOptions(ctx, { dependsOn: [igw, publicDefaultRoute] }),
            );
            natByZone.set(zone.key, nat);
        }
    });

    const egressReady: pulumi.Resource[] = [];
    const privateRouteTables: aws.ec2.RouteTable[] = [];
    const privateSubnets = plan.zones.map((zone) => {
        const subnet = new aws.ec2.Subnet(
            `${ctx.name}-private-${zone.key}`,
            {
                vpcId: vpc.id,
                cidrBlock: zone.privateCidr,
                availabilityZone: az(zone),
                // HC-NET-01: nodes never get public addresses; their only way out is the NAT gateway.
                mapPublicIpOnLaunch: false,
                tags: tag(`${clusterName}-private-${zone.key}`, {
                    "kubernetes.io/role/internal-elb": "1",
                    [`kubernetes.io/cluster/${clusterName}`]: "shared",
                }),
            },
            opts,
        );
        const routeTable = new aws.ec2.RouteTable(
            `${ctx.name}-private-${zone.key}`,
            { vpcId: vpc.id, tags: tag(`${clusterName}-private-${zone.key}`) },
            opts,
        );
        privateRouteTables.push(routeTable);
        const nat = natByZone.get(zone.natZoneKey);
        if (!nat) throw new Error(`subnet plan bug: zone ${zone.key} routes through ${zone.natZoneKey}, which has no NAT gateway`);
        egressReady.push(
            new aws.ec2.Route(
                `${ctx.name}-private-${zone.key}-default`,
                { routeTableId: routeTable.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id },
                opts,
            ),
            new aws.ec2.RouteTableAssociation(
                `${ctx.name}-private-${zone.key}`,
                { subnetId: subnet.id, routeTableId: routeTable.id },
                opts,
            ),
        );
        return subnet;
    });

    flowLogs(ctx, vpc, args);
    if (args.interfaceEndpoints) {
        egressReady.push(...endpoints(ctx, vpc, privateSubnets, privateRouteTables, clusterName));
    }
    return {
        vpcId: vpc.id,
        vpcCidr: vpc.cidrBlock,
        privateSubnetIds: privateSubnets.map((s) => s.id),
        egressReady,
    };
}

/** HC-NET-03: every accepted and rejected flow of the VPC, to a KMS-encrypted log group. */
function flowLogs(ctx: AwsContext, vpc: aws.ec2.Vpc, args: NewNetworkArgs): aws.ec2.FlowLog {
    const opts = childOptions(ctx);
    const group = encryptedLogGroup(ctx, "flow-logs", {
        logGroupName: args.flowLogGroupName,
        retentionDays: args.logRetentionDays,
        kmsKeyArn: args.kmsKeyArn,
        adopt: args.adoptLogGroup,
    });
    const trust = pulumi
        .all([ctx.partition, ctx.accountId])
        .apply(([partition, accountId]) => JSON.stringify(flowLogsTrustPolicy(partition, ctx.region, accountId)));
    const role = new aws.iam.Role(
        `${ctx.name}-flow-logs-role`,
        { description: `VPC flow logs of ${args.clusterName}`, assumeRolePolicy: trust, tags: ctx.tags },
        opts,
    );
    const write = new aws.iam.RolePolicy(
        `${ctx.name}-flow-logs-write`,
        { role: role.id, policy: group.arn.apply((arn) => JSON.stringify(flowLogsWritePolicy(arn))) },
        opts,
    );
    return new aws.ec2.FlowLog(
        `${ctx.name}-flow-logs`,
        {
            vpcId: vpc.id,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: group.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: 60,
            tags: { ...ctx.tags, Name: `${args.clusterName}-flow-logs` },
        },
        childOptions(ctx, { dependsOn: [write] }),
    );
}

/** Nodes pull images, get tokens and ship logs without leaving the VPC. */
function endpoints(
    ctx: AwsContext,
    vpc: aws.ec2.Vpc,
    privateSubnets: aws.ec2.Subnet[],
    privateRouteTables: aws.ec2.RouteTable[],
    clusterName: string,
): aws.ec2.VpcEndpoint[] {
    const opts = childOptions(ctx);
    const sg = new aws.ec2.SecurityGroup(
        `${ctx.name}-endpoints-sg`,
        {
            vpcId: vpc.id,
            description: `Interface endpoints of ${clusterName}: HTTPS from the VPC only`,
            revokeRulesOnDelete: true,
            tags: { ...ctx.tags, Name: `${clusterName}-endpoints` },
        },
        opts,
    );
    new aws.vpc.SecurityGroupIngressRule(
        `${ctx.name}-endpoints-https`,
        {
            securityGroupId: sg.id,
            description: "HTTPS to the AWS API endpoints from inside the VPC",
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: vpc.cidrBlock,
        },
        opts,
    );
    const interfaces = INTERFACE_ENDPOINT_SERVICES.map(
        (service) =>
            new aws.ec2.VpcEndpoint(
                `${ctx.name}-endpoint-${service.replace(".", "-")}`,
                {
                    vpcId: vpc.id,
                    serviceName: `com.amazonaws.${ctx.region}.${service}`,
                    vpcEndpointType: "Interface",
                    privateDnsEnabled: true,
                    subnetIds: privateSubnets.map((s) => s.id),
                    securityGroupIds: [sg.id],
                    tags: { ...ctx.tags, Name: `${clusterName}-${service}` },
                },
                opts,
            ),
    );
    const s3 = new aws.ec2.VpcEndpoint(
        `${ctx.name}-endpoint-s3`,
        {
            vpcId: vpc.id,
            serviceName: `com.amazonaws.${ctx.region}.s3`,
            vpcEndpointType: "Gateway",
            routeTableIds: privateRouteTables.map((rt) => rt.id),
            tags: { ...ctx.tags, Name: `${clusterName}-s3` },
        },
        opts,
    );
    return [...interfaces, s3];
}

/**
 * Build into subnets someone else owns. They are checked when `pulumi up` reads them: one VPC, at
 * least two zones, no public IPs on launch. Their VPC's flow logs and NAT remain the owner's.
 */
export function existingNetwork(ctx: AwsContext, subnetIds: readonly string[]): ClusterNetwork {
    const subnets = subnetIds.map((id) => aws.ec2.getSubnetOutput({ id }, invokeOptions(ctx)));
    const checked = pulumi.all(subnets).apply((list) => {
        const problems = existingSubnetProblems(
            list.map((s) => ({
                id: s.id,
                vpcId: s.vpcId,
                availabilityZone: s.availabilityZone,
                mapPublicIpOnLaunch: s.mapPublicIpOnLaunch,
            })),
        );
        if (problems.length > 0) throw new Error(`eks.existingPrivateSubnetIds: ${problems.join("; ")}`);
        return list[0].vpcId;
    });
    const vpc = aws.ec2.getVpcOutput({ id: checked }, invokeOptions(ctx));
    return {
        vpcId: checked,
        vpcCidr: vpc.cidrBlock,
        privateSubnetIds: subnetIds.map((id) => checked.apply(() => id)),
        egressReady: [],
    };
}

export interface SubnetFacts {
    readonly id: string;
    readonly vpcId: string;
    readonly availabilityZone: string;
    readonly mapPublicIpOnLaunch: boolean;
}

/** Why a set of existing subnets cannot host the cluster; empty when they can. */
export function existingSubnetProblems(subnets: readonly SubnetFacts[]): string[] {
    const problems: string[] = [];
    const vpcs = new Set(subnets.map((s) => s.vpcId));
    if (vpcs.size > 1) problems.push(`the subnets are in several VPCs (${[...vpcs].sort().join(", ")}); give subnets of one VPC`);
    const zones = new Set(subnets.map((s) => s.availabilityZone));
    if (zones.size < 2) problems.push(`the subnets span ${zones.size} availability zone; EKS needs subnets in at least two`);
    const publicOnes = subnets.filter((s) => s.mapPublicIpOnLaunch).map((s) => s.id);
    if (publicOnes.length > 0) {
        problems.push(`${publicOnes.join(", ")} assign public IPs on launch; give private subnets (mapPublicIpOnLaunch false)`);
    }
    return problems;
}
