import * as fs from "fs";
import * as path from "path";
import { listStacks, readStackConfig } from "../../tools/mock/stack-files";

/**
 * What the CI example must be to work as written, as a list of problems (empty: fine). Pure over the parsed
 * workflow and the repository, so the tests can show each check failing on an edited copy.
 */
export const ROOT = path.resolve(__dirname, "..", "..");
export const WORKFLOW = path.join(ROOT, "examples", "github-actions", "hardened-cluster.yml");

/** The current major version of each action the example uses (checked against the actions' releases). */
export const CURRENT_MAJORS: Readonly<Record<string, string>> = {
    "actions/checkout": "v7",
    "actions/setup-node": "v7",
    "github/codeql-action/upload-sarif": "v4",
    "aws-actions/configure-aws-credentials": "v6",
    "azure/login": "v3",
    "google-github-actions/auth": "v3",
    "google-github-actions/setup-gcloud": "v3",
    "pulumi/actions": "v7",
};

export const PACKS = ["policypacks/cluster-hardening", "policypacks/kubernetes-hardening"] as const;
const SAME_REPO = "github.event.pull_request.head.repo.full_name == github.repository";
const ALLOWED_SECRETS = new Set(["PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE"]);

export interface Step {
    readonly name?: string;
    readonly id?: string;
    readonly if?: string;
    readonly uses?: string;
    readonly run?: string;
    readonly with?: Record<string, unknown>;
    readonly env?: Record<string, string>;
}

export interface Job {
    readonly "runs-on": unknown;
    readonly needs?: string | string[];
    readonly if?: string;
    readonly permissions?: Record<string, string>;
    readonly env?: Record<string, string>;
    readonly strategy?: { matrix?: { include?: Record<string, string>[] } };
    readonly steps: Step[];
}

export interface Workflow {
    readonly on: Record<string, unknown>;
    readonly permissions?: Record<string, string>;
    readonly env?: Record<string, string>;
    readonly jobs: Record<string, Job>;
}

function text(value: unknown): string {
    return JSON.stringify(value ?? "");
}

/** Jobs whose steps can reach secrets, an OIDC token or a self-hosted runner: all but the offline plan. */
function privileged(job: Job): boolean {
    return text(job).includes("secrets.") || job.permissions?.["id-token"] === "write" || !text(job["runs-on"]).includes("ubuntu-latest");
}

function stepLabel(jobName: string, step: Step, index: number): string {
    return `${jobName} step ${index + 1} (${step.name ?? step.uses ?? step.run?.split("\n")[0] ?? "?"})`;
}

export function triggerProblems(wf: Workflow): string[] {
    const problems: string[] = [];
    if (!("pull_request" in wf.on)) problems.push("the workflow does not run on pull_request");
    if ("pull_request_target" in wf.on) problems.push("pull_request_target runs the pull request's code with this repository's secrets");
    if (text(wf.permissions) !== "{}") problems.push("top-level permissions must be {} (each job asks for what it needs)");
    return problems;
}

export function jobProblems(wf: Workflow): string[] {
    const problems: string[] = [];
    for (const [name, job] of Object.entries(wf.jobs)) {
        if (!job.permissions) problems.push(`${name}: no job permissions`);
        if (privileged(job) && !(job.if ?? "").includes(SAME_REPO)) {
            problems.push(`${name}: reaches secrets, an OIDC token or a self-hosted runner without the fork guard (${SAME_REPO})`);
        }
        if (!privileged(job) && job.permissions?.["id-token"]) problems.push(`${name}: an OIDC token it does not use`);
        for (const secret of text(job).matchAll(/secrets\.([A-Z_]+)/g)) {
            if (!ALLOWED_SECRETS.has(secret[1]))
                problems.push(`${name}: secret ${secret[1]} (only the Pulumi backend's; clouds sign in with OIDC)`);
        }
        job.steps.forEach((step, i) => {
            const label = stepLabel(name, step, i);
            if (step.uses) {
                const [action, version] = step.uses.split("@");
                const want = CURRENT_MAJORS[action];
                if (!want) problems.push(`${label}: ${action} is not a known action of the example`);
                else if (version !== want) problems.push(`${label}: ${action}@${version}, current major is ${want}`);
            }
            if (step.uses?.startsWith("actions/checkout@")) {
                if (step.with?.["persist-credentials"] !== false)
                    problems.push(`${label}: checkout keeps the token in .git (persist-credentials: false)`);
                if (step.with?.ref !== undefined) problems.push(`${label}: checks out another ref than the merge commit`);
            }
            const writes = step.uses?.startsWith("github/codeql-action/upload-sarif") || (step.run ?? "").includes("gh pr comment");
            if (
                writes &&
                !/env\.SAME_REPOSITORY == 'true'|github\.event\.pull_request\.head\.repo\.full_name == github\.repository/.test(
                    step.if ?? "",
                )
            ) {
                problems.push(`${label}: writes with the token a fork's pull request gets read-only, without the fork guard`);
            }
            if (
                step.uses?.startsWith("aws-actions/configure-aws-credentials") &&
                (!step.with?.["role-to-assume"] || "aws-access-key-id" in (step.with ?? {}))
            ) {
                problems.push(`${label}: AWS sign-in must be OIDC (role-to-assume, no keys)`);
            }
            if (step.uses?.startsWith("azure/login") && (!step.with?.["client-id"] || "creds" in (step.with ?? {}))) {
                problems.push(`${label}: Azure sign-in must be OIDC (client-id, no creds)`);
            }
            if (
                step.uses?.startsWith("google-github-actions/auth") &&
                (!step.with?.workload_identity_provider || "credentials_json" in (step.with ?? {}))
            ) {
                problems.push(`${label}: Google sign-in must be Workload Identity Federation (no key file)`);
            }
        });
    }
    return problems;
}

/** The offline plan's exit codes: 2 stops before any upload, 1 still uploads and comments, then fails the job. */
export function exitCodeProblems(wf: Workflow): string[] {
    const problems: string[] = [];
    const job = wf.jobs["offline-plan"];
    if (!job) return ["no offline-plan job"];
    const planIndex = job.steps.findIndex((s) => (s.run ?? "").includes("plan -- --all"));
    const plan = job.steps[planIndex];
    if (!plan) return ["offline-plan: no step runs the offline plan of every stack"];
    if (!plan.id) problems.push("offline-plan: the plan step has no id for its exit output");
    const script = plan.run ?? "";
    if (!/set \+e/.test(script)) problems.push("offline-plan: the plan step stops at the plan's own exit code before recording it");
    if (!/"\$code" -eq 2 \]; then[\s\S]*?::error[\s\S]*?exit 2/.test(script))
        problems.push("offline-plan: exit 2 (config error) is not explained and stopped on");
    if (!/echo "exit=\$code" >> "\$GITHUB_OUTPUT"/.test(script)) problems.push("offline-plan: the plan's exit code is not recorded");
    const uploads = job.steps
        .map((s, i) => ({ s, i }))
        .filter(({ s }) => s.uses?.includes("upload-sarif") || (s.run ?? "").includes("gh pr comment"));
    if (uploads.length === 0) problems.push("offline-plan: no SARIF upload or comment");
    for (const { s, i } of uploads) {
        if (i < planIndex) problems.push(`offline-plan: ${s.name ?? s.uses} runs before the plan`);
        if (/always\(\)|failure\(\)/.test(s.if ?? ""))
            problems.push(`offline-plan: ${s.name ?? s.uses} runs after a failed (exit 2) plan step`);
    }
    const last = job.steps[job.steps.length - 1];
    if (!(last?.if ?? "").includes(`steps.${plan.id}.outputs.exit != '0'`) || !/exit 1/.test(last?.run ?? "")) {
        problems.push("offline-plan: the last step does not fail the job when the plan exited non-zero");
    }
    return problems;
}

/** Every `npm run <script>` exists in package.json. */
export function scriptProblems(wf: Workflow, scripts: Readonly<Record<string, string>>): string[] {
    const problems: string[] = [];
    for (const [name, job] of Object.entries(wf.jobs)) {
        for (const step of job.steps) {
            for (const m of (step.run ?? "").matchAll(/npm run (?:--silent )?([\w:-]+)/g)) {
                if (!(m[1] in scripts)) problems.push(`${name}: npm run ${m[1]} is not a script of package.json`);
            }
        }
    }
    return problems;
}

/**
 * The previews: each matrix entry names a shipped stack with its cloud and environment; preview-cluster
 * holds the stacks that build a cluster, preview-baseline the baseline-layer stacks (after it, on a runner
 * that reaches the private API); every shipped stack but the existing-cluster example is previewed once;
 * each preview passes both packs with the environment's shipped config, in the same order; the cluster
 * stacks' kubeconfig plugins are installed where they run.
 */
export function previewProblems(wf: Workflow, stacksDir?: string): string[] {
    const problems: string[] = [];
    const shipped = listStacks(stacksDir).filter((s) => s !== "existing-cluster");
    const seen: string[] = [];
    for (const [jobName, layers] of [
        ["preview-cluster", ["cluster", "all"]],
        ["preview-baseline", ["baseline"]],
    ] as const) {
        const job = wf.jobs[jobName];
        if (!job) {
            problems.push(`no ${jobName} job`);
            continue;
        }
        const entries = job.strategy?.matrix?.include ?? [];
        if (entries.length === 0) problems.push(`${jobName}: empty matrix`);
        for (const entry of entries) {
            if (!shipped.includes(entry.stack)) {
                problems.push(`${jobName}: ${entry.stack} is not a shipped stack`);
                continue;
            }
            seen.push(entry.stack);
            let config = readStackConfig(entry.stack, stacksDir);
            const layer = config["hardened-cluster:layer"] ?? "all";
            if (!(layers as readonly string[]).includes(layer)) problems.push(`${jobName}: ${entry.stack} is a ${layer}-layer stack`);
            if (layer === "baseline") {
                const source = (config["hardened-cluster:clusterStack"] ?? "").split("/").pop() ?? "";
                const previewedFirst = (wf.jobs["preview-cluster"]?.strategy?.matrix?.include ?? []).some((e) => e.stack === source);
                if (!previewedFirst) problems.push(`${jobName}: ${entry.stack} reads ${source}, which preview-cluster does not preview`);
                config = readStackConfig(source, stacksDir);
            }
            if (config["hardened-cluster:cloud"] !== entry.cloud) problems.push(`${jobName}: ${entry.stack} is not a ${entry.cloud} stack`);
            if (config["hardened-cluster:environment"] !== entry.env)
                problems.push(`${jobName}: ${entry.stack} is not a ${entry.env} stack`);
        }
        const steps = job.steps;
        const preview = steps.find((s) => (s.run ?? "").includes("pulumi preview"));
        const script = preview?.run ?? "";
        if (!preview) problems.push(`${jobName}: no pulumi preview step`);
        const packs = [...script.matchAll(/--policy-pack (\S+)/g)].map((m) => m[1]);
        const configs = [...script.matchAll(/--policy-pack-config "?([^"\s]+)"?/g)].map((m) => m[1]);
        if (text(packs) !== text(PACKS)) problems.push(`${jobName}: the preview passes ${packs.join(", ") || "no pack"}, not both packs`);
        packs.forEach((pack, i) => {
            if (!fs.existsSync(path.join(ROOT, pack, "PulumiPolicy.yaml"))) problems.push(`${jobName}: ${pack} is not a policy pack`);
            const template = configs[i] ?? "";
            if (!template.startsWith(`${pack}/config/`)) problems.push(`${jobName}: the config of ${pack} is ${template || "missing"}`);
            for (const env of new Set(entries.map((e) => e.env))) {
                const file = template.replace("$ENVIRONMENT", env);
                if (!fs.existsSync(path.join(ROOT, file))) problems.push(`${jobName}: ${file} does not exist`);
            }
        });
        if (preview?.env?.ENVIRONMENT !== "${{ matrix.env }}" || configs.some((c) => !c.includes("$ENVIRONMENT"))) {
            problems.push(`${jobName}: the pack config does not follow the stack's environment`);
        }
        if (!/PULUMI_BACKEND_URL[\s\S]*pulumi login/.test(script))
            problems.push(`${jobName}: the preview does not log in to the configured backend`);
        for (const key of ["PULUMI_ACCESS_TOKEN", "PULUMI_CONFIG_PASSPHRASE", "PULUMI_BACKEND_URL"]) {
            if (!job.env?.[key]) problems.push(`${jobName}: ${key} is not passed`);
        }
        const clouds = new Set(entries.map((e) => e.cloud));
        const has = (pred: (s: Step) => boolean) => steps.some(pred);
        if (clouds.has("gcp") && !has((s) => text(s.with?.install_components).includes("gke-gcloud-auth-plugin"))) {
            problems.push(`${jobName}: GKE stacks run without gke-gcloud-auth-plugin`);
        }
        if (jobName === "preview-baseline") {
            if (clouds.has("azure") && !has((s) => /kubelogin/.test(s.run ?? "") && /azure/.test(s.if ?? "")))
                problems.push(`${jobName}: AKS baselines run without kubelogin`);
            if (clouds.has("aws") && !has((s) => /command -v aws/.test(s.run ?? "")))
                problems.push(`${jobName}: EKS baselines run without ensuring the AWS CLI`);
            if (!text(job.needs).includes("preview-cluster")) problems.push(`${jobName}: does not run after preview-cluster`);
            if (text(job["runs-on"]).includes("ubuntu-latest"))
                problems.push(`${jobName}: a hosted runner cannot reach the private API server`);
        }
        for (const cloud of clouds) {
            const login = { aws: "aws-actions/configure-aws-credentials", azure: "azure/login", gcp: "google-github-actions/auth" }[cloud];
            if (login && !has((s) => (s.uses ?? "").startsWith(login) && (s.if ?? "").includes(`matrix.cloud == '${cloud}'`))) {
                problems.push(`${jobName}: ${cloud} stacks run without ${login}`);
            }
        }
    }
    const missing = shipped.filter((s) => !seen.includes(s));
    const twice = seen.filter((s, i) => seen.indexOf(s) !== i);
    if (missing.length > 0) problems.push(`shipped stacks never previewed: ${missing.join(", ")}`);
    if (twice.length > 0) problems.push(`stacks previewed twice: ${twice.join(", ")}`);
    return problems;
}

export function workflowProblems(wf: Workflow, scripts: Readonly<Record<string, string>>): string[] {
    return [...triggerProblems(wf), ...jobProblems(wf), ...exitCodeProblems(wf), ...scriptProblems(wf, scripts), ...previewProblems(wf)];
}
