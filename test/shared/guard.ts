import { CapturedResource, runStack } from "../harness";

export interface RefusedRun {
    readonly error: Error;
    /** Everything registered before the run stopped. */
    readonly registered: readonly CapturedResource[];
}

/** Runs a shipped stack that must fail, and returns the error and whatever was registered before it. */
export async function refusedRun(stack: string, overrides: Record<string, unknown>): Promise<RefusedRun> {
    const sink: CapturedResource[] = [];
    try {
        await runStack(stack, overrides, { sink });
    } catch (e) {
        return { error: e as Error, registered: sink };
    }
    throw new Error(`${stack} ran although it should have been refused`);
}

/** Cloud resources and components: everything but the engine's own (the stack, providers). */
export function cloudResources(resources: readonly CapturedResource[]): CapturedResource[] {
    return resources.filter((r) => !r.type.startsWith("pulumi:"));
}
