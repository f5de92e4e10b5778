import * as fs from "fs";
import * as path from "path";
import { readBlock } from "../../tools/docs/readme-block";
import { README } from "../../tools/docs/control-matrix";
import { CONTROL_MUTANT, MUTANTS, occurrences } from "../../tools/mutants/mutants";
import { MUTANTS_BLOCK, MUTANTS_HOW } from "../../tools/mutants/run";
import { nonEmpty } from "../harness/non-empty";

/**
 * The deliberate bugs of `npm run test:mutants` still apply to the source (each replaces text that occurs
 * exactly once) and the README's score lists exactly them: a refactor that moves the mutated line, or a
 * new mutant without a measured score, fails here instead of rotting silently.
 */
const ROOT = path.resolve(__dirname, "..", "..");

test("occurrences counts non-overlapping matches", () => {
    expect(occurrences("a-a-a", "a")).toBe(3);
    expect(occurrences("aaaa", "aa")).toBe(2);
    expect(occurrences("abc", "x")).toBe(0);
});

test.each([CONTROL_MUTANT, ...MUTANTS].map((m) => [m.id, m] as const))("mutant %s applies once and names existing tests", (_id, mutant) => {
    const text = fs.readFileSync(path.join(ROOT, mutant.file), "utf8");
    expect(occurrences(text, mutant.find)).toBe(1);
    expect(mutant.replace).not.toBe(mutant.find);
    for (const test of nonEmpty(mutant.tests)) expect(fs.existsSync(path.join(ROOT, test))).toBe(true);
});

test("mutant ids are unique and the list covers components and both packs' policies", () => {
    const ids = MUTANTS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(MUTANTS.some((m) => m.file.startsWith("components/"))).toBe(true);
    expect(MUTANTS.some((m) => m.file.startsWith("policypacks/cluster-hardening/"))).toBe(true);
    expect(MUTANTS.some((m) => m.file.startsWith("policypacks/kubernetes-hardening/"))).toBe(true);
});

test("the README's suite-mutant score lists exactly the mutants, in order", () => {
    const block = readBlock(fs.readFileSync(README, "utf8"), MUTANTS_BLOCK, MUTANTS_HOW);
    expect(block).toBeDefined();
    const listed = [...String(block).matchAll(/^\| ([a-z0-9]+(?:-[a-z0-9]+)*) \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(MUTANTS.map((m) => m.id));
    expect(block).toMatch(new RegExp(`^Score: \\d+/${MUTANTS.length} mutants killed\\.`));
});
