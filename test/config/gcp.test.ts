import { rawConfigFrom } from "../../config/load";
import { ConfigError } from "../../config/errors";
import { RawConfig } from "../../config/raw";
import { validateStackConfig } from "../../config/validate";
import { readStackConfig } from "../../tools/mock/stack-files";

/** The shipped gcp-dev / gcp-prod config as a raw object, with top-level keys replaced. */
function raw(stack: "gcp-dev" | "gcp-prod", overrides: Record<string, unknown> = {}): RawConfig {
    return { ...rawConfigFrom(readStackConfig(stack)), ...overrides };
}

function problemsOf(config: RawConfig): ConfigError {
    try {
        validateStackConfig(config);
    } catch (e) {
        if (e instanceof ConfigError) return e;
        throw e;
    }
    throw new Error("expected the config to be refused");
}

/** The one line of the error about `key`, which must name the value given and what is allowed. */
function lineFor(error: ConfigError, key: string): string {
    const lines = error.message.split("\n").filter((l) => l.includes(`hardened-cluster:${key}:`));
    expect(lines).toHaveLength(1);
    return lines[0];
}

const gke = (extra: Record<string, unknown>) => ({ projectId: "acme-platform-dev", groupsDomain: "example.com", ...extra });

describe("the shipped GCP stacks", () => {
    test.each(["gcp-dev", "gcp-prod"] as const)("%s validates, with GKE defaults resolved", (stack) => {
        const config = validateStackConfig(raw(stack));
        expect(config.cloud).toBe("gcp");
        if (config.cloud !== "gcp") return;
        expect(config.gke.releaseChannel).toBe(stack === "gcp-prod" ? "STABLE" : "REGULAR");
        expect(config.gke.masterIpv4CidrBlock).toBeUndefined();
    });
});

describe("bad GCP config names the key, the value and what is allowed", () => {
    test("malformed project id", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { gke: gke({ projectId: "Acme_Platform" }) })), "gke.projectId");
        expect(line).toContain('got "Acme_Platform"');
        expect(line).toContain("6-30 lowercase letters, digits or '-', starting with a letter");
    });

    test("a group that is not an e-mail address", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { access: { admins: ["platform-admins"] } })), "access.admins[0]");
        expect(line).toContain('got "platform-admins"');
        expect(line).toContain("a Google Group e-mail address such as platform-admins@example.com");
    });

    test("a tenant editor that is not an e-mail address", () => {
        const tenants = [{ name: "payments", editors: ["arn:aws:iam::123456789012:role/x"], quota: { cpu: "1", memory: "1Gi", pods: 5 } }];
        const line = lineFor(problemsOf(raw("gcp-dev", { tenants })), "tenants[0].editors[0]");
        expect(line).toContain("a Google Group e-mail address");
    });

    test("an unknown region", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { region: "europe-west99" })), "region");
        expect(line).toContain('got "europe-west99"');
        expect(line).toContain("a gcp region (this one is not offered); known: us-central1");
    });

    test("an AWS region name on GCP", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { region: "eu-west-1" })), "region");
        expect(line).toContain("a gcp region name such as europe-west1");
    });

    test("an API server open to 0.0.0.0/0", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { apiAccess: { authorizedCidrs: ["0.0.0.0/0"] } })), "apiAccess.authorizedCidrs[0]");
        expect(line).toContain('got "0.0.0.0/0"');
        expect(line).toContain("specific CIDRs (0.0.0.0/0 opens the API server to the internet)");
    });

    test("more authorized networks than GKE accepts", () => {
        const cidrs = Array.from({ length: 51 }, (_, i) => `203.0.${i}.0/24`);
        const line = lineFor(problemsOf(raw("gcp-dev", { apiAccess: { authorizedCidrs: cidrs } })), "apiAccess.authorizedCidrs");
        expect(line).toContain("at most 50 CIDRs");
    });

    test("a missing gke block", () => {
        const config = { ...raw("gcp-dev") };
        delete (config as Record<string, unknown>)["gke"];
        expect(lineFor(problemsOf(config), "gke")).toContain("a gke block with projectId and groupsDomain");
    });

    test("a groups domain that is not a domain", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { gke: gke({ groupsDomain: "example" }) })), "gke.groupsDomain");
        expect(line).toContain('got "example"; allowed: a domain such as example.com');
    });

    test("an unknown release channel", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { gke: gke({ releaseChannel: "NIGHTLY" }) })), "gke.releaseChannel");
        expect(line).toContain("RAPID, REGULAR or STABLE");
    });
});

describe("gke.attestationSigners: who signs releases (HC-SUP-01/04)", () => {
    const prodGke = () => raw("gcp-prod")["gke"] as Record<string, unknown>;

    test("required outside dev, where Binary Authorization enforces attestations", () => {
        const line = lineFor(problemsOf(raw("gcp-prod", { gke: { ...prodGke(), attestationSigners: [] } })), "gke.attestationSigners");
        expect(line).toContain("at least one IAM member that signs releases (required in prod");
        const dev = validateStackConfig(raw("gcp-dev"));
        expect(dev.cloud === "gcp" && dev.gke.attestationSigners).toEqual([]);
    });

    test("service accounts and Workload Identity Federation principals; nothing else", () => {
        const line = lineFor(
            problemsOf(raw("gcp-prod", { gke: { ...prodGke(), attestationSigners: ["user:alice@example.com"] } })),
            "gke.attestationSigners[0]",
        );
        expect(line).toContain('got "user:alice@example.com"');
        expect(line).toContain("serviceAccount:release@acme-platform-prod.iam.gserviceaccount.com");
        const wif = "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/ci/attribute.repository/acme/app";
        const config = validateStackConfig(raw("gcp-prod", { gke: { ...prodGke(), attestationSigners: [wif, wif] } }));
        expect(config.cloud === "gcp" && config.gke.attestationSigners).toEqual([wif]);
    });
});

describe("trafficEncryption on GKE (inter-node transparent encryption)", () => {
    const bigPools = (raw: RawConfig) => {
        const pools = (raw["nodePools"] ?? {}) as Record<string, Record<string, unknown>>;
        return { ...pools, general: { ...(pools["general"] ?? {}), maxSize: 600 } };
    };
    test("at most 500 nodes in all while it is on (prod's default); off, the pools may be larger", () => {
        const prod = raw("gcp-prod");
        const line = lineFor(
            problemsOf(
                raw("gcp-prod", { nodePools: bigPools(prod), network: { ...(prod["network"] as object), podCidr: "10.128.0.0/9" } }),
            ),
            "trafficEncryption.enabled",
        );
        expect(line).toContain("GKE's inter-node transparent encryption supports 500 nodes");
        expect(() =>
            validateStackConfig(
                raw("gcp-prod", {
                    nodePools: bigPools(prod),
                    network: { ...(prod["network"] as object), podCidr: "10.128.0.0/9" },
                    trafficEncryption: { enabled: false },
                }),
            ),
        ).not.toThrow();
    });
});

describe("GKE rules (config/clouds/gke.ts)", () => {
    const network = { cidr: "10.60.0.0/20", podCidr: "10.64.0.0/14", serviceCidr: "10.68.0.0/20" };

    test("a pod range too small for the pools' maximum size", () => {
        const line = lineFor(problemsOf(raw("gcp-prod", { network: { ...network, podCidr: "10.64.0.0/22" } })), "network.podCidr");
        expect(line).toContain('got "10.64.0.0/22"');
        // prod defaults: 6 + 20 + 6 nodes, a /24 each.
        expect(line).toContain("a range of at least 8192 addresses: GKE takes a /24 per node and the pools may scale to 32 nodes");
    });

    test("the pod range is sized from configured pool maxima", () => {
        const nodePools = { general: { maxSize: 100 } };
        const line = lineFor(
            problemsOf(raw("gcp-prod", { nodePools, network: { ...network, podCidr: "10.64.0.0/18" } })),
            "network.podCidr",
        );
        expect(line).toContain("the pools may scale to 112 nodes");
    });

    test("a node range too small for the nodes", () => {
        const line = lineFor(problemsOf(raw("gcp-prod", { network: { ...network, cidr: "10.60.0.0/28" } })), "network.cidr");
        expect(line).toContain("a range of at least 36 addresses (32 nodes plus 4 reserved)");
    });

    test("a services range outside GKE's limits", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { network: { ...network, serviceCidr: "10.68.0.0/28" } })), "network.serviceCidr");
        expect(line).toContain("a block from /27 to /16");
    });

    test("a control-plane range that is not a /28", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { gke: gke({ masterIpv4CidrBlock: "172.16.0.0/24" }) })), "gke.masterIpv4CidrBlock");
        expect(line).toContain('got "172.16.0.0/24"; allowed: a /28 block');
    });

    test("a control-plane range overlapping the node range", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { gke: gke({ masterIpv4CidrBlock: "10.60.0.16/28" }) })), "gke.masterIpv4CidrBlock");
        expect(line).toContain("a /28 that does not overlap network.cidr (10.60.0.0/20)");
    });

    test("a valid control-plane range is accepted and kept", () => {
        const config = validateStackConfig(raw("gcp-dev", { gke: gke({ masterIpv4CidrBlock: "192.168.0.0/28" }) }));
        expect(config.cloud === "gcp" && config.gke.masterIpv4CidrBlock).toBe("192.168.0.0/28");
    });

    test("dev is zonal: more than one zone is refused", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { network: { ...network, zones: 2 } })), "network.zones");
        expect(line).toContain("1 (or unset) for gcp dev: the dev cluster is zonal, in <region>-b");
    });

    test("dev may say one zone", () => {
        expect(() => validateStackConfig(raw("gcp-dev", { network: { ...network, zones: 1 } }))).not.toThrow();
    });

    test("staging is regional over three zones", () => {
        const line = lineFor(problemsOf(raw("gcp-dev", { environment: "staging", network: { ...network, zones: 2 } })), "network.zones");
        expect(line).toContain("3 (or unset) for gcp staging");
    });

    test("every problem is reported at once", () => {
        const error = problemsOf(
            raw("gcp-dev", {
                region: "mars-north1",
                gke: gke({ projectId: "x", masterIpv4CidrBlock: "172.16.0.0/24" }),
                apiAccess: { authorizedCidrs: ["0.0.0.0/0"] },
            }),
        );
        expect(error.problems.map((p) => p.key).sort()).toEqual(
            [
                "hardened-cluster:apiAccess.authorizedCidrs[0]",
                "hardened-cluster:gke.masterIpv4CidrBlock",
                "hardened-cluster:gke.projectId",
                "hardened-cluster:region",
            ].sort(),
        );
    });
});
