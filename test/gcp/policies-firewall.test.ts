import * as gcp from "@pulumi/gcp";
import { exposedAdminPorts, parsePortRange } from "../../policypacks/cluster-hardening/gcp/admin-ports";
import { isInternetRange } from "../../policypacks/cluster-hardening/gcp/internet-sources";
import { CapturedResource, runProgram, runStack } from "../harness";
import { evaluatePolicy, passes, violations } from "../harness/policies";
import { added, policy, Props, shippedConfig, T, variant } from "./fixture";

const NAME = "gcp-compute-firewall-deny-internet-admin-ports";
const NETWORK = "projects/mock-project/global/networks/platform-prod-vpc";
const CONFIG = shippedConfig("prod");

let blueprint: CapturedResource[];

beforeAll(async () => {
    blueprint = (await runStack("gcp-prod")).resources;
});

async function judge(resources: readonly CapturedResource[]) {
    return evaluatePolicy(policy(NAME), resources, CONFIG);
}

/** The blueprint plus a teammate's raw firewall rule. */
function withRule(name: string, props: Props): CapturedResource[] {
    return [...blueprint, added(T.firewall, name, { network: NETWORK, ...props })];
}

describe("pure helpers", () => {
    test.each([
        ["0.0.0.0/0", true],
        ["::/0", true],
        ["0.0.0.0/1", true],
        ["2000::/3", true],
        ["not-a-range", true],
        ["10.0.0.0/8", false],
        ["35.235.240.0/20", false],
        ["203.0.113.7", false],
        ["fc00::/7", false],
        ["2001:db8::/32", false],
    ])("%s admits the internet: %s", (range, expected) => expect(isInternetRange(range)).toBe(expected));

    test.each([
        ["tcp", ["22"], "tcp 22 (SSH)"],
        ["6", ["3000-4000"], "tcp 3389 (RDP)"],
        ["udp", ["3389"], "udp 3389 (RDP)"],
        ["tcp", ["2379"], "tcp 2379-2380 (etcd)"],
        ["tcp", ["10000-11000"], "tcp 10250 (kubelet API), tcp 10255 (kubelet read-only port)"],
        ["tcp", undefined, "every tcp port (no ports listed)"],
        ["udp", ["0-65535"], "every udp port (0-65535)"],
        ["all", undefined, 'every protocol and port (protocol "all")'],
    ])("%s %j opens %s", (protocol, ports, expected) => expect(exposedAdminPorts(protocol, ports)).toBe(expected));

    test.each([
        ["tcp", ["443", "80"]],
        ["udp", ["53"]],
        ["udp", ["10250"]],
        ["icmp", undefined],
        ["esp", undefined],
    ])("%s %j opens no admin port", (protocol, ports) => expect(exposedAdminPorts(protocol, ports)).toBeUndefined());

    test("a port text that is not a number or range reads as every port", () => {
        expect(parsePortRange("ssh")).toEqual({ from: 0, to: 65535 });
        expect(parsePortRange("2380-2379")).toEqual({ from: 2379, to: 2380 });
    });
});

describe("a teammate's VPC firewall rule", () => {
    test.each([
        [
            "SSH from 0.0.0.0/0",
            { allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: ["0.0.0.0/0"] },
            "allows[0] admits 0.0.0.0/0 to tcp 22 (SSH)",
        ],
        [
            "RDP from ::/0",
            { allows: [{ protocol: "tcp", ports: ["3389"] }], sourceRanges: ["::/0"] },
            "allows[0] admits ::/0 to tcp 3389 (RDP)",
        ],
        [
            "every protocol from ::/0",
            { allows: [{ protocol: "all" }], sourceRanges: ["::/0"] },
            'admits ::/0 to every protocol and port (protocol "all")',
        ],
        [
            "all TCP ports from the internet",
            { allows: [{ protocol: "tcp" }], sourceRanges: ["0.0.0.0/0"] },
            "every tcp port (no ports listed)",
        ],
        [
            "etcd inside a range",
            { allows: [{ protocol: "tcp", ports: ["2000-3000"] }], sourceRanges: ["0.0.0.0/0"] },
            "tcp 2379-2380 (etcd)",
        ],
        [
            "the kubelet read-only port from two halves of the internet",
            { allows: [{ protocol: "tcp", ports: ["10255"] }], sourceRanges: ["0.0.0.0/1", "128.0.0.0/1"] },
            "admits 0.0.0.0/1, 128.0.0.0/1 to tcp 10255 (kubelet read-only port)",
        ],
        [
            "SSH with no source at all (GCP's default 0.0.0.0/0)",
            { allows: [{ protocol: "tcp", ports: ["22"] }] },
            "admits 0.0.0.0/0 (no sourceRanges, sourceTags or sourceServiceAccounts: the API's default source) to tcp 22 (SSH)",
        ],
        [
            "SSH with an empty source list entry",
            { allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: [""] },
            "admits 0.0.0.0/0 (no sourceRanges",
        ],
        [
            "SSH on a disabled rule",
            { allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: ["0.0.0.0/0"], disabled: true },
            "(disabled today, enabled by one switch outside the pipeline)",
        ],
        [
            "SSH by protocol number, direction unset (INGRESS)",
            { allows: [{ protocol: "6", ports: ["22"] }], sourceRanges: ["0.0.0.0/0"] },
            "tcp 22 (SSH)",
        ],
    ])("%s is a mandatory violation", async (_what, props, message) => {
        const found = violations(await judge(withRule("teammate-rule", props)), NAME);
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain(message);
        expect(found[0].message).toContain("list in sourceRanges only the private ranges that need these ports");
        expect(found[0].message).toMatch(/^\[HC-NET-06\] /);
        expect(found[0].enforcementLevel).toBe("mandatory");
        expect(found[0].urn).toContain("teammate-rule");
    });

    test("each offending allow entry is reported", async () => {
        const rule = {
            allows: [{ protocol: "tcp", ports: ["22"] }, { protocol: "udp", ports: ["53"] }, { protocol: "all" }],
            sourceRanges: ["0.0.0.0/0"],
        };
        const messages = violations(await judge(withRule("two-bad", rule)), NAME).map((v) => v.message ?? "");
        expect(messages).toHaveLength(2);
        expect(messages[0]).toContain("allows[0]");
        expect(messages[1]).toContain("allows[2]");
    });

    test.each([
        ["HTTPS from the internet", { allows: [{ protocol: "tcp", ports: ["443"] }], sourceRanges: ["0.0.0.0/0"] }],
        ["SSH from IAP's TCP forwarding range", { allows: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: ["35.235.240.0/20"] }],
        ["SSH from another tagged instance", { allows: [{ protocol: "tcp", ports: ["22"] }], sourceTags: ["bastion"] }],
        [
            "every port from the node service account",
            { allows: [{ protocol: "all" }], sourceServiceAccounts: ["nodes@p.iam.gserviceaccount.com"] },
        ],
        ["every port from a private /8", { allows: [{ protocol: "all" }], sourceRanges: ["10.0.0.0/8"] }],
        ["a deny of SSH from everywhere", { denies: [{ protocol: "tcp", ports: ["22"] }], sourceRanges: ["0.0.0.0/0"] }],
        ["an egress allow to everywhere", { direction: "EGRESS", allows: [{ protocol: "all" }], destinationRanges: ["0.0.0.0/0"] }],
        ["ICMP from the internet", { allows: [{ protocol: "icmp" }], sourceRanges: ["0.0.0.0/0"] }],
    ])("compliant: %s", async (_what, props) => {
        const outcomes = await judge(withRule("teammate-ok", props));
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, NAME).filter((o) => o.urn?.includes("teammate-ok"))).toHaveLength(1);
    });

    test("compliant control edit: the control plane's rule narrowed to the kubelet only", async () => {
        const narrowed = variant(blueprint, T.firewall, (p) => (p["allows"] = [{ protocol: "tcp", ports: ["10250"] }]), "-master-to-nodes");
        expect(violations(await judge(narrowed))).toEqual([]);
    });
});

describe("firewall policy rules (hierarchical, global and regional network policies)", () => {
    const match = (extra: Props) => ({ layer4Configs: [{ ipProtocol: "tcp", ports: ["22"] }], ...extra });

    test.each([
        ["gcp:compute/networkFirewallPolicyRule:NetworkFirewallPolicyRule", match({ srcIpRanges: ["0.0.0.0/0"] }), "0.0.0.0/0"],
        ["gcp:compute/regionNetworkFirewallPolicyRule:RegionNetworkFirewallPolicyRule", match({ srcIpRanges: ["::/0"] }), "::/0"],
        ["gcp:compute/firewallPolicyRule:FirewallPolicyRule", match({ srcNetworkScope: "INTERNET" }), "srcNetworkScope INTERNET"],
        ["gcp:compute/networkFirewallPolicyRule:NetworkFirewallPolicyRule", match({ srcRegionCodes: ["US"] }), "srcRegionCodes [US]"],
        ["gcp:compute/networkFirewallPolicyRule:NetworkFirewallPolicyRule", match({}), "every source (the match names no source)"],
    ])("%s allowing SSH from %j is a violation", async (type, m, message) => {
        const rule = added(type, "teammate-policy-rule", {
            firewallPolicy: "fp",
            priority: 100,
            direction: "INGRESS",
            action: "allow",
            match: m,
        });
        const found = violations(await judge([...blueprint, rule]), NAME);
        expect(found).toHaveLength(1);
        expect(found[0].message).toContain(`the rule (priority 100) admits ${message}`);
        expect(found[0].message).toContain("tcp 22 (SSH)");
        expect(found[0].message).toContain("match.srcIpRanges");
    });

    test("an inline rule of a network firewall policy is judged by its index", async () => {
        const fp = added("gcp:compute/networkFirewallPolicyWithRules:NetworkFirewallPolicyWithRules", "teammate-fp", {
            rules: [
                { priority: 10, action: "deny", direction: "INGRESS", match: match({ srcIpRanges: ["0.0.0.0/0"] }) },
                {
                    priority: 20,
                    action: "apply_security_profile_group",
                    direction: "INGRESS",
                    match: { srcIpRanges: ["0.0.0.0/0"], layer4Configs: [{ ipProtocol: "all" }] },
                },
            ],
        });
        const found = violations(await judge([...blueprint, fp]), NAME);
        expect(found.map((f) => f.message)).toEqual([
            expect.stringContaining("rules[1] (priority 20) admits 0.0.0.0/0 to every protocol and port"),
        ]);
    });

    test.each([
        ["goto_next", match({ srcIpRanges: ["0.0.0.0/0"] })],
        ["deny", match({ srcIpRanges: ["0.0.0.0/0"] })],
        ["allow", match({ srcIpRanges: ["10.0.0.0/8"] })],
        ["allow", match({ srcAddressGroups: ["projects/p/locations/global/addressGroups/admins"] })],
    ])("compliant: %s with %j", async (action, m) => {
        const rule = added("gcp:compute/firewallPolicyRule:FirewallPolicyRule", "ok-rule", {
            firewallPolicy: "fp",
            priority: 5,
            direction: "INGRESS",
            action,
            match: m,
        });
        const outcomes = await judge([...blueprint, rule]);
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, NAME).filter((o) => o.urn?.includes("ok-rule"))).toHaveLength(1);
    });
});

describe("preview", () => {
    test("a rule whose sources are computed is not evaluated, never passed; known open sources still fail", async () => {
        const { resources } = await runProgram(
            () => {
                const address = new gcp.compute.Address("office", { region: "europe-west1" });
                new gcp.compute.Firewall("from-office", {
                    network: "n",
                    allows: [{ protocol: "tcp", ports: ["22"] }],
                    sourceRanges: [address.address],
                });
                new gcp.compute.Firewall("open", {
                    network: "n",
                    allows: [{ protocol: "tcp", ports: ["22"] }],
                    sourceRanges: ["0.0.0.0/0"],
                    targetServiceAccounts: [address.address],
                });
            },
            { preview: true },
        );
        const outcomes = await judge(resources);
        const of = (name: string) => outcomes.filter((o) => o.urn?.endsWith(`::${name}`)).map((o) => o.status);
        expect(of("from-office")).toEqual(["not-evaluated"]);
        expect(of("open")).toEqual(["violation"]);
    });

    test("the shipped stacks' rules are decided in preview", async () => {
        const { resources } = await runStack("gcp-prod", {}, { preview: true });
        const outcomes = (await judge(resources)).filter((o) => o.policy === NAME);
        expect(outcomes.length).toBeGreaterThan(0);
        expect(outcomes.map((o) => o.status)).toEqual(outcomes.map(() => "pass"));
    });
});
