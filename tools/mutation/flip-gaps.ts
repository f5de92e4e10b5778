import { existsSync, readFileSync, writeFileSync } from "fs";
import * as path from "path";

/**
 * Turns known-gap rows that a new policy now catches into caught rows. Run the mutation tests with
 * MUTATION_FLIPS_FILE=<file> first; each line names a table, the gap row's index among that table's gap
 * rows, and the violation that caught it. The row's `expect: "gap", gap: "…"` becomes
 * `expect: { policy, message }` with the start of the violation's message as the fragment. Rows built by
 * shared helpers (not literal in the table's file) are listed for a hand edit. Re-run the tests after:
 * a caught row whose fragment does not match fails.
 *
 *   npx tsx tools/mutation/flip-gaps.ts <flips-file>
 */
interface Flip {
    readonly pack: string;
    readonly cloud: string;
    readonly gapIndex: number;
    readonly policy: string;
    readonly message: string;
}

const GAP_ROW = /expect: "gap",(\s*)gap: "[^"]*",?/g;
const CASES = path.resolve(__dirname, "..", "..", "test", "mutation", "cases");

/** The message's first words, up to about 60 characters, without characters that need escaping. */
export function fragmentOf(message: string): string {
    const text = message.replace(/^\S+: /, "").replace(/^\[[^\]]+\]\s*/, "");
    const clean = text.split(/["\\\n`]/)[0];
    if (clean.length <= 60) return clean.trim();
    const cut = clean.slice(0, 60);
    return cut.slice(0, Math.max(cut.lastIndexOf(" "), 20)).trim();
}

function main(file: string): void {
    const flips = readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as Flip);
    const byTable = new Map<string, Flip[]>();
    for (const flip of flips) {
        const key = `${flip.pack}-${flip.cloud}`;
        byTable.set(key, [...(byTable.get(key) ?? []), flip]);
    }
    // A table whose own file has no gap rows takes them from its pack's shared rows (one file for every
    // cloud, in the same order; rows for some clouds only come last): a shared row is turned once.
    const bySource = new Map<string, Flip[]>();
    for (const [table, tableFlips] of byTable) {
        const own = path.join(CASES, `${table}.ts`);
        const shared = path.join(CASES, `${tableFlips[0].pack}-shared.ts`);
        const source = existsSync(own) && [...readFileSync(own, "utf8").matchAll(GAP_ROW)].length > 0 ? own : shared;
        const known = bySource.get(source) ?? [];
        const fresh = tableFlips.filter((f) => !known.some((k) => k.gapIndex === f.gapIndex));
        bySource.set(source, [...known, ...fresh]);
    }
    for (const [source, tableFlips] of bySource) {
        const table = path.basename(source, ".ts");
        if (!existsSync(source)) {
            for (const f of tableFlips) console.log(`by hand: ${table} gap #${f.gapIndex} → ${f.policy}: ${f.message}`);
            continue;
        }
        const text = readFileSync(source, "utf8");
        const matches = [...text.matchAll(GAP_ROW)];
        const wanted = new Map(tableFlips.map((f) => [f.gapIndex, f]));
        let out = "";
        let last = 0;
        matches.forEach((match, index) => {
            const flip = wanted.get(index);
            if (!flip || match.index === undefined) return;
            out += text.slice(last, match.index);
            out += `expect: { policy: ${JSON.stringify(flip.policy)}, message: ${JSON.stringify(fragmentOf(flip.message))} },`;
            last = match.index + match[0].length;
            wanted.delete(index);
        });
        out += text.slice(last);
        writeFileSync(source, out);
        console.log(`${table}: ${tableFlips.length - wanted.size} rows turned into caught rows`);
        for (const f of wanted.values()) console.log(`by hand: ${table} gap #${f.gapIndex} → ${f.policy}: ${f.message}`);
    }
}

if (require.main === module) main(process.argv[2] ?? "");
