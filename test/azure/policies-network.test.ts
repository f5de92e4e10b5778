import * as containerservice from "@pulumi/azure-native/containerservice";
import * as network from "@pulumi/azure-native/network";
import * as pulumi from "@pulumi/pulumi";
import { adminPortsIn, isInternetSource, openAdminRule, parsePortRange } from "../../policypacks/cluster-hardening/azure/nsg-rules";
import { CapturedResource, runStack } from "../harness";
import { passes, violations } from "../harness/policies";
import { added, edited, messages, ofType, outcomes, Props, RESOURCE_GROUP, statuses, TYPES } from "./fixture";

let blueprint: CapturedResource[];
let preview: CapturedResource[];

beforeAll(async () => {
    blueprint = (await runStack("azure-prod")).resources;
    preview = (await runStack("azure-prod", {}, { preview: true })).resources;
});

/** An inline NSG rule; an override of `undefined` leaves the field out, as an unset field is on the wire. */
function rule(overrides: Props): Props {
    const all: Props = {
        name: "allow-ssh",
        priority: 100,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        sourcePortRange: "*",
        sourceAddressPrefix: "Internet",
        destinationAddressPrefix: "*",
        destinationPortRange: "22",
        ...overrides,
    };
    return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}

/** A rule of its own on the blueprint's node NSG, as a teammate would add it. */
function teammateRule(args: Partial<network.SecurityRuleArgs>) {
    return () =>
        new network.SecurityRule("teammate-rule", {
            resourceGroupName: "rg-platform-prod",
            networkSecurityGroupName: "platform-prod-nodes-nsg",
            securityRuleName: "teammate-rule",
            priority: 200,
            direction: "Inbound",
            access: "Allow",
            protocol: "Tcp",
            sourcePortRange: "*",
            destinationAddressPrefix: "*",
            ...args,
        });
}

describe("azure-network-nsg-deny-internet-admin-ports", () => {
    const name = "azure-network-nsg-deny-internet-admin-ports";
    const withInlineRules = (rules: Props[]) => edited(blueprint, ofType(TYPES.nsg), (p) => (p["securityRules"] = rules));

    test("passes on the blueprint's node NSG (no custom rules: Azure's defaults deny the internet)", async () => {
        const found = await outcomes(name, blueprint);
        expect(violations(found)).toEqual([]);
        expect(passes(found, name)).toHaveLength(1);
    });

    test("fails an inline rule that opens SSH to the Internet tag, and says what to fix", async () => {
        expect(await messages(name, withInlineRules([rule({})]))).toEqual([
            "[HC-NET-06] securityRules[allow-ssh] allows inbound Tcp from Internet to 22, which opens 22 (SSH) to the internet; " +
                'limit the source to specific CIDRs (a bastion or VPN range), name only the ports the service needs, or set access "Deny"',
        ]);
    });

    test.each([
        ["*", "22"],
        ["Any", "3389"],
        ["0.0.0.0/0", "10250"],
        ["::/0", "10255"],
        ["AzureCloud", "2379-2380"],
        ["internet", "*"],
        ["0.0.0.0/1", "0-65535"],
    ])("fails an inline rule from %s to %s", async (source, ports) => {
        const [message] = await messages(name, withInlineRules([rule({ sourceAddressPrefix: source, destinationPortRange: ports })]));
        expect(message).toContain(`from ${source} to ${ports}, which opens`);
    });

    test("fails a wide range that contains an administrative port, naming every port it opens", async () => {
        const [message] = await messages(name, withInlineRules([rule({ destinationPortRange: "2000-3000" })]));
        expect(message).toContain("which opens 2379-2380 (etcd) to the internet");
    });

    test("fails the plural forms: sourceAddressPrefixes and destinationPortRanges", async () => {
        const plural = rule({
            sourceAddressPrefix: undefined,
            sourceAddressPrefixes: ["10.0.0.0/8", "0.0.0.0/0"],
            destinationPortRange: undefined,
            destinationPortRanges: ["443", "10250-10255"],
        });
        expect(await messages(name, withInlineRules([plural]))).toEqual([
            expect.stringContaining("from 0.0.0.0/0 to 443, 10250-10255, which opens 10250 (kubelet API), 10255 (kubelet read-only port)"),
        ]);
    });

    test("reads numeric port ranges without crashing", async () => {
        const [message] = await messages(name, withInlineRules([rule({ destinationPortRange: undefined, destinationPortRanges: [22] })]));
        expect(message).toContain("which opens 22 (SSH) to the internet");
    });

    test("fails closed on a rule with the destination port unset (counts as every port)", async () => {
        const [message] = await messages(name, withInlineRules([rule({ destinationPortRange: undefined })]));
        expect(message).toContain("to (no destination port set), which opens 22 (SSH), 3389 (RDP), 2379-2380 (etcd)");
    });

    test("fails closed on a rule with the source unset (counts as any source)", async () => {
        const [message] = await messages(name, withInlineRules([rule({ sourceAddressPrefix: undefined })]));
        expect(message).toContain("from (no source set) to 22");
    });

    test("fails a teammate's SecurityRule resource on the blueprint's NSG", async () => {
        const rs = [...blueprint, ...(await added(teammateRule({ sourceAddressPrefix: "*", destinationPortRange: "3389" })))];
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("security rule teammate-rule allows inbound Tcp from * to 3389"),
        ]);
    });

    test.each([
        ["a specific source CIDR", rule({ sourceAddressPrefix: "203.0.113.0/24" })],
        ["the VirtualNetwork tag", rule({ sourceAddressPrefix: "VirtualNetwork" })],
        [
            "an application security group",
            rule({ sourceAddressPrefix: undefined, sourceApplicationSecurityGroups: [{ id: "/asg/bastion" }] }),
        ],
        ["a web port from the internet", rule({ destinationPortRanges: ["80", "443"], destinationPortRange: undefined })],
        ["a Deny rule", rule({ access: "Deny", destinationPortRange: "*" })],
        ["an outbound rule", rule({ direction: "Outbound", destinationPortRange: "*" })],
        ["ICMP", rule({ protocol: "Icmp", destinationPortRange: "*" })],
    ])("passes a compliant edit: %s", async (_what, compliant) => {
        const found = await outcomes(name, withInlineRules([compliant]));
        expect(violations(found)).toEqual([]);
        expect(passes(found, name)).toHaveLength(1);
    });

    test("is not evaluated (never passes) while a rule's source is unknown in preview", async () => {
        const rs = [
            ...preview,
            ...(await added(() => {
                const ip = new network.PublicIPAddress("jump", { resourceGroupName: "rg-platform-prod" });
                teammateRule({ sourceAddressPrefix: ip.ipAddress.apply((a) => a ?? ""), destinationPortRange: "22" })();
            }, true)),
        ];
        const found = (await outcomes(name, rs)).filter((o) => o.urn?.endsWith("teammate-rule"));
        expect(statuses(found)).toEqual(["not-evaluated"]);
        // The blueprint's own NSG is still judged in preview.
        expect(passes(await outcomes(name, preview), name)).toHaveLength(1);
    });
});

describe("NSG rule reading", () => {
    test("internet sources: everyone tags, AzureCloud, /0 and anything wider than /8", () => {
        for (const open of ["*", "Internet", "ANY", "AzureCloud", "AzureCloud.WestEurope", "0.0.0.0/0", "0.0.0.0/7", "::/0"])
            expect({ open, internet: isInternetSource(open) }).toEqual({ open, internet: true });
        for (const closed of ["VirtualNetwork", "AzureLoadBalancer", "10.0.0.0/8", "203.0.113.7", "2001:db8::/32"])
            expect({ closed, internet: isInternetSource(closed) }).toEqual({ closed, internet: false });
    });

    test("port ranges: single ports, ranges, '*', and unreadable ranges counted as all ports", () => {
        expect(parsePortRange("22")).toEqual({ from: 22, to: 22 });
        expect(parsePortRange("1000 - 2000")).toEqual({ from: 1000, to: 2000 });
        expect(parsePortRange("*")).toEqual({ from: 0, to: 65535 });
        expect(parsePortRange("ssh")).toBeUndefined();
        expect(parsePortRange("30-20")).toBeUndefined();
        expect(adminPortsIn(["ssh"])).toHaveLength(5);
        expect(adminPortsIn(["443", "8080-9000"])).toEqual([]);
    });

    test("the rule's protocol decides which admin ports it reaches: UDP 3389 is RDP, UDP 22 is not SSH", () => {
        expect(adminPortsIn(["22", "3389"], "Udp")).toEqual(["3389 (RDP)"]);
        expect(adminPortsIn(["22", "3389"], "Tcp")).toEqual(["22 (SSH)", "3389 (RDP)"]);
        expect(adminPortsIn(["22", "3389"], "*")).toEqual(["22 (SSH)", "3389 (RDP)"]);
    });

    test("Deny, outbound and portless rules open nothing", () => {
        expect(openAdminRule({ access: "Deny", sourceAddressPrefix: "*" })).toBeUndefined();
        expect(openAdminRule({ access: "Allow", direction: "Outbound", sourceAddressPrefix: "*" })).toBeUndefined();
        expect(openAdminRule({ access: "Allow", direction: "Inbound", protocol: "Esp", sourceAddressPrefix: "*" })).toBeUndefined();
    });
});

describe("azure-aks-stack-require-node-subnet-nsg", () => {
    const name = "azure-aks-stack-require-node-subnet-nsg";
    const nodeSubnet = ofType(TYPES.subnet, "platform-prod-nodes");
    const users = "agent pool general and agent pool isolated and agentPoolProfiles[system] of platform-prod-aks";

    test("passes on the blueprint: the node subnet carries the node NSG", async () => {
        const found = await outcomes(name, blueprint);
        expect(violations(found)).toEqual([]);
        expect(passes(found, name)).toHaveLength(1);
    });

    test("passes in preview too: the subnet names its NSG through a property dependency while ids are unknown", async () => {
        expect(statuses(await outcomes(name, preview))).toEqual(["pass"]);
    });

    test("fails the node subnet with its NSG removed (unset), naming every pool on it", async () => {
        const rs = edited(
            blueprint,
            nodeSubnet,
            (p) => delete p["networkSecurityGroup"],
            (d) => delete d["networkSecurityGroup"],
        );
        expect(await messages(name, rs)).toEqual([
            `[HC-NET-06] subnet platform-prod-nodes, used by ${users}, has no network security group, so nothing filters traffic to the nodes ` +
                "beyond Azure's platform defaults and a rule added later has nowhere to live; set networkSecurityGroup: { id: <nsg id> } on the subnet",
        ]);
    });

    test("fails a networkSecurityGroup without an id (wrong value)", async () => {
        const rs = edited(
            blueprint,
            nodeSubnet,
            (p) => (p["networkSecurityGroup"] = {}),
            (d) => (d["networkSecurityGroup"] = []),
        );
        expect(await messages(name, rs)).toEqual([expect.stringContaining("has a networkSecurityGroup without an id")]);
    });

    test("passes an NSG given by literal id (an NSG outside the stack)", async () => {
        const rs = edited(
            blueprint,
            nodeSubnet,
            (p) => (p["networkSecurityGroup"] = { id: `${RESOURCE_GROUP}/providers/Microsoft.Network/networkSecurityGroups/shared` }),
            (d) => (d["networkSecurityGroup"] = []),
        );
        expect(await messages(name, rs)).toEqual([]);
    });

    test("fails a teammate's pool in a new subnet without an NSG, and passes the same subnet with one", async () => {
        const pool = (subnetId: pulumi.Input<string>) =>
            new containerservice.AgentPool("teammate-pool", {
                resourceGroupName: "rg-platform-prod",
                resourceName: "platform-prod",
                agentPoolName: "batch",
                vnetSubnetID: subnetId,
            });
        const bare = await added(() => {
            const subnet = new network.Subnet("batch", {
                resourceGroupName: "rg-platform-prod",
                virtualNetworkName: "platform-prod-vnet",
                subnetName: "batch",
                addressPrefix: "10.50.200.0/24",
            });
            pool(subnet.id);
        });
        expect(await messages(name, [...blueprint, ...bare])).toEqual([
            expect.stringContaining("subnet batch, used by agent pool batch, has no network security group"),
        ]);
        const guarded = await added(() => {
            const nsg = new network.NetworkSecurityGroup("batch-nsg", { resourceGroupName: "rg-platform-prod" });
            const subnet = new network.Subnet("batch", {
                resourceGroupName: "rg-platform-prod",
                virtualNetworkName: "platform-prod-vnet",
                subnetName: "batch",
                addressPrefix: "10.50.200.0/24",
                networkSecurityGroup: { id: nsg.id },
            });
            pool(subnet.id);
        });
        expect(await messages(name, [...blueprint, ...guarded])).toEqual([]);
    });

    test("judges a VirtualNetwork's inline subnets: the one the pool uses, by the name in its id", async () => {
        const build = (subnet: string) => () => {
            const nsg = new network.NetworkSecurityGroup("edge-nsg", { resourceGroupName: "rg-platform-prod" });
            const vnet = new network.VirtualNetwork("edge", {
                resourceGroupName: "rg-platform-prod",
                virtualNetworkName: "edge",
                addressSpace: { addressPrefixes: ["10.60.0.0/16"] },
                subnets: [
                    { name: "guarded", addressPrefix: "10.60.0.0/24", networkSecurityGroup: { id: nsg.id } },
                    { name: "open", addressPrefix: "10.60.1.0/24" },
                ],
            });
            new containerservice.AgentPool("edge-pool", {
                resourceGroupName: "rg-platform-prod",
                resourceName: "platform-prod",
                agentPoolName: "edge",
                vnetSubnetID: pulumi.interpolate`${vnet.id}/subnets/${subnet}`,
            });
        };
        expect(await messages(name, [...blueprint, ...(await added(build("open")))])).toEqual([
            expect.stringContaining("inline subnet open of edge, used by agent pool edge, has no network security group"),
        ]);
        expect(await messages(name, [...blueprint, ...(await added(build("guarded")))])).toEqual([]);
        // In preview the VNet id is unknown, so which inline subnet the pool uses cannot be told: not evaluated.
        expect(statuses(await outcomes(name, [...preview, ...(await added(build("open"), true))]))).toEqual(["not-evaluated"]);
    });

    test("matches a hand-written subnet id against the stack's subnets", async () => {
        const rs = [
            ...edited(
                blueprint,
                nodeSubnet,
                (p) => delete p["networkSecurityGroup"],
                (d) => delete d["networkSecurityGroup"],
            ),
            ...(await added(() => {
                new containerservice.AgentPool("literal-pool", {
                    resourceGroupName: "rg-platform-prod",
                    resourceName: "platform-prod",
                    agentPoolName: "literal",
                    vnetSubnetID: `${RESOURCE_GROUP}/providers/Microsoft.Network/virtualNetworks/platform-prod-vnet/subnets/nodes`,
                });
            })),
        ];
        const [message] = await messages(name, rs);
        expect(message).toContain(
            "used by agent pool general and agent pool isolated and agent pool literal and agentPoolProfiles[system]",
        );
    });

    test("reports nodes placed in a reserved subnet (GatewaySubnet) as misplaced, NSG or not", async () => {
        const rs = [
            ...blueprint,
            ...(await added(() => {
                const subnet = new network.Subnet("gateway", {
                    resourceGroupName: "rg-platform-prod",
                    virtualNetworkName: "platform-prod-vnet",
                    subnetName: "GatewaySubnet",
                    addressPrefix: "10.50.250.0/27",
                });
                new containerservice.AgentPool("gw-pool", {
                    resourceGroupName: "rg-platform-prod",
                    resourceName: "platform-prod",
                    agentPoolName: "gw",
                    vnetSubnetID: subnet.id,
                });
            })),
        ];
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("subnet gateway, used by agent pool gw, is GatewaySubnet, which Azure reserves for its own gateways"),
        ]);
    });

    test("is not applicable to a stack without AKS", async () => {
        expect(
            await outcomes(
                name,
                blueprint.filter((r) => r.type !== TYPES.cluster && r.type !== TYPES.pool),
            ),
        ).toEqual([]);
    });
});

describe("azure-aks-stack-require-private-node-subnet", () => {
    const name = "azure-aks-stack-require-private-node-subnet";
    const nodeSubnet = ofType(TYPES.subnet, "platform-prod-nodes");

    test("passes on the blueprint's private node subnet, in preview too", async () => {
        expect(statuses(await outcomes(name, blueprint))).toEqual(["pass"]);
        expect(statuses(await outcomes(name, preview))).toEqual(["pass"]);
    });

    test("fails the node subnet with defaultOutboundAccess unset (the 2024-05-01 API then gives default outbound access)", async () => {
        const rs = edited(blueprint, nodeSubnet, (p) => delete p["defaultOutboundAccess"]);
        expect(await messages(name, rs)).toEqual([
            "[HC-NET-01] subnet platform-prod-nodes, used by agent pool general and agent pool isolated and agentPoolProfiles[system] of platform-prod-aks, " +
                "has defaultOutboundAccess not set (true for the Microsoft.Network API this provider uses, 2024-05-01), so Azure may give its nodes implicit public outbound addresses it owns and rotates; " +
                "set defaultOutboundAccess false (only possible when the subnet is created) and send egress through the NAT gateway",
        ]);
    });

    test("fails the node subnet with defaultOutboundAccess true (set wrong)", async () => {
        const rs = edited(blueprint, nodeSubnet, (p) => (p["defaultOutboundAccess"] = true));
        expect(await messages(name, rs)).toEqual([expect.stringContaining("has defaultOutboundAccess true, so Azure may give its nodes")]);
    });

    test("fails a teammate's pool in a new subnet created without the setting, and passes a private one", async () => {
        const build = (defaultOutboundAccess?: boolean) => () => {
            const subnet = new network.Subnet("batch", {
                resourceGroupName: "rg-platform-prod",
                virtualNetworkName: "platform-prod-vnet",
                subnetName: "batch",
                addressPrefix: "10.50.200.0/24",
                defaultOutboundAccess,
            });
            new containerservice.AgentPool("teammate-pool", {
                resourceGroupName: "rg-platform-prod",
                resourceName: "platform-prod",
                agentPoolName: "batch",
                vnetSubnetID: subnet.id,
            });
        };
        expect(await messages(name, [...blueprint, ...(await added(build()))])).toEqual([
            expect.stringContaining("subnet batch, used by agent pool batch, has defaultOutboundAccess not set"),
        ]);
        expect(await messages(name, [...blueprint, ...(await added(build(false)))])).toEqual([]);
    });
});

describe("azure-network-vnet-require-flow-logs", () => {
    const name = "azure-network-vnet-require-flow-logs";
    const FLOW_LOG = "azure-native:network:FlowLog";

    test("passes the blueprint's VNet with its enabled flow log, in preview too", async () => {
        const found = await outcomes(name, blueprint);
        expect(violations(found)).toEqual([]);
        expect(passes(found, name)).toHaveLength(1);
        expect(statuses(await outcomes(name, preview))).toEqual(["pass"]);
    });

    test("fails a disabled flow log (set wrong)", async () => {
        const rs = edited(blueprint, ofType(FLOW_LOG), (p) => (p["enabled"] = false));
        expect(await messages(name, rs)).toEqual([
            "[HC-NET-03] virtual network platform-prod-vnet's flow logs record nothing (platform-prod-vnet-flowlog enabled false); set enabled true on its network.FlowLog",
        ]);
    });

    test("fails a flow log without enabled (unset) and a VNet without any flow log", async () => {
        const unset = edited(blueprint, ofType(FLOW_LOG), (p) => delete p["enabled"]);
        expect(await messages(name, unset)).toEqual([expect.stringContaining("enabled not set); set enabled true")]);
        const none = blueprint.filter((r) => r.type !== FLOW_LOG);
        expect(await messages(name, none)).toEqual([
            "[HC-NET-03] virtual network platform-prod-vnet has no VNet flow log, so who talked to whom inside it cannot be reconstructed after an incident; add a network.FlowLog targeting it under the region's Network Watcher",
        ]);
    });

    test("a teammate's second VNet without a flow log is caught; a flow log on another VNet does not count", async () => {
        const rs = await added(() => {
            new network.VirtualNetwork("teammate-vnet", {
                resourceGroupName: RESOURCE_GROUP,
                addressSpace: { addressPrefixes: ["10.9.0.0/16"] },
            });
        });
        expect(await messages(name, [...blueprint, ...rs])).toEqual([
            expect.stringContaining("virtual network teammate-vnet has no VNet flow log"),
        ]);
    });
});
