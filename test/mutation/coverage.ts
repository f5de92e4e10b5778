import { PACKS, PackName } from "../../policypacks/controls/types";
import { MUTATION_TABLES } from "./cases";
import { Probe } from "./framework/edits";
import { isCaught, MutationRow, MutationTable, rowProbe } from "./framework/rows";
import { SECURE_WHEN_UNSET } from "./known-findings";

/**
 * Which policies the mutation table tests with the property unset and with a wrong value (issue 15:
 * "every policy gets a negative test with the property unset, not only set wrong").
 */
export interface PolicyCoverage {
    readonly pack: PackName;
    readonly policy: string;
    readonly unset: number;
    readonly wrongValue: number;
}

function caughtRows(tables: readonly MutationTable[]): { table: MutationTable; row: MutationRow & { expect: { policy: string } } }[] {
    return tables.flatMap((table) => table.rows.filter(isCaught).map((row) => ({ table, row })));
}

/** Caught rows per policy and probe, for every policy of both packs. */
export function policyCoverage(
    policiesByPack: Readonly<Record<PackName, readonly { name: string }[]>>,
    tables = MUTATION_TABLES,
): PolicyCoverage[] {
    const caught = caughtRows(tables);
    const count = (policy: string, probe: Probe) =>
        caught.filter(({ row }) => row.expect.policy === policy && rowProbe(row) === probe).length;
    return PACKS.flatMap((pack) =>
        policiesByPack[pack].map((p) => ({
            pack,
            policy: p.name,
            unset: count(p.name, "unset"),
            wrongValue: count(p.name, "wrong-value"),
        })),
    );
}

/** What each policy lacks: "unset" and/or "wrong value" rows that it catches. */
export function missingCoverage(coverage: readonly PolicyCoverage[]): string[] {
    return coverage.flatMap((c) => {
        const missing = [
            c.unset === 0 && SECURE_WHEN_UNSET[c.policy] === undefined ? "an unset row it catches" : undefined,
            c.wrongValue === 0 ? "a wrong-value row it catches" : undefined,
        ].filter((m): m is string => m !== undefined);
        return missing.length > 0 ? [`${c.pack}/${c.policy}: no ${missing.join(" and no ")}`] : [];
    });
}
