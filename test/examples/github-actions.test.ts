import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { nonEmpty } from "../harness/non-empty";
import {
    CURRENT_MAJORS,
    exitCodeProblems,
    jobProblems,
    previewProblems,
    ROOT,
    scriptProblems,
    triggerProblems,
    Workflow,
    WORKFLOW,
    workflowProblems,
} from "./workflow-checks";

/**
 * The CI example (examples/github-actions/hardened-cluster.yml) parses and passes every check of
 * workflow-checks.ts; each check is shown to fail on an edited copy of the example.
 */
const source = fs.readFileSync(WORKFLOW, "utf8");
const scripts = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

function load(text = source): Workflow {
    return parse(text) as Workflow;
}

/** A deep copy of the example with one edit applied. */
function edited(edit: (wf: Workflow) => void): Workflow {
    const wf = load();
    edit(wf);
    return wf;
}

test("the example parses as YAML and passes every check", () => {
    const wf = load();
    expect(Object.keys(wf.jobs)).toEqual(["offline-plan", "preview-cluster", "preview-baseline"]);
    expect(workflowProblems(wf, scripts)).toEqual([]);
});

test("every action is at its current major, and the list of known actions is the list used", () => {
    const used = new Set(
        nonEmpty(Object.values(load().jobs).flatMap((j) => j.steps.map((s) => s.uses).filter((u): u is string => u !== undefined))).map(
            (u) => u.split("@")[0],
        ),
    );
    expect([...used].sort()).toEqual(Object.keys(CURRENT_MAJORS).sort());
});

describe("each check fails on an edited copy", () => {
    test("pull_request_target and broad top-level permissions", () => {
        const wf = edited((w) => {
            (w.on as Record<string, unknown>)["pull_request_target"] = {};
            (w as { permissions: unknown }).permissions = { contents: "write" };
        });
        expect(triggerProblems(wf)).toEqual([expect.stringMatching(/pull_request_target/), expect.stringMatching(/top-level permissions/)]);
    });

    test("a preview job without the fork guard, an unknown secret, an old action, a long-lived key", () => {
        const wf = edited((w) => {
            (w.jobs["preview-cluster"] as { if?: string }).if = "always()";
            w.jobs["preview-cluster"].env!["AWS_SECRET_ACCESS_KEY"] = "${{ secrets.AWS_SECRET_ACCESS_KEY }}";
            const checkout = w.jobs["offline-plan"].steps[0] as { uses: string };
            checkout.uses = "actions/checkout@v4";
            const aws = w.jobs["preview-cluster"].steps.find((s) => s.uses?.startsWith("aws-actions/"))!;
            aws.with!["aws-access-key-id"] = "${{ vars.KEY }}";
        });
        const found = jobProblems(wf).join("\n");
        expect(found).toMatch(/preview-cluster: reaches secrets, an OIDC token or a self-hosted runner without the fork guard/);
        expect(found).toMatch(/secret AWS_SECRET_ACCESS_KEY/);
        expect(found).toMatch(/actions\/checkout@v4, current major is v7/);
        expect(found).toMatch(/AWS sign-in must be OIDC/);
    });

    test("the SARIF upload or the comment without the fork guard, a checkout of the PR head", () => {
        const wf = edited((w) => {
            for (const s of w.jobs["offline-plan"].steps) if (s.uses?.includes("upload-sarif")) delete (s as { if?: string }).if;
            w.jobs["offline-plan"].steps[0].with!["ref"] = "${{ github.event.pull_request.head.sha }}";
        });
        const found = jobProblems(wf).join("\n");
        expect(found).toMatch(/Upload the SARIF.*without the fork guard/);
        expect(found).toMatch(/checks out another ref/);
    });

    test("exit 2 not stopped on, an upload after a failed plan, no final failure", () => {
        const noStop = load(source.replace(/exit 2\n/, "true\n"));
        expect(exitCodeProblems(noStop)).toEqual([expect.stringMatching(/exit 2 \(config error\) is not explained/)]);
        const wf = edited((w) => {
            const steps = w.jobs["offline-plan"].steps;
            (steps.find((s) => s.uses?.includes("upload-sarif")) as { if?: string }).if = "always()";
            steps.pop();
        });
        expect(exitCodeProblems(wf)).toEqual([
            expect.stringMatching(/runs after a failed/),
            expect.stringMatching(/last step does not fail the job/),
        ]);
    });

    test("an npm script that does not exist", () => {
        expect(
            scriptProblems(
                load(source.replace("npm run --silent plan -- --all --format markdown", "npm run --silent plann -- --all")),
                scripts,
            ),
        ).toEqual(["offline-plan: npm run plann is not a script of package.json"]);
    });

    test("stacks, layers, environments, packs and plugins of the previews", () => {
        const wf = edited((w) => {
            const cluster = w.jobs["preview-cluster"].strategy!.matrix!.include!;
            cluster[0].env = "prod"; // aws-dev is dev
            cluster[1].stack = "aws-staging"; // not shipped: aws-prod and aws-prod-baseline's source go missing
            const baseline = w.jobs["preview-baseline"];
            baseline.steps.splice(
                baseline.steps.findIndex((s) => /kubelogin/.test(s.run ?? "")),
                1,
            );
            const preview = baseline.steps.find((s) => (s.run ?? "").includes("pulumi preview"))!;
            (preview as { run: string }).run = preview.run!.replace(/--policy-pack policypacks\/kubernetes-hardening[^\n]*\n[^\n]*\n/, "");
            const gcloud = w.jobs["preview-cluster"].steps.find((s) => s.uses?.startsWith("google-github-actions/setup-gcloud"))!;
            delete gcloud.with!["install_components"];
        });
        const found = previewProblems(wf).join("\n");
        expect(found).toMatch(/preview-cluster: aws-dev is not a prod stack/);
        expect(found).toMatch(/preview-cluster: aws-staging is not a shipped stack/);
        expect(found).toMatch(/preview-baseline: aws-prod-baseline reads aws-prod, which preview-cluster does not preview/);
        expect(found).toMatch(/shipped stacks never previewed: aws-prod$/m);
        expect(found).toMatch(/preview-baseline: AKS baselines run without kubelogin/);
        expect(found).toMatch(/preview-baseline: the preview passes policypacks\/cluster-hardening, not both packs/);
        expect(found).toMatch(/preview-cluster: GKE stacks run without gke-gcloud-auth-plugin/);
    });

    test("a baseline stack previewed from a hosted runner, or before its cluster stack", () => {
        const wf = edited((w) => {
            (w.jobs["preview-baseline"] as { "runs-on": unknown })["runs-on"] = "ubuntu-latest";
            delete (w.jobs["preview-baseline"] as { needs?: unknown }).needs;
        });
        const found = previewProblems(wf).join("\n");
        expect(found).toMatch(/a hosted runner cannot reach the private API server/);
        expect(found).toMatch(/does not run after preview-cluster/);
    });
});
