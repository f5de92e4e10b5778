import { ConfigError } from "../../config/errors";
import { rawConfigFrom } from "../../config/load";
import { RawConfig } from "../../config/raw";
import { validateStackConfig } from "../../config/validate";
import { readStackConfig } from "../../tools/mock/stack-files";

function stack(name: string, overrides: Record<string, unknown> = {}, without: readonly string[] = []): RawConfig {
    const raw: Record<string, unknown> = { ...rawConfigFrom(readStackConfig(name)), ...overrides };
    for (const key of without) delete raw[key];
    return raw;
}

function problems(raw: RawConfig) {
    try {
        validateStackConfig(raw);
    } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
    }
    throw new Error("expected the config to be refused");
}

describe("the environment's registry and trustedRegistries' default", () => {
    test("the registry is on in every environment; the baseline's images are mirrored through it outside dev", () => {
        expect(validateStackConfig(stack("gcp-dev")).registry).toEqual({ enabled: true, mirror: false });
        expect(validateStackConfig(stack("gcp-prod")).registry).toEqual({ enabled: true, mirror: true });
        expect(validateStackConfig(stack("gcp-prod", { registry: { enabled: false } })).registry).toEqual({
            enabled: false,
            mirror: false,
        });
    });

    test("unset trustedRegistries default to the stack's own registry when config names it", () => {
        expect(validateStackConfig(stack("gcp-prod", {}, ["trustedRegistries"])).trustedRegistries).toEqual([
            "europe-west1-docker.pkg.dev/acme-platform-prod/",
        ]);
        expect(validateStackConfig(stack("aws-prod", {}, ["trustedRegistries"])).trustedRegistries).toEqual([
            "123456789012.dkr.ecr.eu-west-1.amazonaws.com/",
        ]);
    });

    test("set trustedRegistries are kept as they are", () => {
        expect(validateStackConfig(stack("gcp-prod", { trustedRegistries: ["ghcr.io/acme/"] })).trustedRegistries).toEqual([
            "ghcr.io/acme/",
        ]);
    });

    test("without a registry known from config, unset trustedRegistries is one error saying what to set", () => {
        const raw = stack("aws-dev", {}, ["trustedRegistries", "aws:allowedAccountIds"]);
        expect(problems(raw)).toEqual([
            expect.objectContaining({
                key: "hardened-cluster:trustedRegistries",
                allowed: expect.stringContaining("aws:allowedAccountIds"),
            }),
        ]);
        expect(problems(stack("gcp-dev", { registry: { enabled: false } }, ["trustedRegistries"]))).toEqual([
            expect.objectContaining({
                key: "hardened-cluster:trustedRegistries",
                allowed: "a list of registry prefixes (required when registry.enabled is false)",
            }),
        ]);
    });

    test("tenant secret names must be valid in every cloud's store", () => {
        const raw = stack("gcp-dev");
        const tenants = (raw["tenants"] as Record<string, unknown>[]).map((t, i) =>
            i === 0 ? { ...t, secrets: ["db-password", "Bad_Name"] } : t,
        );
        expect(problems({ ...raw, tenants })).toEqual([
            expect.objectContaining({
                key: "hardened-cluster:tenants[0].secrets[1]",
                value: "Bad_Name",
                allowed: expect.stringContaining("lowercase letters"),
            }),
        ]);
        const ok = validateStackConfig({
            ...raw,
            tenants: (raw["tenants"] as Record<string, unknown>[]).map((t) => ({ ...t, secrets: ["db", "db"] })),
        });
        expect(ok.tenants[0].secrets).toEqual(["db"]);
    });
});
