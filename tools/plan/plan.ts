import { rawConfigFrom } from "../../config/load";
import { ProgramConfig, validateProgramConfig } from "../../config/program";
import { ApiReachability, planApiReachability } from "../../config/reachability";
import { Cloud, Environment, ENVIRONMENTS } from "../../core/vocabulary";
import { fixEvaluationDate } from "../../policypacks/lib/clock";
import { CapturedResource } from "../mock/captured";
import { readStackConfig, readStackFile } from "../mock/stack-files";
import { clusterStackOf, runStackWithDependencies, StackRun, stackFileOf } from "../mock/stack-runs";
import { evaluatePacks, Outcome } from "../policy/evaluate";
import { packsFor } from "../policy/packs";
import { ComplianceResult, summarize } from "./summary";
import { SupportStatus } from "../../core/kubernetes-support";
import { versionSupportOf } from "./version-support";
import { imageMirrorWarnings } from "./image-mirror";
import { planRegistry } from "../../components/aws/registry-plan";

export interface PlanOptions {
    /** Leave cloud-computed outputs unknown, as in a first real preview. */
    readonly preview?: boolean;
    /** Judge exceptions as of this date (default: today). */
    readonly asOf?: Date;
    /** Which shipped pack config to use (default: the stack's environment). */
    readonly policyConfig?: Environment;
    /** Where the stack files are (default: stacks/). */
    readonly stacksDir?: string;
}

/** One stack of a plan: its config, how its deployer reaches the API (preflight) and what it registers. */
export interface PlannedStack {
    readonly stack: string;
    readonly config: ProgramConfig;
    readonly reachability: ApiReachability;
    /** The cluster's Kubernetes version and its support status on its cloud as of the plan date. */
    readonly kubernetesSupport?: SupportStatus;
    readonly resources: readonly CapturedResource[];
}

export interface PlanResult {
    /** The stack asked for. */
    readonly stack: string;
    /** The asked stack and, for a cluster-layer stack, its paired baseline-layer stack, in deployment order. */
    readonly stacks: readonly PlannedStack[];
    readonly cloud: Cloud | "other";
    readonly environment: Environment;
    readonly policyConfig: Environment;
    /** The date exceptions and Kubernetes version support are judged on (YYYY-MM-DD). */
    readonly asOf: string;
    /** Every planned stack's resources, each tagged with its stack. */
    readonly resources: readonly CapturedResource[];
    readonly outcomes: readonly Outcome[];
    readonly compliance: ComplianceResult;
    /** Warnings that are no policy violation (Kubernetes version support, unmirrored images), per stack; never change the exit code. */
    readonly warnings: readonly PlanWarning[];
}

export interface PlanWarning {
    readonly stack: string;
    readonly kind: "kubernetes-version-support" | "image-mirror";
    readonly message: string;
}

/** EKS upstreams the baseline pulls from that the stack's registry does not mirror (components/aws/registry-plan.ts). */
function registryMirrorWarnings(stack: string, config: ProgramConfig): PlanWarning[] {
    if (config.layer === "baseline" || config.cloud !== "aws") return [];
    return (planRegistry(config)?.notMirrored ?? []).map((n) => ({
        stack,
        kind: "image-mirror" as const,
        message: `${n.host} is not mirrored: ${n.reason}; the baseline pulls it from upstream`,
    }));
}

function validated(stack: string, dir: string | undefined): ProgramConfig {
    return validateProgramConfig(rawConfigFrom(readStackConfig(stack, dir)));
}

/** Cloud and environment of a run, from its own outputs (a baseline-layer stack learns them from the hand-over). */
function identityOf(run: StackRun): { cloud: Cloud | "other"; environment: Environment } {
    const { cloud, environment } = run.resolved.outputs as { cloud?: Cloud | "other"; environment?: string };
    const env = ENVIRONMENTS.find((e) => e === environment);
    if (!cloud || !env) throw new Error(`stack ${run.stack} exported no cloud and environment outputs`);
    return { cloud, environment: env };
}

/**
 * The offline plan of one stack: validate its config (and that of the stacks it runs with; a ConfigError
 * stops here), run it under mocks with its paired baseline stack or the cluster stack it reads, evaluate
 * both packs on each stack separately (as CrossGuard judges each stack), and summarise per control.
 */
export async function planStack(stack: string, options: PlanOptions = {}): Promise<PlanResult> {
    validated(stack, options.stacksDir);
    const reads = clusterStackOf(readStackFile(stack, options.stacksDir));
    const source = reads === undefined ? undefined : stackFileOf(reads, options.stacksDir);
    if (source) validated(source, options.stacksDir);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require("../../index") as () => unknown;
    const runs = await runStackWithDependencies(stack, program, { preview: options.preview, stacksDir: options.stacksDir });
    const asOf = options.asOf ?? new Date();
    const stacks = runs.map((run): PlannedStack => {
        const config = validated(run.stack, options.stacksDir);
        const reads = clusterStackOf(readStackFile(run.stack, options.stacksDir));
        const sourceFile = reads === undefined ? undefined : stackFileOf(reads, options.stacksDir);
        const kubernetesSupport = versionSupportOf(config, asOf, sourceFile ? validated(sourceFile, options.stacksDir) : undefined);
        return { stack: run.stack, config, reachability: planApiReachability(config), kubernetesSupport, resources: run.resources };
    });
    // A pair reports its cluster's version once, with the stack that builds the cluster.
    const warnings: PlanWarning[] = [];
    const warned = new Set<string>();
    for (const planned of stacks) {
        const status = planned.kubernetesSupport;
        if (!status?.warning || warned.has(status.warning)) continue;
        warned.add(status.warning);
        warnings.push({ stack: planned.stack, kind: "kubernetes-version-support", message: status.warning });
    }
    for (const run of runs) warnings.push(...imageMirrorWarnings(run.stack, run.resolved.outputs));
    for (const planned of stacks) warnings.push(...registryMirrorWarnings(planned.stack, planned.config));
    const { cloud, environment } = identityOf(runs[0]);
    const policyConfig = options.policyConfig ?? environment;
    fixEvaluationDate(options.asOf);
    try {
        const outcomes: Outcome[] = [];
        for (const planned of stacks) {
            const evaluation = await evaluatePacks(planned.resources, packsFor(policyConfig));
            outcomes.push(...evaluation.outcomes.map((o) => ({ ...o, stack: planned.stack })));
        }
        return {
            stack,
            stacks,
            cloud,
            environment,
            policyConfig,
            asOf: asOf.toISOString().slice(0, 10),
            resources: stacks.flatMap((s) => s.resources),
            outcomes,
            compliance: summarize(outcomes),
            warnings,
        };
    } finally {
        fixEvaluationDate(undefined);
    }
}
