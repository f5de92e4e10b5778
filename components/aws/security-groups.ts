import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsContext, childOptions } from "./context";

/**
 * Security groups of the control plane and the nodes, with only the flows EKS needs. The node group's
 * launch template names the node group explicitly, so EKS does not add its open cluster security group
 * to nodes; every flow to and from nodes is therefore one of the rules below.
 */
export interface ClusterSecurityGroups {
    /** Attached to the control plane's network interfaces (vpcConfig.securityGroupIds). */
    readonly controlPlane: aws.ec2.SecurityGroup;
    /** Attached to every node through its launch template. */
    readonly node: aws.ec2.SecurityGroup;
    readonly rules: pulumi.Resource[];
}

export interface SgRulePlan {
    readonly key: string;
    readonly description: string;
    readonly protocol: "tcp" | "udp" | "-1";
    readonly fromPort?: number;
    readonly toPort?: number;
    /** Source: the other group of the pair, this group itself, a CIDR, or another security group by id. */
    readonly source: "control-plane" | "node" | "self" | { readonly cidr: string } | { readonly securityGroupId: string };
}

/** Ports on pods that the API server calls as admission webhooks (policy-controller 8443, common 9443, metrics-server 4443). */
export const WEBHOOK_PORTS = [4443, 8443, 9443] as const;

/** Ingress of the node group. */
export const NODE_INGRESS: readonly SgRulePlan[] = [
    {
        key: "kubelet",
        description: "Control plane to kubelet (logs, exec, metrics)",
        protocol: "tcp",
        fromPort: 10250,
        toPort: 10250,
        source: "control-plane",
    },
    {
        key: "webhooks-443",
        description: "Control plane to admission webhooks and aggregated APIs on 443",
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        source: "control-plane",
    },
    ...WEBHOOK_PORTS.map((port): SgRulePlan => ({
        key: `webhooks-${port}`,
        description: `Control plane to admission webhooks served on pod port ${port}`,
        protocol: "tcp",
        fromPort: port,
        toPort: port,
        source: "control-plane",
    })),
    {
        key: "dns-tcp",
        description: "Cluster DNS (CoreDNS) over TCP between nodes",
        protocol: "tcp",
        fromPort: 53,
        toPort: 53,
        source: "self",
    },
    {
        key: "dns-udp",
        description: "Cluster DNS (CoreDNS) over UDP between nodes",
        protocol: "udp",
        fromPort: 53,
        toPort: 53,
        source: "self",
    },
    {
        key: "node-to-node",
        description:
            "Node to node and pod to pod (VPC CNI pod addresses live on node interfaces); narrowed per namespace by NetworkPolicy (HC-NET-02)",
        protocol: "-1",
        source: "self",
    },
];

/** Egress of the node group: pods and kubelet reach the API server, registries and AWS APIs. */
export const NODE_EGRESS: readonly SgRulePlan[] = [
    {
        key: "all",
        description: "Node and pod egress (API server, ECR, AWS APIs through NAT or endpoints); narrowed per namespace by NetworkPolicy",
        protocol: "-1",
        source: { cidr: "0.0.0.0/0" },
    },
];

/** Ingress of the control plane's own group. */
export const CONTROL_PLANE_INGRESS: readonly SgRulePlan[] = [
    {
        key: "nodes-https",
        description: "Nodes and pods to the Kubernetes API server",
        protocol: "tcp",
        fromPort: 443,
        toPort: 443,
        source: "node",
    },
];

/** A resource-name-safe key for a CIDR or group id: "10.100.0.0/24" -> "10-100-0-0-24". */
function sourceKey(value: string): string {
    return value.replace(/[^A-Za-z0-9]+/g, "-");
}

/**
 * HC-API-01: runner networks admitted to the private endpoint (apiAccess.privateSourceCidrs and
 * privateSourceSecurityGroupIds): a connected network's runners (peering, transit gateway, VPN, Direct
 * Connect) or a bastion's group reach the API server on 443, as the EKS user guide's "accessing a private
 * only API server" asks, and nothing else. Config validation refuses 0.0.0.0/0 and anything wider than /8.
 */
export function runnerIngress(privateSourceCidrs: readonly string[], privateSourceSecurityGroupIds: readonly string[]): SgRulePlan[] {
    const https = { protocol: "tcp", fromPort: 443, toPort: 443 } as const;
    return [
        ...privateSourceCidrs.map((cidr): SgRulePlan => ({
            ...https,
            key: `runner-${sourceKey(cidr)}`,
            description: `Runner network ${cidr} to the Kubernetes API server (apiAccess.privateSourceCidrs)`,
            source: { cidr },
        })),
        ...privateSourceSecurityGroupIds.map((id): SgRulePlan => ({
            ...https,
            key: `runner-${sourceKey(id)}`,
            description: `Members of ${id} to the Kubernetes API server (apiAccess.privateSourceSecurityGroupIds)`,
            source: { securityGroupId: id },
        })),
    ];
}

/**
 * Egress of the control plane's own group: the mirror of every node rule whose source is the control
 * plane (EKS's managed cluster group allows all egress too; these keep our group complete on its own).
 */
export const CONTROL_PLANE_EGRESS: readonly SgRulePlan[] = NODE_INGRESS.filter((r) => r.source === "control-plane").map((r) => ({
    ...r,
    description: `${r.description} (control plane side)`,
    source: "node",
}));

export function clusterSecurityGroups(
    ctx: AwsContext,
    clusterName: string,
    vpcId: pulumi.Input<string>,
    runners: readonly SgRulePlan[] = [],
): ClusterSecurityGroups {
    const opts = childOptions(ctx);
    const controlPlane = new aws.ec2.SecurityGroup(
        `${ctx.name}-control-plane-sg`,
        {
            vpcId,
            description: `EKS ${clusterName} control plane: API server from nodes`,
            revokeRulesOnDelete: true,
            tags: { ...ctx.tags, Name: `${clusterName}-control-plane` },
        },
        opts,
    );
    const node = new aws.ec2.SecurityGroup(
        `${ctx.name}-node-sg`,
        {
            vpcId,
            description: `EKS ${clusterName} nodes: only the flows EKS needs`,
            revokeRulesOnDelete: true,
            // Load balancer controllers find the node group by this tag.
            tags: { ...ctx.tags, Name: `${clusterName}-nodes`, [`kubernetes.io/cluster/${clusterName}`]: "owned" },
        },
        opts,
    );
    const groups = { "control-plane": controlPlane, node };
    const source = (rule: SgRulePlan, self: aws.ec2.SecurityGroup) => {
        if (typeof rule.source === "object") {
            return "cidr" in rule.source ? { cidrIpv4: rule.source.cidr } : { referencedSecurityGroupId: rule.source.securityGroupId };
        }
        const group = rule.source === "self" ? self : groups[rule.source];
        return { referencedSecurityGroupId: group.id };
    };
    const ports = (rule: SgRulePlan) => (rule.protocol === "-1" ? {} : { fromPort: rule.fromPort, toPort: rule.toPort });
    /** One rule resource per planned rule; names keep the "<group>-<in|out>-<key>" scheme of earlier releases. */
    const create = (group: aws.ec2.SecurityGroup, prefix: string, direction: "in" | "out", plans: readonly SgRulePlan[]) =>
        plans.map((rule) => {
            const Rule = direction === "in" ? aws.vpc.SecurityGroupIngressRule : aws.vpc.SecurityGroupEgressRule;
            return new Rule(
                `${ctx.name}-${prefix}-${direction}-${rule.key}`,
                {
                    securityGroupId: group.id,
                    description: rule.description,
                    ipProtocol: rule.protocol,
                    ...ports(rule),
                    ...source(rule, group),
                },
                opts,
            );
        });
    const rules: pulumi.Resource[] = [
        ...create(node, "node", "in", NODE_INGRESS),
        ...create(node, "node", "out", NODE_EGRESS),
        ...create(controlPlane, "control-plane", "in", [...CONTROL_PLANE_INGRESS, ...runners]),
        ...create(controlPlane, "control-plane", "out", CONTROL_PLANE_EGRESS),
    ];
    return { controlPlane, node, rules };
}
