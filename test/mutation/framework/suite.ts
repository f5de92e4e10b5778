import { MESSAGES_WITHOUT_A_FIX } from "../known-findings";
import { evaluateEdit, StackCache, StackSource } from "./evaluate";
import { appendFileSync } from "fs";
import { Outcome } from "../../../tools/policy/evaluate";
import { isCaught, isGap, MutationRow, MutationTable, rowTitle } from "./rows";

/**
 * Turns mutation tables into Jest tests: one test per row, the stacks run once per test file. Each test
 * file passes the tables of one cloud, so a cloud's stacks are run once for both packs.
 */
export function describeMutationTables(tables: readonly MutationTable[]): void {
    const cache = new StackCache();
    for (const table of tables) {
        describe(`${table.pack} on ${table.cloud}`, () => {
            const stacks = [...new Set(table.rows.map((r) => r.stack))];
            test.each(stacks)("%s, unedited, has no mandatory violation", async (stack) => {
                const captured = await cache.get(stack);
                expect(captured.resources.length).toBeGreaterThan(0);
                const found = captured.baseline.filter((o) => o.status === "violation" && o.enforcementLevel === "mandatory");
                expect(found.map((o) => `${o.policy}: ${o.message}`)).toEqual([]);
            });
            const gapRows = table.rows.filter(isGap);
            for (const row of table.rows) {
                const gapIndex = isGap(row) ? gapRows.indexOf(row) : -1;
                test(rowTitle(row), () => checkRow(cache, row, (found) => recordFlip(table, gapIndex, found)));
            }
        });
    }
}

/** A violation message names an action to take, or the value that is required. */
export const SAYS_WHAT_TO_FIX =
    /\b(set|add|remove|use|list|enable|pin|bind|keep|point|push|carry|reference|replace|turn|map|label|give|delete|patch|renew|record|name|restore|must|requires|needs|only .+ may|trusted registries are)\b/i;

const listed = (lines: readonly string[]) => (lines.length > 0 ? lines.map((l) => `\n  - ${l}`).join("") : " (none)");

/**
 * With MUTATION_FLIPS_FILE set, a gap row that is now caught is also written there (one JSON line), so
 * `npm run mutation:flip` can turn it into a caught row; the test still fails until the row is turned.
 */
function recordFlip(table: MutationTable, gapIndex: number, found: readonly Outcome[]): void {
    const file = process.env["MUTATION_FLIPS_FILE"];
    if (!file || found.length === 0) return;
    const [first] = found;
    appendFileSync(
        file,
        `${JSON.stringify({ pack: table.pack, cloud: table.cloud, gapIndex, policy: first.policy, message: first.message ?? "" })}\n`,
    );
}

export async function checkRow(cache: StackSource, row: MutationRow, onGapCaught?: (found: readonly Outcome[]) => void): Promise<void> {
    const captured = await cache.get(row.stack);
    const { outcomes, newMandatory } = await evaluateEdit(captured, row.edit);
    const found = newMandatory.map((o) => `${o.policy}: ${o.message}`);
    if (isCaught(row)) {
        const { policy, message } = row.expect;
        const hit = newMandatory.find((o) => o.policy === policy && (o.message ?? "").includes(message));
        if (hit) {
            if (SAYS_WHAT_TO_FIX.test(hit.message ?? "") || MESSAGES_WITHOUT_A_FIX[policy] !== undefined) return;
            throw new Error(`caught, but the message does not say what to fix (no ${SAYS_WHAT_TO_FIX}): ${hit.message}`);
        }
        const fromPolicy = outcomes.filter((o) => o.policy === policy).map((o) => `${o.status} [${o.enforcementLevel}] ${o.message ?? ""}`);
        throw new Error(
            `not caught: expected a mandatory violation from ${policy} containing "${message}".` +
                `\nNew mandatory violations:${listed(found)}\nOutcomes of ${policy} on the edited resources:${listed(fromPolicy)}`,
        );
    }
    if (isGap(row)) {
        if (found.length === 0) return;
        onGapCaught?.(newMandatory);
        throw new Error(
            `this known gap ("${row.gap}") is now caught; turn the row into expect: { policy, message } so the kill rate counts it:${listed(found)}`,
        );
    }
    if (found.length > 0) throw new Error(`false positive: the compliant edit produced mandatory violations:${listed(found)}`);
    if (row.judgedBy !== undefined && !outcomes.some((o) => o.policy === row.judgedBy && o.status === "pass")) {
        const seen = outcomes.filter((o) => o.policy === row.judgedBy).map((o) => `${o.status} ${o.message ?? ""}`);
        throw new Error(`${row.judgedBy} did not evaluate and pass the edited stack:${listed(seen)}`);
    }
}
