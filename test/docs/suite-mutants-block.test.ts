import * as fs from "fs";
import { README } from "../../tools/docs/control-matrix";
import { suiteMutantProblems } from "../../tools/docs/suite-mutants-block";
import { MUTANTS } from "../../tools/mutants/mutants";

/** docs:check's view of the suite-mutant score: present, listing exactly the mutants, its score agreeing with its rows. */
const readme = fs.readFileSync(README, "utf8");

test("the README's block is current", () => {
    expect(suiteMutantProblems(readme)).toEqual([]);
});

test("a missing block, a mutant not listed, a stale score each fail", () => {
    expect(suiteMutantProblems("# no block\n")).toEqual([expect.stringMatching(/has no suite-mutants block/)]);
    const extra = { ...MUTANTS[0], id: "new-mutant", bug: "a new bug" };
    expect(suiteMutantProblems(readme, [...MUTANTS, extra]).join("\n")).toMatch(
        /missing or changed: new-mutant.*\n.*disagrees with its rows/,
    );
    const stale = readme.replace(/^Score: (\d+)\//m, (_m, n: string) => `Score: ${Number(n) - 1}/`);
    expect(suiteMutantProblems(stale)).toEqual([expect.stringMatching(/disagrees with its rows/)]);
});
