import { main } from "../../tools/plan/cli";
import { VERSION_SUPPORT_RULE } from "../../tools/plan/reporters/sarif";
import { nonEmpty } from "../harness/non-empty";

async function run(...argv: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
}

/** The plan reports each stack's Kubernetes version and its support on the cloud as of --as-of, and warns before it ends. */
describe("npm run plan: Kubernetes version support", () => {
    test("text: the version and its support on the date; a warning within 90 days of the end of standard support, exit 0", async () => {
        const { code, stdout } = await run("--stack", "aws-prod", "--as-of", "2027-01-15");
        expect(code).toBe(0);
        expect(stdout).toContain(
            "Kubernetes version support (as of 2027-01-15)\n  aws-prod: Kubernetes 1.35 on aws: standard support until 2027-03-27 (71 day(s) left)\n",
        );
        expect(stdout).toContain(
            "  WARNING aws-prod: standard support for Kubernetes 1.35 on aws ends on 2027-03-27, in 71 day(s) (extended support, at extra cost, until 2028-03-27): plan the upgrade\n",
        );
        expect(stdout).toMatch(/Result: 0 mandatory violation\(s\)/);
        // Besides the version warning, aws-prod notes the baseline images its mirror cannot cover.
        expect(stdout).toMatch(/Warnings: \d+ \(no policy violation; see Kubernetes version support and image mirror\)\./);
    });

    test("more than 90 days before the end: the status, no warning", async () => {
        const { stdout } = await run("--stack", "aws-prod", "--as-of", "2026-12-01", "--format", "json");
        const report = JSON.parse(stdout);
        expect(report.asOf).toBe("2026-12-01");
        expect(report.stacks[0].kubernetesSupport).toEqual({
            cloud: "aws",
            version: "1.35",
            phase: "standard",
            standardEnd: "2027-03-27",
            extendedEnd: "2028-03-27",
            daysToStandardEnd: 116,
        });
        // aws-prod mirrors the baseline's images: the only warnings are notes on images the mirror cannot cover.
        const kinds = report.warnings.map((w: { kind: string }) => w.kind);
        expect(kinds.filter((k: string) => k !== "image-mirror")).toEqual([]);
        expect(report.result.warnings).toBe(kinds.length);
    });

    test("json: after the end of standard support, the stack is in extended support and warned about once per pair", async () => {
        const { code, stdout } = await run("--stack", "aws-dev", "--as-of", "2027-05-01", "--format", "json");
        expect(code).toBe(0);
        const report = JSON.parse(stdout);
        expect(report.stacks.map((s: { kubernetesSupport: { phase: string } }) => s.kubernetesSupport.phase)).toEqual([
            "extended",
            "extended",
        ]);
        expect(report.warnings).toEqual([
            {
                stack: "aws-dev",
                kind: "kubernetes-version-support",
                message: "Kubernetes 1.35 on aws left standard support on 2027-03-27 and is in extended support until 2028-03-27: upgrade",
            },
        ]);
        expect(report.result).toMatchObject({ mandatoryViolations: 0, warnings: 1 });
    });

    test("markdown: a warning line in the comment; the verdict stays compliant", async () => {
        const { stdout } = await run("--stack", "gcp-dev", "--as-of", "2027-02-01", "--format", "markdown");
        expect(stdout).toMatch(/✅ compliant/);
        expect(stdout).toContain("**Kubernetes version support** (as of 2027-02-01)");
        expect(stdout).toContain("- gcp-dev: Kubernetes 1.35 on gcp: standard support until 2027-04-11 (69 day(s) left)");
        expect(stdout).toContain(
            "- ⚠️ **warning** `gcp-dev`: standard support for Kubernetes 1.35 on gcp ends on 2027-04-11, in 69 day(s): plan the upgrade",
        );
    });

    test("sarif: a warning-level result of its own rule (no control), at the stack file", async () => {
        const { code, stdout } = await run("--stack", "azure-prod", "--as-of", "2027-07-01", "--format", "sarif");
        // Out of support is a warning too: the exit code only follows mandatory policy violations.
        expect(code).toBe(0);
        const sarifRun = JSON.parse(stdout).runs[0];
        const rule = sarifRun.tool.driver.rules.findIndex((r: { id: string }) => r.id === VERSION_SUPPORT_RULE);
        expect(rule).toBeGreaterThanOrEqual(0);
        const results = nonEmpty(
            (sarifRun.results as { ruleId: string }[]).filter((r) => r.ruleId === VERSION_SUPPORT_RULE),
            "version support results",
        );
        expect(results).toEqual([
            {
                ruleId: VERSION_SUPPORT_RULE,
                ruleIndex: rule,
                level: "warning",
                message: { text: "Kubernetes 1.35 on azure is out of all support since 2027-03-01 (as of 2027-07-01): upgrade now" },
                locations: [
                    {
                        physicalLocation: { artifactLocation: { uri: "stacks/Pulumi.azure-prod.yaml" } },
                        logicalLocations: [{ fullyQualifiedName: "stack:azure-prod", kind: "resource" }],
                    },
                ],
            },
        ]);
    });

    test("a baseline stack planned alone reports the version of the cluster stack it reads; an existing cluster its own", async () => {
        const baseline = JSON.parse((await run("--stack", "aws-prod-baseline", "--as-of", "2026-08-01", "--format", "json")).stdout);
        expect(baseline.stacks[0].kubernetesSupport).toMatchObject({ cloud: "aws", version: "1.35", phase: "standard" });
        const existing = JSON.parse((await run("--stack", "existing-cluster", "--as-of", "2026-12-01", "--format", "json")).stdout);
        expect(existing.stacks[0].kubernetesSupport).toMatchObject({ cloud: "aws", version: "1.33", phase: "extended" });
        expect(existing.warnings.map((w: { message: string }) => w.message)).toEqual([
            "Kubernetes 1.33 on aws left standard support on 2026-07-29 and is in extended support until 2027-07-29: upgrade",
        ]);
    });
});
