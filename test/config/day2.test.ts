import { DAY2_DEFAULTS } from "../../config/day2";
import { ConfigError } from "../../config/errors";
import { rawConfigFrom } from "../../config/load";
import { RawConfig } from "../../config/raw";
import { validateStackConfig } from "../../config/validate";
import { readStackConfig } from "../../tools/mock/stack-files";

/** A shipped stack's config with `overrides` on top. */
function stack(name: string, overrides: Record<string, unknown> = {}): RawConfig {
    return { ...rawConfigFrom(readStackConfig(name)), ...overrides };
}

function problemFor(raw: RawConfig, key: string) {
    try {
        validateStackConfig(raw);
    } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        const found = e.problems.find((p) => p.key === key);
        if (found) return found;
        throw new Error(`no problem for ${key}: ${JSON.stringify(e.problems)}`);
    }
    throw new Error("expected the config to be refused");
}

describe("day-2 settings: one shape on every cloud, environment defaults", () => {
    test("prod: a weekend window, surge upgrades that keep capacity, balanced autoscaling, secret store and encrypted pod traffic", () => {
        for (const name of ["aws-prod", "azure-prod", "gcp-prod"]) {
            const config = validateStackConfig(stack(name));
            expect([name, config.maintenance]).toEqual([
                name,
                { window: { days: ["Sat"], start: "22:00", durationHours: 12, utcOffset: "+00:00" }, exclusions: [] },
            ]);
            expect(config.upgrades).toEqual({ maxSurge: "33%", maxUnavailable: 0 });
            expect(config.autoscaling).toEqual({ profile: "balanced" });
            expect(config.secretStore).toEqual({ enabled: true });
            expect(config.trafficEncryption).toEqual({ enabled: true });
        }
    });

    test("dev: a nightly window, one node at a time, utilisation first, no pod traffic encryption by default", () => {
        const config = validateStackConfig(stack("aws-dev"));
        expect(config.maintenance.window.days).toHaveLength(7);
        expect(config.upgrades).toEqual(DAY2_DEFAULTS.dev.upgrades);
        expect(config.autoscaling.profile).toBe("optimize-utilization");
        expect(config.trafficEncryption.enabled).toBe(false);
    });

    test("a partial window keeps the environment's other window fields; exclusions are taken as given", () => {
        const exclusions = [{ name: "year-end-freeze", start: "2026-12-20T00:00:00Z", end: "2027-01-04T00:00:00Z" }];
        const config = validateStackConfig(stack("gcp-prod", { maintenance: { window: { start: "03:30" }, exclusions } }));
        expect(config.maintenance).toEqual({
            window: { days: ["Sat"], start: "03:30", durationHours: 12, utcOffset: "+00:00" },
            exclusions,
        });
    });

    test("the GCP prod window and the shipped windows meet GKE's 48 hours in 32 days", () => {
        for (const env of ["dev", "staging", "prod"] as const) {
            const { days, durationHours } = DAY2_DEFAULTS[env].maintenance.window;
            expect([env, new Set(days).size * 4 * durationHours >= 48]).toEqual([env, true]);
        }
    });
});

describe("day-2 settings: bad values are named with what is allowed", () => {
    test("an unknown weekday, a bad time, a short window and a bad offset", () => {
        const raw = stack("aws-prod", {
            maintenance: { window: { days: ["Saturday"], start: "25:00", durationHours: 2, utcOffset: "UTC" } },
        });
        expect(problemFor(raw, "hardened-cluster:maintenance.window.days[0]").allowed).toContain(
            "one of Mon, Tue, Wed, Thu, Fri, Sat, Sun",
        );
        expect(problemFor(raw, "hardened-cluster:maintenance.window.start")).toMatchObject({
            value: "25:00",
            allowed: 'a time "HH:MM" (24-hour)',
        });
        expect(problemFor(raw, "hardened-cluster:maintenance.window.durationHours").allowed).toContain("at least 4");
        expect(problemFor(raw, "hardened-cluster:maintenance.window.utcOffset").value).toBe("UTC");
    });

    test("AKS schedules repeat on one weekday or every day", () => {
        const p = problemFor(
            stack("azure-prod", { maintenance: { window: { days: ["Sat", "Sun"] } } }),
            "hardened-cluster:maintenance.window.days",
        );
        expect(p.value).toEqual(["Sat", "Sun"]);
        expect(p.allowed).toContain("one weekday or all seven");
        expect(() => validateStackConfig(stack("aws-prod", { maintenance: { window: { days: ["Sat", "Sun"] } } }))).not.toThrow();
    });

    test("GKE needs 48 hours of window in 32 days", () => {
        const p = problemFor(
            stack("gcp-prod", { maintenance: { window: { days: ["Sun"], durationHours: 6 } } }),
            "hardened-cluster:maintenance.window.durationHours",
        );
        expect(p.allowed).toBe("at least 12 hours for 1 weekday(s): GKE needs 48 hours of maintenance window in any 32 days");
    });

    test("exclusions end after they start and last at most 32 days", () => {
        const backwards = [{ name: "freeze", start: "2027-01-04T00:00:00Z", end: "2026-12-20T00:00:00Z" }];
        expect(
            problemFor(stack("aws-prod", { maintenance: { exclusions: backwards } }), "hardened-cluster:maintenance.exclusions[0].end")
                .allowed,
        ).toBe("a date-time after the exclusion's start");
        const long = [{ name: "quarter", start: "2027-01-01T00:00:00Z", end: "2027-03-01T00:00:00Z" }];
        expect(
            problemFor(stack("aws-prod", { maintenance: { exclusions: long } }), "hardened-cluster:maintenance.exclusions[0].end").allowed,
        ).toContain("at most 32 days");
        const badDate = [{ name: "freeze", start: "next week", end: "2027-01-04T00:00:00Z" }];
        expect(
            problemFor(stack("aws-prod", { maintenance: { exclusions: badDate } }), "hardened-cluster:maintenance.exclusions[0].start")
                .value,
        ).toBe("next week");
    });

    test("prod upgrades never remove more than one node first; surge is a count or a percentage", () => {
        expect(
            problemFor(stack("aws-prod", { upgrades: { maxUnavailable: 3 } }), "hardened-cluster:upgrades.maxUnavailable").allowed,
        ).toContain("0 or 1 in prod");
        expect(() => validateStackConfig(stack("aws-dev", { upgrades: { maxUnavailable: 3 } }))).not.toThrow();
        expect(problemFor(stack("aws-prod", { upgrades: { maxSurge: "150%" } }), "hardened-cluster:upgrades.maxSurge").value).toBe("150%");
    });

    test("an unknown profile and a typo in a switch are named", () => {
        expect(problemFor(stack("aws-prod", { autoscaling: { profile: "cheap" } }), "hardened-cluster:autoscaling.profile").allowed).toBe(
            "one of balanced, optimize-utilization",
        );
        expect(problemFor(stack("aws-prod", { secretStore: { enable: true } }), "hardened-cluster:secretStore.enable").allowed).toContain(
            'did you mean "enabled"?',
        );
    });
});
