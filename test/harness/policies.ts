import { Policy } from "@pulumi/policy";
import { Environment } from "../../core/vocabulary";
import { PackName } from "../../policypacks/controls/types";
import { CapturedResource } from "../../tools/mock/captured";
import { evaluatePacks, Outcome, PackConfig } from "../../tools/policy/evaluate";
import { packsFor } from "../../tools/policy/packs";
import { runStack } from "./index";

/** Runs a shipped stack (with overrides) and both packs with that environment's shipped config. */
export async function evaluateStack(stack: string, environment: Environment, overrides: Record<string, unknown> = {}): Promise<Outcome[]> {
    const { resources } = await runStack(stack, overrides);
    return [...(await evaluatePacks(resources, packsFor(environment))).outcomes];
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
