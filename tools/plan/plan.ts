import { rawConfigFrom } from "../../config/load";
import { HardenedConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { Environment } from "../../core/vocabulary";
import { fixEvaluationDate } from "../../policypacks/lib/clock";
import { CapturedResource } from "../mock/captured";
import { runProgram } from "../mock/engine";
import { readStackConfig } from "../mock/stack-files";
import { evaluatePacks, Outcome } from "../policy/evaluate";
import { packsFor } from "../policy/packs";
import { ComplianceResult, summarize } from "./summary";

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

export interface PlanResult {
    readonly stack: string;
    readonly config: HardenedConfig;
    readonly policyConfig: Environment;
    readonly resources: readonly CapturedResource[];
    readonly outcomes: readonly Outcome[];
    readonly compliance: ComplianceResult;
}

/**
 * The offline plan of one stack: validate its config (a ConfigError stops here), run the program
 * under mocks, evaluate both packs with the environment's pack config, and summarise per control.
 */
export async function planStack(stack: string, options: PlanOptions = {}): Promise<PlanResult> {
    const flat = readStackConfig(stack, options.stacksDir);
    const config = validateStackConfig(rawConfigFrom(flat));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const program = require("../../index") as () => unknown;
    const { resources } = await runProgram(program, { config: flat, stack, preview: options.preview });
    const policyConfig = options.policyConfig ?? config.environment;
    fixEvaluationDate(options.asOf);
    try {
        const { outcomes } = await evaluatePacks(resources, packsFor(policyConfig));
        return { stack, config, policyConfig, resources, outcomes, compliance: summarize(outcomes) };
    } finally {
        fixEvaluationDate(undefined);
    }
}
