import { spawn } from "child_process";
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeOrCheck } from "../docs/readme-block";
import { CONTROL_MUTANT, Mutant, MUTANTS, occurrences } from "./mutants";

/**
 * npm run test:mutants [-- --write | --check] [--only ID]... [--tests FILE]... [--workers N]
 *
 * Applies each deliberate bug of mutants.ts, one at a time, to a copy of the repository (never to the
 * working tree), runs the test files that should notice, and reports each mutant as killed (a test
 * failed), surviving (every test passed) or error (the tests could not run). A control mutant that
 * changes nothing runs first and must survive. Prints the score; `--write` puts it in the README,
 * `--check` fails when the README's score differs. Exit 1 when a mutant survives or errors.
 * `--tests` replaces the test files of the selected mutants (to show which tests kill a bug).
 */
const ROOT = path.resolve(__dirname, "..", "..");
const JEST = path.join(ROOT, "node_modules", "jest", "bin", "jest.js");
const SKIP = new Set(["node_modules", ".git", "coverage", "bin", ".plan-out"]);
export const MUTANTS_BLOCK = "suite-mutants";
export const MUTANTS_HOW = "written by npm run test:mutants -- --write";

type Status = "killed" | "survived" | "error";

interface Outcome {
    readonly mutant: Mutant;
    readonly status: Status;
    readonly failing: readonly string[];
    readonly seconds: number;
    readonly detail?: string;
}

interface JestJson {
    numFailedTests: number;
    numRuntimeErrorTestSuites: number;
    numTotalTests: number;
    testResults: { name: string; message: string; assertionResults: { status: string; fullName: string }[] }[];
}

/** A fresh copy of the repository beside node_modules (linked), at a fixed place so Jest's cache stays warm. */
function prepareCopy(slot: number): string {
    const key = crypto.createHash("sha256").update(ROOT).digest("hex").slice(0, 12);
    const dir = path.join(os.tmpdir(), "hardened-cluster-mutants", `${key}-${slot}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const entry of fs.readdirSync(ROOT)) {
        if (SKIP.has(entry)) continue;
        fs.cpSync(path.join(ROOT, entry), path.join(dir, entry), { recursive: true });
    }
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

function runJest(copy: string, tests: readonly string[], output: string): Promise<number | null> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [JEST, "--ci", "--silent", "--runInBand", "--json", `--outputFile=${output}`, ...tests], {
            cwd: copy,
            stdio: "ignore",
        });
        child.on("close", (code) => resolve(code));
    });
}

async function runMutant(copy: string, mutant: Mutant): Promise<Outcome> {
    const started = Date.now();
    const file = path.join(copy, mutant.file);
    const original = fs.readFileSync(file, "utf8");
    const seconds = () => (Date.now() - started) / 1000;
    const found = occurrences(original, mutant.find);
    if (found !== 1) {
        return {
            mutant,
            status: "error",
            failing: [],
            seconds: seconds(),
            detail: `${mutant.file}: the text to replace occurs ${found} times (need 1)`,
        };
    }
    const output = path.join(copy, `.mutant-${mutant.id}.json`);
    fs.writeFileSync(file, original.replace(mutant.find, mutant.replace));
    try {
        await runJest(copy, mutant.tests, output);
    } finally {
        fs.writeFileSync(file, original);
    }
    if (!fs.existsSync(output)) return { mutant, status: "error", failing: [], seconds: seconds(), detail: "Jest wrote no report" };
    const report = JSON.parse(fs.readFileSync(output, "utf8")) as JestJson;
    fs.rmSync(output);
    const failing = report.testResults.flatMap((r) =>
        r.assertionResults.filter((a) => a.status === "failed").map((a) => `${path.relative(copy, r.name)}: ${a.fullName}`),
    );
    if (report.numFailedTests > 0) return { mutant, status: "killed", failing, seconds: seconds() };
    if (report.numRuntimeErrorTestSuites > 0 || report.numTotalTests === 0) {
        const why =
            report.testResults
                .find((r) => r.message)
                ?.message.split("\n")
                .find((l) => l.trim()) ?? "no test ran";
        return { mutant, status: "error", failing, seconds: seconds(), detail: why };
    }
    return { mutant, status: "survived", failing, seconds: seconds() };
}

/** Runs the mutants on `workers` copies in parallel; results in the mutants' order. */
async function runAll(mutants: readonly Mutant[], workers: number): Promise<Outcome[]> {
    const results: Outcome[] = new Array(mutants.length);
    let next = 0;
    const worker = async (slot: number) => {
        const copy = prepareCopy(slot);
        try {
            while (next < mutants.length) {
                const index = next++;
                results[index] = await runMutant(copy, mutants[index]);
                const r = results[index];
                process.stderr.write(
                    `${r.status.padEnd(8)} ${r.mutant.id} (${r.seconds.toFixed(0)} s)${r.detail ? `: ${r.detail}` : ""}\n`,
                );
            }
        } finally {
            fs.rmSync(copy, { recursive: true, force: true });
        }
    };
    await Promise.all(Array.from({ length: Math.min(workers, mutants.length) }, (_, slot) => worker(slot)));
    return results;
}

/** The test files that failed, sorted (Jest's file order varies from run to run). */
function failingFiles(o: Outcome): string[] {
    return [...new Set(o.failing.map((f) => f.split(": ")[0]))].sort();
}

/** The README block: the score and one line per mutant. */
export function renderScore(outcomes: readonly Outcome[]): string {
    const killed = outcomes.filter((o) => o.status === "killed").length;
    const lines = [
        `Score: ${killed}/${outcomes.length} mutants killed.`,
        "",
        "| Mutant | Bug | Source | Result | Failing test files |",
        "| --- | --- | --- | --- | --- |",
        ...outcomes.map(
            (o) => `| ${o.mutant.id} | ${o.mutant.bug} | \`${o.mutant.file}\` | ${o.status} | ${failingFiles(o).join("<br>") || "–"} |`,
        ),
    ];
    return lines.join("\n");
}

function parseArgs(argv: readonly string[]): { mode?: string; only: string[]; tests: string[]; workers: number } {
    const options = { mode: undefined as string | undefined, only: [] as string[], tests: [] as string[], workers: 2 };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--write" || arg === "--check") options.mode = arg;
        else if (arg === "--only") options.only.push(argv[++i]);
        else if (arg === "--tests") options.tests.push(argv[++i]);
        else if (arg === "--workers") options.workers = Math.max(1, Number(argv[++i]) || 1);
        else
            throw new Error(
                `unknown option ${arg}; usage: npm run test:mutants -- [--write | --check] [--only ID]... [--tests FILE]... [--workers N]`,
            );
    }
    return options;
}

async function main(argv: readonly string[]): Promise<number> {
    const options = parseArgs(argv);
    const unknown = options.only.filter((id) => !MUTANTS.some((m) => m.id === id));
    if (unknown.length > 0) throw new Error(`unknown mutant ${unknown.join(", ")}; known: ${MUTANTS.map((m) => m.id).join(", ")}`);
    const selected = MUTANTS.filter((m) => options.only.length === 0 || options.only.includes(m.id)).map((m) =>
        options.tests.length > 0 ? { ...m, tests: options.tests } : m,
    );
    if ((options.only.length > 0 || options.tests.length > 0) && options.mode !== undefined) {
        throw new Error("--write and --check score the whole list: leave out --only and --tests");
    }
    const started = Date.now();
    const [control, ...outcomes] = await runAll([CONTROL_MUTANT, ...selected], options.workers);
    const killed = outcomes.filter((o) => o.status === "killed").length;
    process.stdout.write(`${renderScore(outcomes)}\n\n`);
    for (const o of outcomes.filter((x) => x.status !== "killed")) {
        process.stdout.write(`${o.status.toUpperCase()}: ${o.mutant.id}: ${o.mutant.bug}${o.detail ? ` (${o.detail})` : ""}\n`);
    }
    process.stdout.write(
        `Control mutant: ${control.status}${control.status === "survived" ? " (as it must)" : ` — the runner cannot tell a kill from a broken run${control.detail ? `: ${control.detail}` : ""}`}\n`,
    );
    process.stdout.write(`Score ${killed}/${outcomes.length} in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    let code = control.status === "survived" && killed === outcomes.length ? 0 : 1;
    if (options.mode === "--write" || options.mode === "--check") {
        const block = renderScore(outcomes);
        const docs = writeOrCheck(options.mode, MUTANTS_BLOCK, MUTANTS_HOW, block, "suite-mutant score", "npm run test:mutants -- --write");
        if (docs !== 0) code = 1;
    }
    return code;
}

if (require.main === module) {
    main(process.argv.slice(2))
        .then((code) => {
            process.exitCode = code;
        })
        .catch((e: unknown) => {
            process.stderr.write(`test:mutants failed: ${e instanceof Error ? e.message : String(e)}\n`);
            process.exitCode = 2;
        });
}
