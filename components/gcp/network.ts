import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import { NetworkPlan } from "./network-plan";

export interface GkeNetworkArgs {
    /** Prefix of the physical names (VPC, subnet, router, NAT, firewall rules). */
    readonly clusterName: string;
    readonly region: string;
    readonly plan: NetworkPlan;
    /** The nodes' service account e-mail: firewall rules for nodes target it, not network tags. */
    readonly nodeServiceAccountEmail: pulumi.Input<string>;
}

/**
 * A custom-mode VPC with one node subnet (pods and services as secondary ranges), Cloud NAT for the
 * private nodes' egress, and firewall rules that allow only what GKE needs.
 */
export class GkeNetwork extends pulumi.ComponentResource {
    readonly network: gcp.compute.Network;
    readonly subnetwork: gcp.compute.Subnetwork;
    readonly router: gcp.compute.Router;
    readonly nat: gcp.compute.RouterNat;
    readonly firewallRules: readonly gcp.compute.Firewall[];

    constructor(name: string, args: GkeNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:Network", name, {}, opts);
        const child = childOptions(this, opts);
        const { plan, clusterName, region } = args;

        // Custom mode: no auto-created subnet in every region, only the ranges planned here.
        this.network = new gcp.compute.Network(
            `${name}-vpc`,
            {
                name: `${clusterName}-vpc`,
                autoCreateSubnetworks: false,
                routingMode: "REGIONAL",
                description: `Network of the ${clusterName} GKE cluster`,
            },
            child,
        );

        this.subnetwork = new gcp.compute.Subnetwork(
            `${name}-nodes`,
            {
                name: `${clusterName}-nodes`,
                network: this.network.id,
                region,
                ipCidrRange: plan.nodeCidr,
                secondaryIpRanges: [plan.pods, plan.services],
                // HC-NET-04 (CIS GKE 5.6.2): nodes reach Google APIs (Artifact Registry, logging) without internet routes.
                privateIpGoogleAccess: true,
                // HC-NET-03 (CIS GKE 5.6.1): VPC flow logs with full metadata, half of the flows sampled.
                logConfig: {
                    aggregationInterval: "INTERVAL_5_SEC",
                    flowSampling: 0.5,
                    metadata: "INCLUDE_ALL_METADATA",
                },
                description: `Nodes of ${clusterName}; secondary ranges for pods and services`,
            },
            child,
        );

        this.router = new gcp.compute.Router(
            `${name}-router`,
            { name: `${clusterName}-router`, network: this.network.id, region, description: `Cloud NAT router of ${clusterName}` },
            child,
        );

        // Private nodes have no external address (HC-NET-01); Cloud NAT gives them egress. Cloud NAT is a
        // regional, zone-redundant service, so one gateway serves both the "single" and "perZone" layouts.
        this.nat = new gcp.compute.RouterNat(
            `${name}-nat`,
            {
                name: `${clusterName}-nat`,
                router: this.router.name,
                region,
                natIpAllocateOption: "AUTO_ONLY",
                sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
                subnetworks: [{ name: this.subnetwork.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
                logConfig: { enable: true, filter: "ERRORS_ONLY" },
            },
            child,
        );

        this.firewallRules = plan.firewallRules.map(
            (rule) =>
                new gcp.compute.Firewall(
                    `${name}-${rule.key}`,
                    {
                        name: `${clusterName}-${rule.key}`,
                        network: this.network.id,
                        description: rule.description,
                        direction: rule.direction,
                        priority: rule.priority,
                        sourceRanges: [...rule.sourceRanges],
                        allows:
                            rule.action === "allow"
                                ? [{ protocol: rule.protocol, ports: rule.ports ? [...rule.ports] : undefined }]
                                : undefined,
                        denies:
                            rule.action === "deny"
                                ? [{ protocol: rule.protocol, ports: rule.ports ? [...rule.ports] : undefined }]
                                : undefined,
                        targetServiceAccounts: rule.targetsNodes ? [args.nodeServiceAccountEmail] : undefined,
                        logConfig: { metadata: "INCLUDE_ALL_METADATA" },
                    },
                    child,
                ),
        );
        this.registerOutputs({});
    }
}
