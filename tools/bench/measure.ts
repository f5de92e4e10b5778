import { runProgram } from "../mock/engine";
import { evaluatePacks } from "../policy/evaluate";
import { packsFor } from "../policy/packs";
import { benchCase } from "./cases";

/** One case in this process: prints a JSON line with times, counts and peak memory. */
export interface Measurement {
    readonly name: string;
    readonly description: string;
    readonly resources: number;
    readonly programMs: number;
    readonly evaluateMs: number;
    readonly outcomes: number;
    readonly peakRssMb: number;
}

async function measure(name: string): Promise<Measurement> {
    const c = benchCase(name);
    const t0 = performance.now();
    const { resources } = await runProgram(c.program);
    const t1 = performance.now();
    const evaluation = name.startsWith("bare-") ? { outcomes: [] } : await evaluatePacks(resources, packsFor("prod"));
    const t2 = performance.now();
    return {
        name,
        description: c.description,
        resources: resources.length,
        programMs: t1 - t0,
        evaluateMs: t2 - t1,
        outcomes: evaluation.outcomes.length,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
}

measure(process.argv[2] ?? "aws-dev")
    .then((m) => process.stdout.write(`${JSON.stringify(m)}\n`))
    .catch((e: unknown) => {
        process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
        process.exitCode = 1;
    });
