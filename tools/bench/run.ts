import { spawnSync } from "child_process";
import * as path from "path";
import { STACK_CASES } from "./cases";
import { Measurement } from "./measure";

/**
 * npm run bench: every shipped stack, then the scale cases (200 and 400 tenants on one cluster, three
 * clusters in one program), each against a bare baseline registering the same number of plain resources.
 * Each case runs in its own process so that peak RSS is its own. Figures are wall-clock on this machine:
 * compare ratios, not absolute times.
 */
function run(name: string): Measurement {
    const result = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "measure.ts"), name], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`case ${name} failed: ${result.stderr}`);
    return JSON.parse(result.stdout.trim().split("\n").pop() ?? "{}") as Measurement;
}

function fmt(n: number, digits = 1): string {
    return n.toFixed(digits);
}

const rows: string[] = [];
const header =
    "| case | resources | program ms | policies ms | ms / resource | bare ms / resource | ratio to bare | peak RSS MB | bare peak RSS MB | KB RSS / resource over bare |";
rows.push(header, "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
const measured: Measurement[] = [];
for (const name of [...STACK_CASES, "tenants-200", "tenants-400", "three-clusters"]) {
    const m = run(name);
    const bare = run(`bare-${m.resources}`);
    measured.push(m);
    const total = m.programMs + m.evaluateMs;
    rows.push(
        `| ${name} | ${m.resources} | ${fmt(m.programMs)} | ${fmt(m.evaluateMs)} | ${fmt(total / m.resources, 2)} | ${fmt(bare.programMs / bare.resources, 2)} | ` +
            `${fmt(total / bare.programMs, 2)} | ${fmt(m.peakRssMb)} | ${fmt(bare.peakRssMb)} | ${fmt(((m.peakRssMb - bare.peakRssMb) * 1024) / m.resources, 1)} |`,
    );
    process.stderr.write(`measured ${name}\n`);
}
const t200 = measured.find((m) => m.name === "tenants-200");
const t400 = measured.find((m) => m.name === "tenants-400");
process.stdout.write(`${rows.join("\n")}\n`);
if (t200 && t400) {
    const perResource200 = t200.evaluateMs / t200.resources;
    const perResource400 = t400.evaluateMs / t400.resources;
    process.stdout.write(
        `\nPolicy evaluation per resource: ${fmt(perResource200, 3)} ms at ${t200.resources} resources, ${fmt(perResource400, 3)} ms at ${t400.resources} ` +
            `(ratio ${fmt(perResource400 / perResource200, 2)}; about 1 means linear).\n`,
    );
}
