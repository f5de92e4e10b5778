import { PACKS } from "../../policypacks/controls/types";
import { listStacks } from "../../tools/mock/stack-files";
import { PACK_POLICIES } from "../../tools/policy/packs";
import { MUTATION_TABLES } from "./cases";
import { missingCoverage, policyCoverage } from "./coverage";
import { kindsOf } from "./framework/edits";
import { killRate } from "./framework/kill-rate";
import { GAP_CLASSES, isCaught, isCompliant, isGap, rowProbe, rowTitle } from "./framework/rows";
import { MESSAGES_WITHOUT_A_FIX, SECURE_WHEN_UNSET } from "./known-findings";
import { KILL_RATE_FLOOR } from "./kill-rate-floor";
import { nonEmpty } from "../harness/non-empty";

/** The mutation table itself: complete, consistent, and at least as strong as its floor. */
const allPolicies = new Map(PACKS.flatMap((pack) => PACK_POLICIES[pack].map((p) => [p.name, pack] as const)));
const rows = MUTATION_TABLES.flatMap((table) => table.rows.map((row) => ({ table, row })));

test("there is a table for every pack on every cloud, each with caught, gap and compliant rows", () => {
    expect(MUTATION_TABLES.map((t) => `${t.pack}/${t.cloud}`).sort()).toEqual(Object.keys(KILL_RATE_FLOOR).sort());
    for (const table of nonEmpty(MUTATION_TABLES)) {
        expect({
            table: `${table.pack}/${table.cloud}`,
            caught: table.rows.some(isCaught),
            compliant: table.rows.some(isCompliant),
        }).toEqual({
            table: `${table.pack}/${table.cloud}`,
            caught: true,
            compliant: true,
        });
    }
    expect(rows.filter(({ row }) => isGap(row)).length).toBeGreaterThan(0);
});

test("every policy of both packs has a caught unset row (or a secure default) and a caught wrong-value row", () => {
    const coverage = policyCoverage(PACK_POLICIES);
    expect(coverage.length).toBe(allPolicies.size);
    expect(coverage.length).toBeGreaterThan(50);
    expect(missingCoverage(coverage)).toEqual([]);
});

test("the known-findings lists name existing policies, and the secure defaults only policies without a caught unset row", () => {
    expect(Object.keys(MESSAGES_WITHOUT_A_FIX).filter((p) => !allPolicies.has(p))).toEqual([]);
    const coverage = policyCoverage(PACK_POLICIES);
    const entries = Object.keys(SECURE_WHEN_UNSET);
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.filter((p) => !allPolicies.has(p))).toEqual([]);
    expect(entries.filter((p) => (coverage.find((c) => c.policy === p)?.unset ?? 0) > 0)).toEqual([]);
});

test("rows name shipped stacks, policies of their own pack, and fixes", () => {
    const stacks = new Set(listStacks());
    expect(rows.length).toBeGreaterThan(300);
    const problems = rows.flatMap(({ table, row }) => {
        const where = `${table.pack}/${table.cloud}: ${rowTitle(row)}`;
        const found: string[] = [];
        if (!stacks.has(row.stack)) found.push(`${where}: unknown stack ${row.stack}`);
        if (!row.stack.startsWith(`${table.cloud}-`)) found.push(`${where}: a ${table.cloud} table row on ${row.stack}`);
        if (isCaught(row)) {
            if (allPolicies.get(row.expect.policy) !== table.pack)
                found.push(`${where}: ${row.expect.policy} is not a ${table.pack} policy`);
            if (row.expect.message.trim().length < 12)
                found.push(`${where}: the message fragment "${row.expect.message}" is too short to identify the finding`);
        }
        if (isGap(row) && !(GAP_CLASSES as readonly string[]).includes(row.gap)) found.push(`${where}: unknown gap class ${row.gap}`);
        if (isCompliant(row) && row.judgedBy !== undefined && !allPolicies.has(row.judgedBy))
            found.push(`${where}: unknown policy ${row.judgedBy}`);
        return found;
    });
    expect(problems).toEqual([]);
});

test("row titles are unique within each table", () => {
    for (const table of nonEmpty(MUTATION_TABLES)) {
        const titles = table.rows.map(rowTitle);
        expect(titles.length).toBeGreaterThan(0);
        expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
    }
});

test("the table uses every kind of edit and both probes", () => {
    const kinds = new Set(rows.flatMap(({ row }) => kindsOf(row.edit)));
    expect([...kinds].sort()).toEqual(["add-resource", "combined", "remove-resource", "set", "unset"]);
    const probes = new Set(rows.filter(({ row }) => isCaught(row)).map(({ row }) => rowProbe(row)));
    expect([...probes].sort()).toEqual(["unset", "wrong-value"]);
});

test.each(MUTATION_TABLES.map((t) => [`${t.pack}/${t.cloud}`, t] as const))(
    "%s keeps its kill rate at or above the floor",
    (name, table) => {
        const floor = KILL_RATE_FLOOR[name as keyof typeof KILL_RATE_FLOOR];
        expect(floor).toBeGreaterThan(0);
        expect(killRate(table).rate).toBeGreaterThanOrEqual(floor);
    },
);
