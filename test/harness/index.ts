import * as pulumi from "@pulumi/pulumi";
import { CapturedResource } from "../../tools/mock/captured";
import { runProgram, RunOptions, RunResult } from "../../tools/mock/engine";
import { runStackWithDependencies, StackRun } from "../../tools/mock/stack-runs";
import { deserializePolicyProps } from "../../policypacks/lib/sdk-internals";

export { runProgram };
export type { CapturedResource, RunResult, StackRun };

/** A shipped stack's run: the asked stack's outputs, every resource of every stack run, and the runs themselves. */
export interface StackRunResult extends RunResult<Record<string, unknown>> {
    /** The asked stack first, then (for a cluster-layer stack) its paired baseline-layer stack. */
    readonly runs: readonly StackRun[];
}

/**
 * Runs the whole program (index.ts) for a shipped stack file under mocks, as `pulumi up` would run it,
 * and returns every registered resource. A cluster-layer stack with a paired `<stack>-baseline` file is
 * run with it (the baseline stack's StackReference answered from the cluster run), so `runStack("aws-prod")`
 * still returns the cluster and its baseline, each resource tagged with its stack. `overrides` replace
 * top-level keys of the asked stack ("hardened-cluster:tenants") with JSON-able values.
 */
export async function runStack(
    stack: string,
    overrides: Record<string, unknown> = {},
    options: Omit<RunOptions, "config" | "stack"> = {},
): Promise<StackRunResult> {
    // Imported lazily so that each run sees the config set by runProgram.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require("../../index") as () => Record<string, unknown>;
    const runs = await runStackWithDependencies(stack, program, { ...options, overrides });
    return { runs, outputs: runs[0].outputs, resources: runs.flatMap((r) => r.resources) };
}

/** The resources one stack of a run registered. */
export function ofStack(resources: readonly CapturedResource[], stack: string): CapturedResource[] {
    return resources.filter((r) => r.stack === stack);
}

/** Resources of one type, e.g. "aws:eks/cluster:Cluster". */
export function ofType(resources: readonly CapturedResource[], type: string): CapturedResource[] {
    return resources.filter((r) => r.type === type);
}

/** The single resource of a type; fails the test when there are none or several. */
export function single(resources: readonly CapturedResource[], type: string): CapturedResource {
    const found = ofType(resources, type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}: ${found.map((r) => r.name).join(", ")}`);
    return found[0];
}

/** The resource of a type with exactly this name; fails the test naming the ones there are. */
export function named(resources: readonly CapturedResource[], type: string, name: string): CapturedResource {
    const found = ofType(resources, type).find((r) => r.name === name);
    if (!found)
        throw new Error(
            `no ${type} named ${name}; have ${ofType(resources, type)
                .map((r) => r.name)
                .join(", ")}`,
        );
    return found;
}

/** A resource's inputs as plain JSON (secrets unwrapped), the way a policy reads them. */
export function inputsOf(resource: CapturedResource): Record<string, unknown> {
    return deserializePolicyProps(resource.props);
}

/** A nested value by dotted path with [n] indexes: at(props, "vpcConfig.subnetIds[0]"). */
export function at(value: unknown, path: string): unknown {
    let current: unknown = value;
    for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== "")) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<string, unknown>)[part];
    }
    return current;
}

/** The value of an Output, once the mock run has resolved it. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((v) => resolve(v)));
}

export function isSecretOutput<T>(output: pulumi.Output<T>): Promise<boolean> {
    return pulumi.isSecret(output);
}

/** Children of a component, by parent URN. */
export function childrenOf(resources: readonly CapturedResource[], parent: CapturedResource): CapturedResource[] {
    return resources.filter((r) => r.parent === parent.urn);
}
