import { NatLayout } from "../../core/vocabulary";
import { parseCidr, subnetAt } from "../../core/cidr";

/**
 * The VPC's address layout, computed before any resource exists (HC-NET-01). The VPC is cut in four
 * quarters: one private quarter per zone for nodes and pods (the VPC CNI gives pods VPC addresses, so
 * node subnets get the room), and the last quarter split into small public subnets that only hold NAT
 * gateways. Zones are keyed by letter ("a", "b", "c"), the stable key in resource names.
 */
export interface SubnetPlanInput {
    /** The VPC block, /16 to /22. */
    readonly vpcCidr: string;
    /** 1 to 3 zones. */
    readonly zones: number;
    readonly natLayout: NatLayout;
}

export interface ZonePlan {
    /** Stable key: "a", "b", "c". */
    readonly key: string;
    /** Position in the region's zone list. */
    readonly index: number;
    readonly privateCidr: string;
    readonly publicCidr: string;
    /** True when this zone holds a NAT gateway. */
    readonly hasNat: boolean;
    /** Key of the zone whose NAT gateway this zone's private route table uses. */
    readonly natZoneKey: string;
}

export interface SubnetPlan {
    readonly vpcCidr: string;
    readonly zones: readonly ZonePlan[];
}

export const MAX_ZONES = 3;
export const MIN_VPC_PREFIX = 16;
export const MAX_VPC_PREFIX = 22;
/** Public subnets only hold NAT gateway interfaces: 1/64 of the VPC, at most a /28. */
const PUBLIC_PREFIX_OFFSET = 6;

export function zoneKey(index: number): string {
    return String.fromCharCode("a".charCodeAt(0) + index);
}

export function planSubnets(input: SubnetPlanInput): SubnetPlan {
    const { vpcCidr, zones, natLayout } = input;
    const prefix = parseCidr(vpcCidr).prefix;
    if (prefix < MIN_VPC_PREFIX || prefix > MAX_VPC_PREFIX) {
        throw new Error(`VPC block ${vpcCidr} must be /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}`);
    }
    if (!Number.isInteger(zones) || zones < 1 || zones > MAX_ZONES) {
        throw new Error(`zones must be 1 to ${MAX_ZONES}, got ${zones}`);
    }
    const privatePrefix = prefix + 2;
    const publicQuarter = subnetAt(vpcCidr, privatePrefix, 3);
    const publicPrefix = prefix + PUBLIC_PREFIX_OFFSET;
    return {
        vpcCidr,
        zones: Array.from({ length: zones }, (_, index) => {
            const key = zoneKey(index);
            const hasNat = natLayout === "perZone" || index === 0;
            return {
                key,
                index,
                privateCidr: subnetAt(vpcCidr, privatePrefix, index),
                publicCidr: subnetAt(publicQuarter, publicPrefix, index),
                hasNat,
                natZoneKey: natLayout === "perZone" ? key : zoneKey(0),
            };
        }),
    };
}
