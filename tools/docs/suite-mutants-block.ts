import * as fs from "fs";
import { Mutant, MUTANTS } from "../mutants/mutants";
import { MUTANTS_BLOCK, MUTANTS_HOW } from "../mutants/run";
import { README } from "./control-matrix";
import { readBlock } from "./readme-block";

/**
 * `docs:check` for the suite-mutant score, without re-running the mutants (that takes minutes:
 * `npm run test:mutants -- --check` does it in CI): the README block exists, lists exactly the mutants of
 * tools/mutants/mutants.ts in order with their bug and source file, and its score counts them all and
 * agrees with its rows.
 */
export function suiteMutantProblems(readme: string, mutants: readonly Mutant[] = MUTANTS): string[] {
    const block = readBlock(readme, MUTANTS_BLOCK, MUTANTS_HOW);
    if (block === undefined) return [`README.md has no ${MUTANTS_BLOCK} block: run \`npm run test:mutants -- --write\``];
    const problems: string[] = [];
    const rows = [...block.matchAll(/^\| ([a-z0-9-]+) \| (.*?) \| `([^`]+)` \| (killed|survived|error) \|/gm)].map((m) => ({
        id: m[1],
        bug: m[2],
        file: m[3],
        result: m[4],
    }));
    const expected = mutants.map((m) => `${m.id} | ${m.bug} | ${m.file}`);
    const listed = rows.map((r) => `${r.id} | ${r.bug} | ${r.file}`);
    if (JSON.stringify(listed) !== JSON.stringify(expected)) {
        const missing = expected.filter((e) => !listed.includes(e)).map((e) => e.split(" | ")[0]);
        const extra = listed.filter((l) => !expected.includes(l)).map((l) => l.split(" | ")[0]);
        problems.push(
            `the suite-mutant table does not list the mutants of tools/mutants/mutants.ts in order (missing or changed: ${missing.join(", ") || "none"}; ` +
                `not a mutant any more or changed: ${extra.join(", ") || "none"}): run \`npm run test:mutants -- --write\``,
        );
    }
    const score = /^Score: (\d+)\/(\d+) mutants killed\.$/m.exec(block);
    const killed = rows.filter((r) => r.result === "killed").length;
    if (!score) problems.push("the suite-mutant block has no `Score: <killed>/<total> mutants killed.` line");
    else if (Number(score[2]) !== mutants.length || Number(score[1]) !== killed) {
        problems.push(
            `the suite-mutant score ${score[1]}/${score[2]} disagrees with its rows (${killed} killed of ${mutants.length} mutants)`,
        );
    }
    return problems;
}

if (require.main === module) {
    const problems = suiteMutantProblems(fs.readFileSync(README, "utf8"));
    for (const p of problems) process.stderr.write(`README.md: ${p}\n`);
    process.stdout.write(problems.length === 0 ? "README.md suite-mutant score lists every mutant\n" : "");
    process.exitCode = problems.length === 0 ? 0 : 1;
}
