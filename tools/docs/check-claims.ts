import * as fs from "fs";
import { CONTROLS } from "../../policypacks/controls";
import { checkClaims } from "./claims";
import { gatherEvidence } from "./claims-evidence";
import { README } from "./control-matrix";

/**
 * `tsx tools/docs/check-claims.ts --check`: every security statement of the README's claims blocks names
 * controls that are mandatory and pass on the shipped stacks it covers (see claims.ts). Exit 1 otherwise.
 */
async function main(): Promise<number> {
    if (process.argv[2] !== "--check") {
        process.stderr.write("usage: check-claims.ts --check\n");
        return 2;
    }
    const readme = fs.readFileSync(README, "utf8");
    const problems = checkClaims(readme, new Set(CONTROLS.map((c) => c.id)), await gatherEvidence());
    for (const p of problems) process.stderr.write(`README.md:${p.line}: ${p.message}\n`);
    if (problems.length > 0) {
        process.stderr.write(`README.md's claims: ${problems.length} problem(s)\n`);
        return 1;
    }
    process.stdout.write("README.md's claims rest on mandatory, passing controls\n");
    return 0;
}

main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
        process.stderr.write(`check-claims failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
        process.exitCode = 2;
    },
);
