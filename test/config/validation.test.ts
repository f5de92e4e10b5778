import { ConfigError } from "../../config/errors";
import { rawConfigFrom } from "../../config/load";
import { RawConfig } from "../../config/raw";
import { validateStackConfig } from "../../config/validate";
import { readStackConfig } from "../../tools/mock/stack-files";
import * as pulumi from "@pulumi/pulumi";
import { CapturedResource } from "../../tools/mock/captured";
import { runStack } from "../harness";

/** A valid AWS dev config; each test breaks one thing. */
function base(): Record<string, unknown> {
    return { ...rawConfigFrom(readStackConfig("aws-dev")) };
}

function problemsOf(raw: RawConfig): ConfigError["problems"] {
    try {
        validateStackConfig(raw);
    } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
    }
    throw new Error("expected the config to be refused");
}

function problemFor(raw: RawConfig, key: string) {
    const found = problemsOf(raw).find((p) => p.key === key);
    if (!found) throw new Error(`no problem reported for ${key}: ${JSON.stringify(problemsOf(raw))}`);
    return found;
}

describe("stack config validation", () => {
    test("every shipped stack file is valid", () => {
        for (const stack of ["aws-dev", "aws-prod", "azure-dev", "azure-prod", "gcp-dev", "gcp-prod"]) {
            expect(() => validateStackConfig(rawConfigFrom(readStackConfig(stack)))).not.toThrow();
        }
    });

    test("an unknown cloud is named with the value and the allowed clouds", () => {
        const p = problemFor({ ...base(), cloud: "digitalocean" }, "hardened-cluster:cloud");
        expect(p.value).toBe("digitalocean");
        expect(p.allowed).toBe("one of aws, azure, gcp");
    });

    test("a typo in a top-level key is refused with a suggestion", () => {
        const raw = { ...base(), logRetentionDay: 30 };
        const p = problemFor(raw, "hardened-cluster:logRetentionDay");
        expect(p.allowed).toContain('did you mean "logRetentionDays"?');
    });

    test("a typo in a nested key is refused with its full path", () => {
        const raw = { ...base(), network: { cidr: "10.0.0.0/16", serviceCIDR: "172.20.0.0/16" } };
        const p = problemFor(raw, "hardened-cluster:network.serviceCIDR");
        expect(p.allowed).toContain('did you mean "serviceCidr"?');
    });

    test("a malformed CIDR is refused", () => {
        const p = problemFor({ ...base(), network: { cidr: "10.0.0.300/16" } }, "hardened-cluster:network.cidr");
        expect(p.value).toBe("10.0.0.300/16");
        expect(p.allowed).toContain("IPv4 CIDR");
    });

    test("a CIDR with host bits set is refused", () => {
        expect(problemFor({ ...base(), network: { cidr: "10.0.0.1/16" } }, "hardened-cluster:network.cidr").allowed).toContain(
            "host bits zero",
        );
    });

    test("overlapping network ranges are refused, naming the range it overlaps", () => {
        const p = problemFor(
            { ...base(), network: { cidr: "10.0.0.0/16", serviceCidr: "10.0.128.0/20" } },
            "hardened-cluster:network.serviceCidr",
        );
        expect(p.allowed).toContain("does not overlap network.cidr (10.0.0.0/16)");
    });

    test("an API open to 0.0.0.0/0 is refused", () => {
        const p = problemFor(
            { ...base(), apiAccess: { authorizedCidrs: ["203.0.113.0/24", "0.0.0.0/0"] } },
            "hardened-cluster:apiAccess.authorizedCidrs[1]",
        );
        expect(p.value).toBe("0.0.0.0/0");
        expect(p.allowed).toContain("opens the API server to the internet");
    });

    test("an empty admin list is refused", () => {
        const p = problemFor({ ...base(), access: { admins: [] } }, "hardened-cluster:access.admins");
        expect(p.allowed).toContain("at least one principal");
    });

    test("duplicate tenant names are refused, pointing at the first", () => {
        const tenant = { name: "payments", quota: { cpu: "1", memory: "1Gi", pods: 5 } };
        const p = problemFor({ ...base(), tenants: [tenant, { ...tenant }] }, "hardened-cluster:tenants[1].name");
        expect(p.allowed).toContain('tenants[0] is "payments"');
    });

    test("negative and malformed quotas are refused", () => {
        const tenants = [{ name: "payments", quota: { cpu: "-1", memory: "lots", pods: -3 } }];
        const problems = problemsOf({ ...base(), tenants });
        const keys = problems.map((p) => p.key);
        expect(keys).toEqual(
            expect.arrayContaining([
                "hardened-cluster:tenants[0].quota.cpu",
                "hardened-cluster:tenants[0].quota.memory",
                "hardened-cluster:tenants[0].quota.pods",
            ]),
        );
        expect(problems.find((p) => p.key.endsWith("quota.pods"))?.allowed).toBe("a whole number from 1 to 10000");
    });

    test("a region in another cloud's format is refused, with the expected format", () => {
        const p = problemFor({ ...base(), region: "westeurope" }, "hardened-cluster:region");
        expect(p.allowed).toContain("eu-west-1");
    });

    test("a well-formed region the cloud does not offer is refused", () => {
        expect(problemFor({ ...base(), region: "eu-west-9" }, "hardened-cluster:region").allowed).toContain("not offered");
    });

    test("principals in the wrong cloud's terms are refused", () => {
        const p = problemFor({ ...base(), access: { admins: ["admins@example.com"] } }, "hardened-cluster:access.admins[0]");
        expect(p.allowed).toContain("IAM role ARN");
    });

    test("prod cannot lower retention, drop deletion protection or use fewer than three zones", () => {
        const raw = { ...base(), environment: "prod", logRetentionDays: 30, deletionProtection: false, network: { zones: 2 } };
        const keys = problemsOf(raw).map((p) => p.key);
        expect(keys).toEqual(
            expect.arrayContaining([
                "hardened-cluster:logRetentionDays",
                "hardened-cluster:deletionProtection",
                "hardened-cluster:network.zones",
            ]),
        );
    });

    describe("prod names its image signers (HC-SUP-04)", () => {
        const prodOf = (stack: string) => ({ ...rawConfigFrom(readStackConfig(stack)) });
        const EXPECTED =
            "keyless identities (issuer and subjectRegExp of your release workflow) or publicKeys in prod; with none, the signature policy accepts images signed by anyone";

        test.each(["aws-prod", "azure-prod"])("%s without baseline.imageSignatures is refused, with one problem for the key", (stack) => {
            const raw = prodOf(stack);
            delete raw["baseline"];
            expect(problemsOf(raw)).toEqual([{ key: "hardened-cluster:baseline.imageSignatures", value: undefined, allowed: EXPECTED }]);
        });

        test("empty keyless and publicKeys lists are refused too, and the message shows what was given", () => {
            const raw = { ...prodOf("aws-prod"), baseline: { imageSignatures: { keyless: [], publicKeys: [] } } };
            const p = problemFor(raw, "hardened-cluster:baseline.imageSignatures");
            expect(p.value).toEqual({ keyless: [], publicKeys: [] });
            expect(p.allowed).toBe(EXPECTED);
        });

        test("a public key alone is enough; dev may leave the list empty; GKE prod uses Binary Authorization instead", () => {
            const pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----";
            expect(() =>
                validateStackConfig({ ...prodOf("aws-prod"), baseline: { imageSignatures: { publicKeys: [pem] } } }),
            ).not.toThrow();
            const dev = prodOf("aws-dev");
            expect(dev["baseline"]).toBeUndefined();
            expect(() => validateStackConfig(dev)).not.toThrow();
            const gcp = prodOf("gcp-prod");
            expect(gcp["baseline"]).toBeUndefined();
            expect(() => validateStackConfig(gcp)).not.toThrow();
        });
    });

    test("settings for another cloud are refused", () => {
        const p = problemFor({ ...base(), gke: { projectId: "acme-platform", groupsDomain: "example.com" } }, "hardened-cluster:gke");
        expect(p.allowed).toContain("no gke settings when cloud is aws");
    });

    test("every problem is reported at once, in one message", () => {
        const raw = { ...base(), cloud: "digitalocean", environment: "qa", network: { cidr: "nope" } };
        let message = "";
        try {
            validateStackConfig(raw);
        } catch (e) {
            message = (e as Error).message;
        }
        expect(message).toMatch(/^The stack config has \d+ problems:/);
        expect(message).toContain('hardened-cluster:cloud: got "digitalocean"; allowed: one of aws, azure, gcp');
        expect(message).toContain('hardened-cluster:environment: got "qa"; allowed: one of dev, staging, prod');
        expect(message).toContain('hardened-cluster:network.cidr: got "nope"');
        expect(message).not.toContain("    at ");
    });

    test("defaults follow the environment: prod gets three zones, NAT per zone, 365-day logs and deletion protection", () => {
        const prod = validateStackConfig(rawConfigFrom(readStackConfig("aws-prod")));
        expect(prod.network).toMatchObject({ zones: 3, natLayout: "perZone" });
        expect(prod.logRetentionDays).toBe(365);
        expect(prod.deletionProtection).toBe(true);
        expect(prod.admission).toEqual({ mode: "Deny", requireImageDigest: true });
        const dev = validateStackConfig(rawConfigFrom(readStackConfig("aws-dev")));
        expect(dev.network).toMatchObject({ zones: 2, natLayout: "single" });
        expect(dev.logRetentionDays).toBe(30);
        expect(dev.admission.mode).toBe("Warn");
        expect(dev.apiAccess.authorizedCidrs).toEqual([]);
    });

    test("the validated config is frozen", () => {
        const config = validateStackConfig(base());
        expect(Object.isFrozen(config.network)).toBe(true);
        expect(Object.isFrozen(config.access.admins)).toBe(true);
    });
});

describe("the program with a bad stack config", () => {
    test("cloud: digitalocean fails with an error naming cloud and registers no resource", async () => {
        let error: Error | undefined;
        const registered: CapturedResource[] = [];
        try {
            await runStack("aws-dev", { "hardened-cluster:cloud": "digitalocean" }, { sink: registered });
        } catch (e) {
            error = e as Error;
        }
        // A RunError is printed by the CLI without a stack trace.
        expect(pulumi.RunError.isInstance(error)).toBe(true);
        expect(registered.map((r) => r.type)).toEqual(["pulumi:pulumi:Stack"]);
        expect(error?.message).toContain('hardened-cluster:cloud: got "digitalocean"; allowed: one of aws, azure, gcp');
    });
});
