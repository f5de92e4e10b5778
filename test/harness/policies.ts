import { Policy } from "@pulumi/policy";
import { Environment } from "../../core/vocabulary";
import { PackName } from "../../policypacks/controls/types";
import { CapturedResource } from "../../tools/mock/captured";
import { evaluatePacks, Outcome, PackConfig } from "../../tools/policy/evaluate";
import { packsFor } from "../../tools/policy/packs";
import { runStack, StackRun } from "./index";

/** Both packs on each run's resources separately, as CrossGuard judges each stack; outcomes name their stack. */
export async function evaluateRuns(runs: readonly StackRun[], environment: Environment): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const run of runs) {
        const evaluation = await evaluatePacks(run.resources, packsFor(environment));
        outcomes.push(...evaluation.outcomes.map((o) => ({ ...o, stack: run.stack })));
    }
    return outcomes;
}

/**
 * Runs a shipped stack (with overrides; a cluster stack with its paired baseline stack) and both packs
 * with that environment's shipped config, on each stack.
 */
export async function evaluateStack(stack: string, environment: Environment, overrides: Record<string, unknown> = {}): Promise<Outcome[]> {
    const { runs } = await runStack(stack, overrides);
    return evaluateRuns(runs, environment);
}

/** Runs one policy on given resources (e.g. from runProgram of a component or an insecure variant). */
export async function evaluatePolicy(
    policy: Policy,
    resources: readonly CapturedResource[],
    config: PackConfig = {},
    pack: PackName = "cluster-hardening",
): Promise<Outcome[]> {
    return [...(await evaluatePacks(resources, [{ name: pack, policies: [policy], config }])).outcomes];
}

export function violations(outcomes: readonly Outcome[], policy?: string): Outcome[] {
    return outcomes.filter((o) => o.status === "violation" && (policy === undefined || o.policy === policy));
}

export function mandatoryViolations(outcomes: readonly Outcome[]): Outcome[] {
    return outcomes.filter((o) => o.status === "violation" && o.enforcementLevel === "mandatory");
}

export function passes(outcomes: readonly Outcome[], policy: string): Outcome[] {
    return outcomes.filter((o) => o.status === "pass" && o.policy === policy);
}
