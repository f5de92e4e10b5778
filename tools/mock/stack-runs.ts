import * as pulumi from "@pulumi/pulumi";
import { CapturedResource } from "./captured";
import { runProgram, RunOptions } from "./engine";
import { ReferencedStackOutputs } from "./mocks";
import { isKnown } from "./sdk-internals";
import { listStacks, readStackFile, STACKS_DIR, StackFileConfig } from "./stack-files";

/**
 * Runs shipped stacks under mocks the way they are deployed after the layer split: a cluster-layer stack,
 * then the baseline-layer stack that reads it through a StackReference, answered from the first run's
 * outputs. So `aws-prod` still means "the EKS cluster and its baseline", in two stacks.
 */
export interface StackRun {
    readonly stack: string;
    /** Every registration of the run, tagged with the stack it belongs to. */
    readonly resources: CapturedResource[];
    /** What the program returned (Outputs). */
    readonly outputs: Record<string, unknown>;
    /** The same outputs resolved, as another stack's StackReference reads them. */
    readonly resolved: ReferencedStackOutputs;
}

export interface StackRunOptions extends Omit<RunOptions, "config" | "stack" | "secretKeys" | "stackOutputs"> {
    /** Top-level keys ("hardened-cluster:tenants") replaced in the asked stack's file; undefined removes one. */
    readonly overrides?: Readonly<Record<string, unknown>>;
    readonly stacksDir?: string;
}

const LAYER_KEY = "hardened-cluster:layer";
const CLUSTER_STACK_KEY = "hardened-cluster:clusterStack";

function withOverrides(file: StackFileConfig, overrides: Readonly<Record<string, unknown>>): StackFileConfig {
    const config = { ...file.config };
    for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) delete config[key];
        else config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return { config, secretKeys: file.secretKeys };
}

/** The shipped stack file a StackReference name points at: its last segment, when such a file exists. */
export function stackFileOf(referenceName: string, dir: string = STACKS_DIR): string | undefined {
    const name = referenceName.split("/").pop() ?? referenceName;
    return listStacks(dir).includes(name) ? name : undefined;
}

/** The stack a baseline-layer stack file reads (its clusterStack), or undefined for any other stack. */
export function clusterStackOf(file: StackFileConfig): string | undefined {
    return file.config[LAYER_KEY] === "baseline" ? file.config[CLUSTER_STACK_KEY] : undefined;
}

/** `<stack>-baseline`, when that shipped stack is a baseline-layer stack reading `stack`. */
export function pairedBaselineStack(stack: string, dir: string = STACKS_DIR): string | undefined {
    const candidate = `${stack}-baseline`;
    if (!listStacks(dir).includes(candidate)) return undefined;
    const reads = clusterStackOf(readStackFile(candidate, dir));
    return reads !== undefined && stackFileOf(reads, dir) === stack ? candidate : undefined;
}

/** The stacks `--all` plans: every stack file except those planned with their cluster stack. */
export function planUnits(dir: string = STACKS_DIR): string[] {
    const stacks = listStacks(dir);
    const paired = new Set(stacks.map((s) => pairedBaselineStack(s, dir)).filter((s): s is string => s !== undefined));
    return stacks.filter((s) => !paired.has(s));
}

/** The value of an Output, or undefined while it is unknown (a computed value in a preview: apply would never run). */
async function valueOf(output: pulumi.Output<unknown>): Promise<unknown> {
    if (!(await isKnown(output))) return undefined;
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

/** A program's outputs resolved, as the engine would store them for another stack to read (unknowns as null). */
export async function resolveOutputs(outputs: Record<string, unknown>): Promise<ReferencedStackOutputs> {
    const resolved: Record<string, unknown> = {};
    const secretOutputNames: string[] = [];
    for (const [key, value] of Object.entries(outputs ?? {})) {
        const output = pulumi.output(value);
        resolved[key] = JSON.parse(JSON.stringify((await valueOf(output)) ?? null));
        if (await pulumi.isSecret(output)) secretOutputNames.push(key);
    }
    return { outputs: resolved, secretOutputNames };
}

/**
 * Resolved outputs of apply-mode runs, by stack file and config: a preview, or a baseline stack planned
 * alone, needs its cluster stack's deployed outputs, and one apply run per config is enough.
 */
const deployedOutputs = new Map<string, ReferencedStackOutputs>();

function cacheKey(stack: string, file: StackFileConfig): string {
    return `${stack}\u0000${JSON.stringify(file.config)}`;
}

async function deployedOutputsOf(stack: string, file: StackFileConfig, program: () => unknown): Promise<ReferencedStackOutputs> {
    const key = cacheKey(stack, file);
    const cached = deployedOutputs.get(key);
    if (cached) return cached;
    const run = await runOne(stack, file, {}, program);
    return run.resolved;
}

async function runOne(
    stack: string,
    file: StackFileConfig,
    options: Omit<RunOptions, "config" | "stack">,
    program: () => unknown,
): Promise<StackRun> {
    const { resources, outputs } = await runProgram(program, { ...options, config: file.config, secretKeys: file.secretKeys, stack });
    const tagged = resources.map((r) => ({ ...r, stack }));
    const plain = (outputs ?? {}) as Record<string, unknown>;
    const resolved = await resolveOutputs(plain);
    if (!options.preview && !options.mocks) deployedOutputs.set(cacheKey(stack, file), resolved);
    return { stack, resources: tagged, outputs: plain, resolved };
}

/**
 * Runs a shipped stack and what it needs: a baseline stack's referenced cluster stack first (not
 * returned), a cluster stack's paired baseline stack after it (returned too). In preview the
 * referenced outputs come from an apply-mode run, as a baseline stack is previewed once its cluster
 * stack is deployed. Runs are sequential: the SDK's state is process-global.
 */
export async function runStackWithDependencies(stack: string, program: () => unknown, options: StackRunOptions = {}): Promise<StackRun[]> {
    const { overrides = {}, stacksDir, ...runOptions } = options;
    const file = withOverrides(readStackFile(stack, stacksDir), overrides);
    const reads = clusterStackOf(file);
    if (reads !== undefined) {
        const source = stackFileOf(reads, stacksDir);
        if (!source) {
            throw new Error(
                `stack ${stack} reads ${reads}, which is not a stack file here: the offline run answers StackReferences from shipped stacks only`,
            );
        }
        const referenced = await deployedOutputsOf(source, readStackFile(source, stacksDir), program);
        return [await runOne(stack, file, { ...runOptions, stackOutputs: { [reads]: referenced } }, program)];
    }
    const primary = await runOne(stack, file, runOptions, program);
    const paired = pairedBaselineStack(stack, stacksDir);
    if (!paired || file.config[LAYER_KEY] !== "cluster") return [primary];
    const deployed = runOptions.preview ? await deployedOutputsOf(stack, file, program) : primary.resolved;
    const pairedFile = readStackFile(paired, stacksDir);
    const reference = clusterStackOf(pairedFile) as string;
    const baseline = await runOne(paired, pairedFile, { preview: runOptions.preview, stackOutputs: { [reference]: deployed } }, program);
    return [primary, baseline];
}
