import { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { Environment } from "../../../core/vocabulary";
import { deserializePolicyProps } from "../../../policypacks/lib/sdk-internals";
import { CapturedResource } from "../../../tools/mock/captured";
import { evaluatePacks, Outcome, PackUnderTest } from "../../../tools/policy/evaluate";
import { packsFor } from "../../../tools/policy/packs";
import { runStack } from "../../harness";
import { applyEdit, Edit, Inputs, Snapshot } from "./edits";

/**
 * Runs each shipped stack's program once per test file and evaluates edits on copies of what it
 * registered. An edit changes a few resources; resource policies see one resource at a time, so only the
 * changed and added resources are evaluated by them, while stack policies see the whole edited stack.
 */
export interface CapturedStack extends Snapshot {
    readonly environment: Environment;
    readonly packs: readonly PackUnderTest[];
    /** Both packs on the unedited stack. */
    readonly baseline: readonly Outcome[];
}

export function environmentOf(stack: string): Environment {
    const env = stack.slice(stack.lastIndexOf("-") + 1);
    if (env !== "dev" && env !== "staging" && env !== "prod") throw new Error(`cannot tell the environment of stack ${stack}`);
    return env;
}

const isResourcePolicy = (p: Policy): p is ResourceValidationPolicy => (p as ResourceValidationPolicy).validateResource !== undefined;
const isStackPolicy = (p: Policy): p is StackValidationPolicy => typeof (p as StackValidationPolicy).validateStack === "function";

/** Where rows get their captured stacks from (a StackCache, or a fixture in the framework's own tests). */
export interface StackSource {
    get(stack: string): Promise<CapturedStack>;
}

export class StackCache implements StackSource {
    private readonly runs = new Map<string, Promise<CapturedStack>>();
    private queue: Promise<unknown> = Promise.resolve();

    /** The stack's capture; the program runs at most once per stack (runs are serialised: the SDK's state is global). */
    get(stack: string): Promise<CapturedStack> {
        let run = this.runs.get(stack);
        if (!run) {
            run = this.queue.then(() => capture(stack));
            this.queue = run.catch(() => undefined);
            this.runs.set(stack, run);
        }
        return run;
    }
}

async function capture(stack: string): Promise<CapturedStack> {
    const { resources } = await runStack(stack);
    const environment = environmentOf(stack);
    const packs = packsFor(environment);
    const inputs = new Map<string, Inputs>(resources.map((r) => [r.urn, deserializePolicyProps(r.props)]));
    const baseline = (await evaluatePacks(resources, packs)).outcomes;
    return { stack, environment, packs, resources, inputs, baseline };
}

export interface EditOutcome {
    readonly outcomes: readonly Outcome[];
    /** Mandatory violations the edit introduced (not on the unedited stack). */
    readonly newMandatory: readonly Outcome[];
    readonly changed: ReadonlySet<string>;
}

const key = (o: Outcome) => `${o.policy}|${o.urn ?? ""}|${o.message ?? ""}`;

/** Applies the edit to a copy and evaluates both packs where the edit can make a difference. */
export async function evaluateEdit(captured: CapturedStack, edit: Edit): Promise<EditOutcome> {
    const edited = applyEdit(captured, edit);
    const changed = edited.resources.filter((r: CapturedResource) => edited.changed.has(r.urn));
    const resourcePacks = captured.packs.map((p) => ({ ...p, policies: p.policies.filter(isResourcePolicy) }));
    const stackPacks = captured.packs.map((p) => ({ ...p, policies: p.policies.filter(isStackPolicy) }));
    const outcomes = [
        ...(await evaluatePacks(changed, resourcePacks)).outcomes,
        ...(await evaluatePacks(edited.resources, stackPacks)).outcomes,
    ];
    const before = new Set(captured.baseline.filter(isMandatoryViolation).map(key));
    const newMandatory = outcomes.filter((o) => isMandatoryViolation(o) && !before.has(key(o)));
    return { outcomes, newMandatory, changed: edited.changed };
}

export function isMandatoryViolation(o: Outcome): boolean {
    return o.status === "violation" && o.enforcementLevel === "mandatory";
}
