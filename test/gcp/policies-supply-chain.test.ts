import { literalPrefix, patternIsTrusted } from "../../policypacks/cluster-hardening/gcp/gcp-binaryauthorization-policy-restrict-allowlist";
import { rawConfigFrom } from "../../config/load";
import { validateStackConfig } from "../../config/validate";
import { listStacks, readStackConfig } from "../../tools/mock/stack-files";
import { CapturedResource, runStack } from "../harness";
import { expectCompliant as compliant, messagesOf as messages, shippedConfig, T, variant } from "./fixture";

const ALLOWLIST = "gcp-binaryauthorization-policy-restrict-allowlist";
const DEV = shippedConfig("dev");

let prod: CapturedResource[];
let dev: CapturedResource[];

beforeAll(async () => {
    prod = (await runStack("gcp-prod")).resources;
    dev = (await runStack("gcp-dev")).resources;
});

describe("Binary Authorization allow-list (HC-SUP-02)", () => {
    test.each([
        ["europe-west1-docker.pkg.dev/acme-platform-prod/**", true],
        ["europe-west1-docker.pkg.dev/acme-platform-prod/team/*", true],
        ["europe-west1-docker.pkg.dev/acme-platform-prod/app@sha256:abc", true],
        ["europe-west1-docker.pkg.dev/acme-platform-prod*", false],
        ["europe-west1-docker.pkg.dev/**", false],
        ["**", false],
        ["docker.io/library/nginx", false],
    ])("%s trusted: %s", (pattern, expected) => {
        expect(patternIsTrusted(pattern, ["europe-west1-docker.pkg.dev/acme-platform-prod/"])).toBe(expected);
    });

    test("the literal part of a pattern ends at its first wildcard", () => expect(literalPrefix("gcr.io/a/*/b")).toBe("gcr.io/a/"));

    test("compliant control edit: an extra pattern under a trusted registry", async () => {
        const edited = variant(prod, T.binauthz, (p) => {
            p["admissionWhitelistPatterns"] = [{ namePattern: "europe-west1-docker.pkg.dev/acme-platform-prod/mirror/**" }];
        });
        await compliant(ALLOWLIST, edited);
    });

    test("the dev config does not trust prod's registry, and no config trusts nothing (fail closed)", async () => {
        const prodPattern = variant(
            dev,
            T.binauthz,
            (p) => (p["admissionWhitelistPatterns"] = [{ namePattern: "europe-west1-docker.pkg.dev/acme-platform-prod/**" }]),
        );
        expect(await messages(ALLOWLIST, prodPattern, DEV)).toEqual([
            expect.stringContaining("europe-west1-docker.pkg.dev/acme-platform-dev/"),
        ]);
        const trustedPattern = variant(
            prod,
            T.binauthz,
            (p) => (p["admissionWhitelistPatterns"] = [{ namePattern: "europe-west1-docker.pkg.dev/acme-platform-prod/**" }]),
        );
        expect(await messages(ALLOWLIST, trustedPattern, { all: "mandatory" })).toEqual([
            expect.stringContaining("no trusted registries are configured: set trustedRegistries in the cluster-hardening pack config"),
        ]);
    });
});

describe("the shipped pack configs trust the shipped GKE stacks' registries", () => {
    const gcpStacks = listStacks().filter((s) => readStackConfig(s)["hardened-cluster:cloud"] === "gcp");

    test("there are GKE stacks to check", () => expect(gcpStacks.length).toBeGreaterThan(0));

    test.each(gcpStacks)("the Binary Authorization allow-list of %s may name every registry it trusts", (stack) => {
        const config = validateStackConfig(rawConfigFrom(readStackConfig(stack)));
        const entry = shippedConfig(config.environment)["gcp-binaryauthorization-policy-restrict-allowlist"];
        const trusted = typeof entry === "object" ? ((entry["trustedRegistries"] as string[] | undefined) ?? []) : [];
        expect(config.trustedRegistries.length).toBeGreaterThan(0);
        expect(config.trustedRegistries.filter((r) => !trusted.includes(r))).toEqual([]);
    });
});
