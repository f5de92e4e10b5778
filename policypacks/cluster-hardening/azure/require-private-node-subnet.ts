import { controlStackPolicy } from "../../lib/define";
import { judgeNodeSubnets, NodeSubnet, subnetProps } from "./node-subnets";

/** Why a node subnet is not private, or undefined. Reads that may be unknown throw. */
function problem(subnet: NodeSubnet): string | undefined {
    const { props } = subnetProps(subnet);
    if (!props) return undefined;
    const access = props["defaultOutboundAccess"];
    if (access === false) return undefined;
    const setting =
        access === undefined ? "not set (true for the Microsoft.Network API this provider uses, 2024-05-01)" : JSON.stringify(access);
    return (
        `has defaultOutboundAccess ${setting}, so Azure may give its nodes implicit public outbound addresses it owns and rotates; ` +
        "set defaultOutboundAccess false (only possible when the subnet is created) and send egress through the NAT gateway"
    );
}

/**
 * HC-NET-01 (CIS AKS 5.4.3): every subnet that holds AKS nodes or pod IPs is a private subnet
 * (`defaultOutboundAccess: false`), so no VM in it gets Azure's implicit default outbound public IP and
 * all egress leaves through the explicit NAT gateway. Microsoft.Network API versions before 2025-07-01
 * (azure-native 3.x uses 2024-05-01) create subnets with default outbound access when the property is not
 * set. Node subnets are found through the stack as for azure-aks-stack-require-node-subnet-nsg.
 */
export const azureAksStackRequirePrivateNodeSubnet = controlStackPolicy({
    name: "azure-aks-stack-require-private-node-subnet",
    controlId: "HC-NET-01",
    description: "Every subnet that holds AKS nodes or pod IPs is private (defaultOutboundAccess false): no implicit public outbound IPs.",
    remediationSteps:
        "Create the node subnet with defaultOutboundAccess: false and a NAT gateway (natGateway: { id }) for egress; the property cannot be changed on an existing subnet.",
    validateStack: (args, report) => judgeNodeSubnets(args, report, problem),
});
