import * as fs from "fs";
import * as path from "path";
import { ENVIRONMENT_DEFAULTS } from "../../config/defaults";
import { README } from "../../tools/docs/control-matrix";
import {
    COMPONENT_RULES,
    differenceRows,
    differingLeaves,
    ENVIRONMENT_BLOCK,
    ENVIRONMENT_HOW,
    renderEnvironmentTable,
} from "../../tools/docs/environment-table";
import { readBlock } from "../../tools/docs/readme-block";
import { nonEmpty } from "../harness/non-empty";

/**
 * The generated per-environment difference table: current in the README, computed from the sources (a
 * changed default changes it), and complete: every source file that decides on the environment is either
 * diffed by the generator or listed in COMPONENT_RULES.
 */
const ROOT = path.resolve(__dirname, "..", "..");

test("the README's block is the generated table", () => {
    expect(readBlock(fs.readFileSync(README, "utf8"), ENVIRONMENT_BLOCK, ENVIRONMENT_HOW)).toBe(renderEnvironmentTable());
});

test("it has the rows the issue names: admission mode, digests, retention, zones, NAT, deletion protection, pack levels", () => {
    const table = renderEnvironmentTable();
    expect(table).toContain("| admission policies' action (`Warn` also audits) | `Warn` | `Deny` | `Deny` |");
    expect(table).toContain("| images must be pinned by digest | `false` | `true` | `true` |");
    expect(table).toContain("| `logRetentionDays` (audit and flow logs) | `30` | `90` | `365` |");
    expect(table).toMatch(/\| `network\.zones`[^|]*\| `2` \| `3` \| `3` \|/);
    expect(table).toMatch(/\| NAT layout[^|]*\| `single` \| `perZone` \| `perZone` \|/);
    expect(table).toMatch(/\| `deletionProtection`[^|]*\| `false` \| `false` \| `true` \|/);
    expect(table).toMatch(
        /\| `kubernetes-workload-require-image-digest`: enforcement level \| `advisory` \| `mandatory` \| `mandatory` \|/,
    );
});

test("rows are computed: a default that stops differing leaves the table, a new one enters it", () => {
    const same = differingLeaves(
        () => ({ a: 1, b: { c: "x" } }),
        (p) => p,
        "src",
    );
    expect(same).toEqual([]);
    const rows = differingLeaves(
        (env) => ({ a: 1, b: { c: env === "prod" ? "y" : "x" }, list: env === "dev" ? ["p", "q"] : [] }),
        (p) => p,
        "src",
    );
    expect(rows).toEqual([
        { setting: "b.c", source: "src", values: { dev: "`x`", staging: "`x`", prod: "`y`" } },
        { setting: "list", source: "src", values: { dev: "`p`<br>`q`", staging: "none", prod: "none" } },
    ]);
    const fromDefaults = differenceRows().filter((r) => r.source === "config/defaults.ts");
    const differing = Object.keys(ENVIRONMENT_DEFAULTS.dev).filter(
        (k) => JSON.stringify(ENVIRONMENT_DEFAULTS.dev[k as "zones"]) !== JSON.stringify(ENVIRONMENT_DEFAULTS.prod[k as "zones"]),
    );
    expect(fromDefaults.length).toBeGreaterThanOrEqual(nonEmpty(differing).length);
});

/** Files whose environment comparisons the generator covers by computing, or that only validate (with why). */
const COVERED: Readonly<Record<string, string>> = {
    "config/defaults.ts": "diffed: ENVIRONMENT_DEFAULTS",
    "config/day2.ts": "diffed: DAY2_DEFAULTS",
    "config/validate.ts": "applies ENVIRONMENT_DEFAULTS and forces deletionProtection in prod (the deletionProtection row)",
    "config/layers.ts": "the same for baseline-layer stacks (the deletionProtection row)",
    "config/clouds/eks.ts": "diffed: resolveEksSettings",
    "config/clouds/gke.ts":
        "diffed: resolveGkeSettings; zones must match the location (the GKE location rows); projectNumber (the guard row)",
    "config/clouds/aks.ts": "sizes address ranges for the environment's pool sizes (the nodePools rows)",
    "components/gcp/location-plan.ts": "computed: planLocation",
};

function filesComparingEnvironment(dir: string): string[] {
    const found: string[] = [];
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const rel = path.posix.join(dir, entry.name);
        if (entry.isDirectory()) found.push(...filesComparingEnvironment(rel));
        else if (entry.name.endsWith(".ts")) {
            const text = fs.readFileSync(path.join(ROOT, rel), "utf8");
            if (/environment\s*[!=]==\s*"|"(dev|staging|prod)"\s*[!=]==\s*\S*environment|\bisProd\b|[A-Z_]+_DEFAULTS\[/.test(text))
                found.push(rel);
        }
    }
    return found;
}

test("every source file that decides on the environment is in the table", () => {
    const listed = new Set([...Object.keys(COVERED), ...COMPONENT_RULES.flatMap((r) => r.source.split(", "))]);
    const deciding = nonEmpty([...filesComparingEnvironment("config"), ...filesComparingEnvironment("components")]);
    expect(deciding.filter((f) => !listed.has(f))).toEqual([]);
});
