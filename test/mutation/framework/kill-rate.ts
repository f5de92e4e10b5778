import { GAP_CLASSES, isCaught, isCompliant, isGap, MutationTable } from "./rows";

/**
 * The kill rate of a table: caught / (caught + known gaps). Compliant control rows are not insecure
 * edits and do not count. Computed from the table's marks, which `npm test` holds true: a row marked
 * caught that is not caught fails, and so does a gap row that has become caught.
 */
export interface KillRate {
    readonly pack: MutationTable["pack"];
    readonly cloud: MutationTable["cloud"];
    readonly caught: number;
    readonly gaps: number;
    readonly compliant: number;
    /** Caught and gap rows on prod stacks only. */
    readonly prodCaught: number;
    readonly prodGaps: number;
    readonly rate: number;
}

const isProd = (stack: string) => stack.endsWith("-prod");

export function killRate(table: MutationTable): KillRate {
    const caught = table.rows.filter(isCaught);
    const gaps = table.rows.filter(isGap);
    return {
        pack: table.pack,
        cloud: table.cloud,
        caught: caught.length,
        gaps: gaps.length,
        compliant: table.rows.filter(isCompliant).length,
        prodCaught: caught.filter((r) => isProd(r.stack)).length,
        prodGaps: gaps.filter((r) => isProd(r.stack)).length,
        rate: caught.length + gaps.length === 0 ? 0 : caught.length / (caught.length + gaps.length),
    };
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** The README block: one line per pack and cloud, a total, and the known gaps by class. */
export function renderKillRates(tables: readonly MutationTable[]): string {
    const rates = tables.map(killRate);
    const lines = [
        "| Pack | Cloud | Insecure edits | Caught | Known gaps | Kill rate | Kill rate on prod stacks | Compliant controls |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ...rates.map(
            (r) =>
                `| ${r.pack} | ${r.cloud} | ${r.caught + r.gaps} | ${r.caught} | ${r.gaps} | ${percent(r.rate)} | ${percent(r.prodCaught / (r.prodCaught + r.prodGaps || 1))} | ${r.compliant} |`,
        ),
    ];
    const caught = rates.reduce((s, r) => s + r.caught, 0);
    const gaps = rates.reduce((s, r) => s + r.gaps, 0);
    const compliant = rates.reduce((s, r) => s + r.compliant, 0);
    const prodCaught = rates.reduce((s, r) => s + r.prodCaught, 0);
    const prodGaps = rates.reduce((s, r) => s + r.prodGaps, 0);
    lines.push(
        `| all | all | ${caught + gaps} | ${caught} | ${gaps} | ${percent(caught / (caught + gaps || 1))} | ${percent(prodCaught / (prodCaught + prodGaps || 1))} | ${compliant} |`,
    );
    const byClass = GAP_CLASSES.map(
        (c) => [c, tables.flatMap((t) => t.rows.filter(isGap)).filter((r) => r.gap === c).length] as const,
    ).filter(([, n]) => n > 0);
    lines.push("", `Known gaps by class: ${byClass.map(([c, n]) => `${c} ${n}`).join(", ") || "none"}.`);
    return lines.join("\n");
}
