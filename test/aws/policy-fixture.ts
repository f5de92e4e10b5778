import { Policy } from "@pulumi/policy";
import { Outcome, PackConfig } from "../../tools/policy/evaluate";
import { readPackConfig } from "../../tools/policy/packs";
import { CapturedResource, runProgram } from "../harness";
import { evaluatePolicy, passes, violations } from "../harness/policies";

/**
 * Helpers for the AWS policy tests: the blueprint mutated one property at a time, resources added the
 * way a teammate would write them, and the messages a policy reports.
 */
export type Props = Record<string, unknown>;

/** `resources` with the first resource of `type` (or the named one) changed by `change` on a deep copy of its props. */
export function mutated(
    resources: readonly CapturedResource[],
    type: string,
    change: (props: Props) => void,
    name?: string,
): CapturedResource[] {
    let done = false;
    const out = resources.map((r) => {
        if (done || r.type !== type || (name !== undefined && r.name !== name)) return r;
        done = true;
        const props = JSON.parse(JSON.stringify(r.props)) as Props;
        change(props);
        return { ...r, props };
    });
    if (!done) throw new Error(`no ${type} ${name ?? ""} to mutate`);
    return out;
}

/** The shipped prod pack config of the cluster-hardening pack (what CI runs against aws-prod). */
export function prodConfig(): PackConfig {
    return readPackConfig("cluster-hardening", "prod");
}

export async function messages(
    policy: Policy,
    resources: readonly CapturedResource[],
    config: PackConfig = prodConfig(),
): Promise<string[]> {
    return violations(await evaluatePolicy(policy, resources, config), policy.name).map((v) => v.message ?? "");
}

/** Resources a program registers, e.g. a raw security group rule written outside the components. */
export async function added(program: () => void, preview = false): Promise<CapturedResource[]> {
    return (await runProgram(program, { preview })).resources;
}

/** The statuses a policy gives, e.g. ["not-evaluated"], for preview checks. */
export function statuses(outcomes: readonly Outcome[], policy: Policy): string[] {
    return outcomes.filter((o) => o.policy === policy.name).map((o) => o.status);
}

/** Asserts the policy passed at least once and reported nothing on these resources. */
export async function expectPasses(
    policy: Policy,
    resources: readonly CapturedResource[],
    config: PackConfig = prodConfig(),
): Promise<void> {
    const outcomes = await evaluatePolicy(policy, resources, config);
    expect(violations(outcomes, policy.name)).toEqual([]);
    expect(passes(outcomes, policy.name).length).toBeGreaterThan(0);
}

export function policyDocument(...statements: Record<string, unknown>[]): string {
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}
