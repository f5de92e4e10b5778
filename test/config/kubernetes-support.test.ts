import { ConfigError } from "../../config/errors";
import { DEFAULT_KUBERNETES_VERSION } from "../../config/defaults";
import { rawConfigFrom } from "../../config/load";
import { validateBaselineLayer } from "../../config/layers";
import { RawConfig } from "../../config/raw";
import { validateStackConfig } from "../../config/validate";
import { KUBERNETES_SUPPORT, supportStatus, supportTableDate, supportWindow } from "../../core/kubernetes-support";
import { CLOUDS, KUBERNETES_VERSIONS } from "../../core/vocabulary";
import { readStackConfig } from "../../tools/mock/stack-files";
import { nonEmpty } from "../harness/non-empty";

const on = (date: string) => new Date(`${date}T12:00:00Z`);

function problemsOf(validate: () => unknown): ConfigError["problems"] {
    try {
        validate();
    } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
    }
    return [];
}

describe("the Kubernetes support table", () => {
    test("is dated and versioned, and every date is an ISO day with extended support after standard support", () => {
        expect(KUBERNETES_SUPPORT.version).toBeGreaterThanOrEqual(1);
        expect(KUBERNETES_SUPPORT.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        for (const cloud of nonEmpty([...CLOUDS])) {
            for (const w of nonEmpty(KUBERNETES_VERSIONS.flatMap((v) => supportWindow(cloud, v) ?? []))) {
                expect(w.standardEnd).toMatch(/^\d{4}-\d{2}-\d{2}$/);
                expect(Number.isNaN(Date.parse(w.standardEnd))).toBe(false);
                if (w.extendedEnd !== null) expect(Date.parse(w.extendedEnd)).toBeGreaterThan(Date.parse(w.standardEnd));
            }
        }
    });

    test("EKS: standard support until the standard end, then extended support, then none", () => {
        expect(supportStatus("aws", "1.34", on("2026-08-01"), true)).toMatchObject({ phase: "standard", daysToStandardEnd: 123 });
        expect(supportStatus("aws", "1.34", on("2026-08-01"), true).warning).toBeUndefined();
        expect(supportStatus("aws", "1.34", on("2027-01-10"), true)).toMatchObject({ phase: "extended", extendedEnd: "2027-12-02" });
        expect(supportStatus("aws", "1.34", on("2027-12-02"), true).phase).toBe("unsupported");
        // Without extended support, the end of standard support is the end of all support.
        expect(supportStatus("aws", "1.34", on("2027-01-10"), false).phase).toBe("unsupported");
    });

    test("warns when standard support ends within 90 days, has ended, or the version is not in the table", () => {
        const soon = supportStatus("aws", "1.34", on("2026-09-03"), true);
        expect(soon).toMatchObject({ phase: "standard", daysToStandardEnd: 90 });
        expect(soon.warning).toBe(
            "standard support for Kubernetes 1.34 on aws ends on 2026-12-02, in 90 day(s) (extended support, at extra cost, until 2027-12-02): plan the upgrade",
        );
        expect(supportStatus("aws", "1.34", on("2026-09-02"), true).warning).toBeUndefined();
        expect(supportStatus("gcp", "1.34", on("2026-12-01"), false).warning).toBe(
            "Kubernetes 1.34 on gcp is out of all support since 2026-10-01 (as of 2026-12-01): upgrade now",
        );
        expect(supportStatus("aws", "1.33", on("2026-12-01"), true).warning).toContain("left standard support on 2026-07-29");
        expect(supportStatus("other", "1.34", on("2026-12-01"), false)).toMatchObject({ phase: "unlisted" });
        expect(supportStatus("gcp", "1.36", on("2026-12-01"), false).warning).toContain("has no dates for Kubernetes 1.36 on gcp");
    });

    test("each cloud's default version is in support as of the table's date", () => {
        for (const cloud of nonEmpty([...CLOUDS])) {
            const phase = supportStatus(cloud, DEFAULT_KUBERNETES_VERSION[cloud], supportTableDate(), cloud === "aws").phase;
            expect([cloud, phase]).toEqual([cloud, expect.stringMatching(/^(standard|extended)$/)]);
        }
    });
});

describe("config validation against the support table", () => {
    const stack = (name: string, edits: RawConfig = {}): RawConfig => ({ ...rawConfigFrom(readStackConfig(name)), ...edits });

    test("a version out of all support on the stack's cloud is refused, naming the supported ones", () => {
        const [aks] = problemsOf(() => validateStackConfig(stack("azure-dev", { kubernetesVersion: "1.34" })));
        expect(aks).toEqual({
            key: "hardened-cluster:kubernetesVersion",
            value: "1.34",
            allowed: "a version azure still supports (support table v1 as of 2026-12-01): 1.35, 1.36; 1.34 left all support on 2026-11-01",
        });
        const gke = problemsOf(() => validateStackConfig(stack("gcp-dev", { kubernetesVersion: "1.33" })));
        expect(gke.map((p) => p.allowed)).toEqual([expect.stringContaining("1.33 left all support on 2026-08-03")]);
        const eks = problemsOf(() => validateStackConfig(stack("aws-dev", { kubernetesVersion: "1.31" })));
        expect(eks.map((p) => p.allowed)).toContainEqual(expect.stringContaining("1.31 left all support on 2026-11-26"));
    });

    test("a version in extended support on EKS is accepted (the plan warns instead)", () => {
        const raw = stack("aws-dev", { kubernetesVersion: "1.33", eks: { addonVersions: { kubeProxy: "v1.33.3-eksbuild.4" } } });
        expect(() => validateStackConfig(raw)).not.toThrow();
    });

    test("an existing cluster is judged by the cloud it names; 'other' has no calendar", () => {
        const raw = rawConfigFrom(readStackConfig("existing-cluster"));
        const cluster = raw["existingCluster"] as Record<string, unknown>;
        expect(problemsOf(() => validateBaselineLayer({ ...raw, kubernetesVersion: "1.31" })).map((p) => p.key)).toEqual([
            "hardened-cluster:kubernetesVersion",
        ]);
        expect(
            problemsOf(() => validateBaselineLayer({ ...raw, kubernetesVersion: "1.31", existingCluster: { ...cluster, cloud: "other" } })),
        ).toEqual([]);
    });
});
