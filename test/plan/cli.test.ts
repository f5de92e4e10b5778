import { PRIVILEGED_AGENT_EXCEPTION } from "../../components/kubernetes/platform-namespace";
import { main, parseCli } from "../../tools/plan/cli";
import { planUnits } from "../../tools/mock/stack-runs";
import * as path from "path";
import { listStacks } from "../../tools/mock/stack-files";
import { nonEmpty } from "../harness/non-empty";

const FIXTURES = path.resolve(__dirname, "..", "fixtures", "stacks");

interface SarifResult {
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: {
        physicalLocation: { artifactLocation: { uri: string } };
        logicalLocations: { fullyQualifiedName: string; kind: string }[];
    }[];
    suppressions?: { kind: string; justification: string }[];
}

async function run(...argv: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
    return { code, stdout, stderr };
}

describe("npm run plan", () => {
    test("plans the default stack as text: resource tree, per-control compliance, result line, exit 0", async () => {
        const { code, stdout } = await run();
        expect(code).toBe(0);
        expect(stdout).toMatch(/^Offline plan of stack aws-dev \(aws, dev\): \d+ resources would be created\./);
        expect(stdout).toContain("Deployed as 2 stacks, in this order: aws-dev, aws-dev-baseline.");
        expect(stdout).toContain("hardened:aws:EksCluster  platform-dev (component)");
        expect(stdout).toContain(
            "  [stack aws-dev-baseline]\n  pulumi:pulumi:Stack  hardened-cluster-aws-dev-baseline (component)\n    hardened:kubernetes:Baseline  platform-dev-baseline (component)",
        );
        expect(stdout).toMatch(/PASS\s+HC-GOV-01/);
        expect(stdout).toMatch(/Result: 0 mandatory violation\(s\), \d+ advisory, \d+ waived, \d+ not evaluated\./);
    });

    test("the text plan states each stack's route to the API and what the first run needs (preflight)", async () => {
        const { stdout } = await run();
        const preflight = stdout.slice(stdout.indexOf("API reachability (preflight)"), stdout.indexOf("\nResources\n"));
        expect(preflight).toContain(
            "  aws-dev (layer cluster, separate-baseline-stack)\n    Cloud layer only: this run needs aws API access",
        );
        expect(preflight).toContain("from a runner network connected to the VPC: 10.100.0.0/24");
        expect(preflight).toContain("    - before the first run: The runner resolves the endpoint name to its private address");
        expect(preflight).toContain(
            "  aws-dev-baseline (layer baseline, separate-baseline-stack)\n    Baseline layer only: reads the kubeconfig and hand-over of organization/hardened-cluster/aws-dev",
        );
    });

    test("json lists resources, controls with status and the result", async () => {
        const { code, stdout } = await run("--stack", "gcp-prod", "--format", "json");
        expect(code).toBe(0);
        const report = JSON.parse(stdout);
        expect(report).toMatchObject({ stack: "gcp-prod", cloud: "gcp", environment: "prod", policyConfig: "prod" });
        expect(report.resources.some((r: { type: string }) => r.type === "hardened:gcp:GkeCluster")).toBe(true);
        expect(report.stacks).toEqual([
            {
                stack: "gcp-prod",
                layer: "all",
                reachability: {
                    path: "dns-endpoint-iam",
                    summary: expect.stringContaining("through GKE's DNS-based control-plane endpoint"),
                    prerequisites: expect.arrayContaining([
                        expect.stringContaining("Service Usage and Cloud Resource Manager APIs are enabled on acme-platform-prod"),
                    ]),
                    warnings: [],
                },
                resourceCount: expect.any(Number),
            },
        ]);
        expect(report.controls.find((c: { id: string }) => c.id === "HC-GOV-01")).toMatchObject({ status: "pass", severity: "high" });
        expect(report.result).toEqual({
            mandatoryViolations: 0,
            advisoryViolations: expect.any(Number),
            waived: expect.any(Number),
            notEvaluated: expect.any(Number),
        });
    });

    test("several stacks in json are an array", async () => {
        const { stdout } = await run("--stack", "aws-dev", "--stack", "azure-dev", "--format", "json");
        expect(JSON.parse(stdout).map((r: { stack: string }) => r.stack)).toEqual(["aws-dev", "azure-dev"]);
    });

    test("markdown is a pull-request comment with a verdict and a control table", async () => {
        const { stdout } = await run("--stack", "azure-prod", "--format", "markdown");
        expect(stdout).toMatch(/^### hardened-cluster plan: `azure-prod` \(azure, prod\) ✅ compliant/);
        expect(stdout).toContain("| Control | Title | Status | Findings |");
        expect(stdout).toMatch(/\| HC-GOV-01 \| Exceptions to a control are reviewed, attributed and expire \| ✅ PASS \| 0 \|/);
        expect(stdout).toContain("**API reachability (preflight)**");
        expect(stdout).toContain("- `azure-prod (layer cluster, separate-baseline-stack)`: Cloud layer only");
        expect(stdout).toContain("  - before the first run: The subscription has the EncryptionAtHost feature registered");
        expect(stdout).toContain("- `azure-prod-baseline (layer baseline, separate-baseline-stack)`");
    });

    test("sarif is a SARIF 2.1.0 log with one rule per control and one run per stack", async () => {
        const { stdout } = await run("--stack", "aws-prod", "--stack", "gcp-dev", "--format", "sarif");
        const log = JSON.parse(stdout);
        expect(log.version).toBe("2.1.0");
        expect(log.runs).toHaveLength(2);
        const rules = log.runs[0].tool.driver.rules;
        expect(rules.map((r: { id: string }) => r.id)).toContain("HC-API-01");
        expect(new Set(rules.map((r: { id: string }) => r.id)).size).toBe(rules.length);
        expect(rules.find((r: { id: string }) => r.id === "HC-SEC-01").properties["security-severity"]).toBe("9.5");
        expect(log.runs[1].automationDetails.id).toBe("hardened-cluster/gcp-dev");
        expect(log.runs[0].properties.stacks.map((s: { stack: string; layer: string }) => `${s.stack}:${s.layer}`)).toEqual([
            "aws-prod:cluster",
            "aws-prod-baseline:baseline",
        ]);
        expect(log.runs[1].properties.stacks[0].reachability.path).toBe("dns-endpoint-iam");
    });

    test("sarif results: a mandatory violation is an error at the stack file, with the resource's URN and its control's rule", async () => {
        const { code, stdout } = await run("--stack", "aws-dev", "--policy-config", "prod", "--format", "sarif");
        expect(code).toBe(1);
        const sarifRun = JSON.parse(stdout).runs[0];
        const results = nonEmpty(sarifRun.results as SarifResult[], "SARIF results");
        const retention = results.filter((r) => r.ruleId === "HC-AUD-02" && r.level === "error");
        expect(retention.length).toBeGreaterThan(0);
        const result = retention[0];
        expect(result.message.text).toMatch(
            /^aws-cloudwatch-loggroup-require-retention: \[HC-AUD-02\] retentionInDays is 30; set it to at least 365/,
        );
        expect(sarifRun.tool.driver.rules[result.ruleIndex].id).toBe("HC-AUD-02");
        expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe("stacks/Pulumi.aws-dev.yaml");
        expect(result.locations[0].logicalLocations[0]).toEqual({
            fullyQualifiedName: expect.stringMatching(
                /^urn:pulumi:aws-dev::hardened-cluster::.*aws:cloudwatch\/logGroup:LogGroup::platform-dev-/,
            ),
            kind: "resource",
        });
        expect(result.suppressions).toBeUndefined();
        // The reviewed exception on the runtime namespace is a note with an external suppression, not an error.
        const waived = results.filter((r) => r.ruleId === "HC-ISO-01");
        expect(waived).toHaveLength(1);
        expect(waived[0]).toMatchObject({
            level: "note",
            suppressions: [{ kind: "external", justification: expect.stringContaining("waived by exception") }],
        });
    });

    test("--all plans every stack file of the stacks directory (a paired baseline stack with its cluster stack)", async () => {
        const all = parseCli(["--all"]);
        expect(all === "help" ? [] : all.stacks).toEqual(nonEmpty(planUnits(), "shipped stacks"));
        expect(listStacks().filter((s) => !planUnits().includes(s))).toEqual([
            "aws-dev-baseline",
            "aws-prod-baseline",
            "azure-dev-baseline",
            "azure-prod-baseline",
        ]);
        // Every file of another directory too: there the broken one stops the run with exit 2 before any plan.
        const fixtures = parseCli(["--all", "--stacks-dir", FIXTURES]);
        expect(fixtures === "help" ? [] : fixtures.stacks).toEqual(["broken", "orphan-baseline", "unreachable"]);
        const { code, stderr, stdout } = await run("--all", "--stacks-dir", FIXTURES);
        expect(code).toBe(2);
        expect(stdout).toBe("");
        expect(stderr).toMatch(/^stack broken: The stack config has \d+ problems/);
    });

    test("--preview leaves cloud-computed values unknown: policies that read them are not evaluated, never passed or failed", async () => {
        const preview = await run("--stack", "azure-prod", "--preview", "--format", "json");
        expect(preview.code).toBe(0);
        const report = JSON.parse(preview.stdout);
        expect(report.result).toMatchObject({ mandatoryViolations: 0, notEvaluated: expect.any(Number) });
        expect(report.result.notEvaluated).toBeGreaterThan(0);
        const findings = report.controls.flatMap((c: { findings: { status: string; policy: string }[] }) => c.findings);
        const undecided = findings.filter((f: { status: string }) => f.status === "not-evaluated").map((f: { policy: string }) => f.policy);
        expect(undecided).toContain("azure-aks-cluster-require-kms-etcd-encryption");
    });

    test("--as-of judges exception expiry on that date: valid through its last day, expired the day after", async () => {
        const expires = PRIVILEGED_AGENT_EXCEPTION.expires;
        const lastDay = await run("--stack", "aws-prod", "--as-of", expires, "--format", "json");
        expect(lastDay.code).toBe(0);
        const result = JSON.parse(lastDay.stdout).result;
        expect(result.mandatoryViolations).toBe(0);
        expect(result.waived).toBeGreaterThan(0);
        const dayAfter = new Date(Date.parse(`${expires}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
        const expired = await run("--stack", "aws-prod", "--as-of", dayAfter);
        expect(expired.code).toBe(1);
        expect(expired.stdout).toContain(`expired on ${expires}`);
        expect(expired.stdout).toMatch(/VIOLATION\s+HC-ISO-01/);
    });

    test("a mandatory violation exits 1: the dev stack judged by prod's pack config (30-day logs, 365 required)", async () => {
        const { code, stdout } = await run("--stack", "aws-dev", "--policy-config", "prod");
        expect(code).toBe(1);
        expect(stdout).toMatch(/VIOLATION\s+HC-AUD-02/);
        expect(stdout).toContain("aws-cloudwatch-loggroup-require-retention [mandatory]");
        expect(stdout).not.toMatch(/Result: 0 mandatory/);
    });

    test("a reviewed exception shows as waived, naming its approver and expiry", async () => {
        const { stdout } = await run("--stack", "aws-prod", "--format", "json");
        const findings = JSON.parse(stdout).controls.flatMap((c: { findings: { status: string; message: string }[] }) => c.findings);
        const waived = findings.filter((f: { status: string }) => f.status === "waived");
        expect(waived.length).toBeGreaterThan(0);
        expect(waived[0].message).toMatch(/waived by exception \(.*approved by .*; expires \d{4}-\d{2}-\d{2}/);
    });

    test("a baseline stack planned alone runs the stack it reads first and reports only itself", async () => {
        const { code, stdout } = await run("--stack", "aws-dev-baseline", "--format", "json");
        expect(code).toBe(0);
        const report = JSON.parse(stdout);
        expect(report).toMatchObject({ stack: "aws-dev-baseline", cloud: "aws", environment: "dev", policyConfig: "dev" });
        expect(report.stacks.map((s: { stack: string }) => s.stack)).toEqual(["aws-dev-baseline"]);
        expect(report.resources.filter((r: { type: string }) => r.type.startsWith("aws:"))).toEqual([]);
        expect(new Set(report.resources.map((r: { stack: string }) => r.stack))).toEqual(new Set(["aws-dev-baseline"]));
    });

    test("the baseline on an existing cluster plans offline, its encrypted kubeconfig read as a placeholder", async () => {
        const { code, stdout } = await run("--stack", "existing-cluster");
        expect(code).toBe(0);
        expect(stdout).toMatch(/^Offline plan of stack existing-cluster \(aws, prod\)/);
        expect(stdout).toContain("  existing-cluster (layer baseline, existing-cluster)");
        expect(stdout).toMatch(/Result: 0 mandatory violation\(s\)/);
    });

    test("--all plans each cluster stack once, with its paired baseline stack", () => {
        const options = parseCli(["--all"]);
        if (options === "help") throw new Error("unexpected help");
        expect(options.stacks).toEqual(planUnits());
        expect(options.stacks).toEqual(["aws-dev", "aws-prod", "azure-dev", "azure-prod", "existing-cluster", "gcp-dev", "gcp-prod"]);
    });

    test("a stack whose deployer could not reach its API (layer all, no route) exits 2 naming the keys to set", async () => {
        const { code, stderr, stdout } = await run("--stacks-dir", FIXTURES, "--stack", "unreachable");
        expect(code).toBe(2);
        expect(stdout).toBe("");
        expect(stderr).toContain('hardened-cluster:layer: got "all"; allowed: cluster (the baseline then runs as a baseline-layer stack');
        expect(stderr).toContain("apiAccess.privateSourceCidrs");
    });

    test("an unknown stack exits 2 and lists the known stacks", async () => {
        const { code, stderr } = await run("--stack", "aws-qa");
        expect(code).toBe(2);
        expect(stderr).toContain(
            'unknown stack "aws-qa"; known stacks: aws-dev, aws-dev-baseline, aws-prod, aws-prod-baseline, azure-dev, azure-dev-baseline, azure-prod, azure-prod-baseline, existing-cluster, gcp-dev, gcp-prod',
        );
    });

    test("a stack with config errors exits 2 with every problem and no stack trace", async () => {
        const { code, stderr, stdout } = await run("--stacks-dir", FIXTURES, "--stack", "broken");
        expect(code).toBe(2);
        expect(stdout).toBe("");
        expect(stderr).toContain('hardened-cluster:cloud: got "digitalocean"; allowed: one of aws, azure, gcp');
        expect(stderr).toContain("hardened-cluster:access.admins: got []");
        expect(stderr).not.toMatch(/\n\s+at /);
    });

    test.each([
        [["--format", "yaml"], "--format must be one of text, json, markdown, sarif"],
        [["--as-of", "tomorrow"], "--as-of must be a YYYY-MM-DD date"],
        [["--policy-config", "qa"], "--policy-config must be one of dev, staging, prod"],
        [["--stak", "aws-dev"], "Unknown option '--stak'"],
    ])("bad usage %j exits 2 with the usage text", async (argv, message) => {
        const { code, stderr } = await run(...argv);
        expect(code).toBe(2);
        expect(stderr).toContain(message);
        expect(stderr).toContain("usage: npm run plan --");
    });

    test("--help prints usage and exits 0", async () => {
        const { code, stdout } = await run("--help");
        expect(code).toBe(0);
        expect(stdout).toContain("--format");
    });
});
