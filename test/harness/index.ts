import * as pulumi from "@pulumi/pulumi";
import { CapturedResource } from "../../tools/mock/captured";
import { runProgram, RunOptions, RunResult } from "../../tools/mock/engine";
import { readStackConfig } from "../../tools/mock/stack-files";
import { deserializePolicyProps } from "../../policypacks/lib/sdk-internals";

export { runProgram };
export type { CapturedResource, RunResult };

/**
 * Runs the whole program (index.ts) for a shipped stack file under mocks, as `pulumi up` would run it,
 * and returns every registered resource. `overrides` replace top-level keys ("hardened-cluster:tenants")
 * with JSON-able values, to test variants of a stack.
 */
export async function runStack(
    stack: string,
    overrides: Record<string, unknown> = {},
    options: Omit<RunOptions, "config" | "stack"> = {},
): Promise<RunResult<Record<string, unknown>>> {
    const config = { ...readStackConfig(stack) };
    for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) delete config[key];
        else config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    // Imported lazily so that each run sees the config set by runProgram.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require("../../index") as () => Record<string, unknown>;
    return runProgram(program, { ...options, config, stack });
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
