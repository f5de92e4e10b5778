import { isDeepStrictEqual } from "util";
import { CapturedResource } from "../../tools/mock/captured";
import { inputsOf, runStack } from "./index";

/**
 * Day-2 changes under mocks: run a stack before and after a config change and compare what the program
 * registers, resource by resource (by URN, so a rename shows as a delete plus a create). The engine's
 * own diff needs the providers, which are not here; comparing the inputs the program sends is what
 * decides whether the provider is asked to update or replace, so a test can assert that a config change
 * leaves the cluster, its keys and its logs untouched, or touches only properties that update in place.
 *
 * A shipped stack split into layers runs as its pair (runStack): the overrides change the cluster stack's
 * file, and reach the paired baseline stack only through the hand-over it reads, as a real change would.
 * Resources of both stacks are compared together; their URNs name their stack, so they never collide.
 */
export interface ResourceChange {
    readonly urn: string;
    /** The stack the resource belongs to (a cluster stack or its paired baseline stack). */
    readonly stack?: string;
    readonly type: string;
    readonly name: string;
    readonly kind: "create" | "delete" | "update";
    /** Dotted paths of the inputs that differ ("vpcConfig.subnetIds[1]"), for updates. */
    readonly changedPaths: readonly string[];
}

/** Every leaf path at which two JSON-like values differ; arrays compare element-wise. */
export function changedPaths(before: unknown, after: unknown, path = ""): string[] {
    if (isDeepStrictEqual(before, after)) return [];
    const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
    if (Array.isArray(before) && Array.isArray(after)) {
        const paths: string[] = [];
        for (let i = 0; i < Math.max(before.length, after.length); i++) paths.push(...changedPaths(before[i], after[i], `${path}[${i}]`));
        return paths;
    }
    if (isObject(before) && isObject(after)) {
        const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
        return [...keys].sort().flatMap((key) => changedPaths(before[key], after[key], path ? `${path}.${key}` : key));
    }
    return [path || "(whole value)"];
}

/** What a second run would do to the resources of the first: creates, deletes and updates with their paths. */
export function diffRuns(before: readonly CapturedResource[], after: readonly CapturedResource[]): ResourceChange[] {
    const old = new Map(before.map((r) => [r.urn, r]));
    const now = new Map(after.map((r) => [r.urn, r]));
    const changes: ResourceChange[] = [];
    for (const r of after) {
        const previous = old.get(r.urn);
        if (!previous) {
            changes.push({ urn: r.urn, stack: r.stack, type: r.type, name: r.name, kind: "create", changedPaths: [] });
            continue;
        }
        const paths = changedPaths(inputsOf(previous), inputsOf(r));
        if (paths.length > 0) changes.push({ urn: r.urn, stack: r.stack, type: r.type, name: r.name, kind: "update", changedPaths: paths });
    }
    for (const r of before) {
        if (!now.has(r.urn)) changes.push({ urn: r.urn, stack: r.stack, type: r.type, name: r.name, kind: "delete", changedPaths: [] });
    }
    return changes;
}

/** Runs a shipped stack twice, with `before` and then `after` config overrides, and diffs the two runs. */
export async function planChange(
    stack: string,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
): Promise<{ changes: ResourceChange[]; before: CapturedResource[]; after: CapturedResource[] }> {
    const first = (await runStack(stack, before)).resources;
    const second = (await runStack(stack, after)).resources;
    return { changes: diffRuns(first, second), before: first, after: second };
}

/** The changes to resources of the given types (the ones that must survive a day-2 change). */
export function changesOfTypes(changes: readonly ResourceChange[], types: readonly string[]): ResourceChange[] {
    return changes.filter((c) => types.includes(c.type));
}
