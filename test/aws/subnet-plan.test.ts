import fc from "fast-check";
import { cidrContains, cidrsOverlap, parseCidr } from "../../core/cidr";
import { planSubnets } from "../../components/aws/subnet-plan";
import { nonEmpty } from "../harness/non-empty";

describe("planSubnets", () => {
    test.each([
        {
            input: { vpcCidr: "10.20.0.0/16", zones: 2, natLayout: "single" as const },
            zones: [
                { key: "a", privateCidr: "10.20.0.0/18", publicCidr: "10.20.192.0/22", hasNat: true, natZoneKey: "a" },
                { key: "b", privateCidr: "10.20.64.0/18", publicCidr: "10.20.196.0/22", hasNat: false, natZoneKey: "a" },
            ],
        },
        {
            input: { vpcCidr: "10.30.0.0/16", zones: 3, natLayout: "perZone" as const },
            zones: [
                { key: "a", privateCidr: "10.30.0.0/18", publicCidr: "10.30.192.0/22", hasNat: true, natZoneKey: "a" },
                { key: "b", privateCidr: "10.30.64.0/18", publicCidr: "10.30.196.0/22", hasNat: true, natZoneKey: "b" },
                { key: "c", privateCidr: "10.30.128.0/18", publicCidr: "10.30.200.0/22", hasNat: true, natZoneKey: "c" },
            ],
        },
        {
            input: { vpcCidr: "192.168.0.0/22", zones: 3, natLayout: "single" as const },
            zones: [
                { key: "a", privateCidr: "192.168.0.0/24", publicCidr: "192.168.3.0/28", hasNat: true, natZoneKey: "a" },
                { key: "b", privateCidr: "192.168.1.0/24", publicCidr: "192.168.3.16/28", hasNat: false, natZoneKey: "a" },
                { key: "c", privateCidr: "192.168.2.0/24", publicCidr: "192.168.3.32/28", hasNat: false, natZoneKey: "a" },
            ],
        },
    ])("$input.vpcCidr, $input.zones zones, $input.natLayout NAT", ({ input, zones }) => {
        const plan = planSubnets(input);
        expect(
            plan.zones.map(({ key, privateCidr, publicCidr, hasNat, natZoneKey }) => ({
                key,
                privateCidr,
                publicCidr,
                hasNat,
                natZoneKey,
            })),
        ).toEqual(zones);
    });

    test.each([
        [{ vpcCidr: "10.0.0.0/8", zones: 2, natLayout: "single" as const }, "must be /16 to /22"],
        [{ vpcCidr: "10.0.0.0/24", zones: 2, natLayout: "single" as const }, "must be /16 to /22"],
        [{ vpcCidr: "10.0.0.0/16", zones: 4, natLayout: "single" as const }, "zones must be 1 to 3"],
        [{ vpcCidr: "10.0.0.0/16", zones: 0, natLayout: "single" as const }, "zones must be 1 to 3"],
    ])("refuses %j", (input, message) => {
        expect(() => planSubnets(input)).toThrow(message);
    });

    const vpcArb = fc
        .record({ prefix: fc.integer({ min: 16, max: 22 }), base: fc.integer({ min: 0, max: 2 ** 32 - 1 }) })
        .map(({ prefix, base }) => {
            const network = (base >>> (32 - prefix)) << (32 - prefix);
            const n = network >>> 0;
            return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${prefix}`;
        });
    const inputArb = fc.record({
        vpcCidr: vpcArb,
        zones: fc.integer({ min: 1, max: 3 }),
        natLayout: fc.constantFrom("single" as const, "perZone" as const),
    });

    test("property: no two subnets overlap and every subnet lies inside the VPC", () => {
        fc.assert(
            fc.property(inputArb, (input) => {
                const plan = planSubnets(input);
                const blocks = plan.zones.flatMap((z) => [z.privateCidr, z.publicCidr]);
                for (const b of nonEmpty(blocks)) expect(cidrContains(input.vpcCidr, b)).toBe(true);
                for (let i = 0; i < blocks.length; i++) {
                    for (let j = i + 1; j < blocks.length; j++) expect(cidrsOverlap(blocks[i], blocks[j])).toBe(false);
                }
            }),
        );
    });

    test("property: one zone per requested zone, private subnets four times larger than NAT subnets need", () => {
        fc.assert(
            fc.property(inputArb, (input) => {
                const plan = planSubnets(input);
                expect(plan.zones.map((z) => z.key)).toEqual(["a", "b", "c"].slice(0, input.zones));
                const vpcPrefix = parseCidr(input.vpcCidr).prefix;
                for (const z of nonEmpty(plan.zones)) {
                    expect(parseCidr(z.privateCidr).prefix).toBe(vpcPrefix + 2);
                    expect(parseCidr(z.publicCidr).prefix).toBeLessThanOrEqual(28);
                }
            }),
        );
    });

    test("property: prod layout (3 zones, NAT per zone) spans three zones, each with its own NAT", () => {
        fc.assert(
            fc.property(vpcArb, (vpcCidr) => {
                const plan = planSubnets({ vpcCidr, zones: 3, natLayout: "perZone" });
                expect(new Set(plan.zones.map((z) => z.key)).size).toBe(3);
                expect(nonEmpty(plan.zones).every((z) => z.hasNat && z.natZoneKey === z.key)).toBe(true);
            }),
        );
    });

    test("property: a single NAT layout routes every zone through the one NAT gateway", () => {
        fc.assert(
            fc.property(inputArb, (input) => {
                const plan = planSubnets({ ...input, natLayout: "single" });
                expect(plan.zones.filter((z) => z.hasNat).map((z) => z.key)).toEqual(["a"]);
                expect(nonEmpty(plan.zones).every((z) => z.natZoneKey === "a")).toBe(true);
            }),
        );
    });
});
