import { PackName } from "../../../policypacks/controls/types";
import { describeEdit, Edit, Probe, probeOf } from "./edits";

/**
 * One row of the mutation table: a shipped stack, an edit, and what the shipped pack config must make of
 * it. Rows live in test/mutation/cases/<pack>-<cloud>.ts, so parallel branches add rows without colliding.
 *
 * - `expect: { policy, message }`: the edit must produce a MANDATORY violation from that policy whose
 *   message contains `message` (a fragment that says what to fix). A row marked caught that is not
 *   caught fails `npm test`.
 * - `expect: "gap"`: an insecure edit no policy catches yet, filed under one of issue 11's classes. It
 *   counts against the kill rate and does not fail `npm test`; when a policy starts catching it, its test
 *   fails and asks for the row to be turned into a caught row (so the table and the kill rate stay true).
 * - `expect: "compliant"`: a control edit; it must produce no mandatory violation in either pack. With
 *   `judgedBy`, that policy must also have evaluated an edited resource and passed it (so the control is
 *   not vacuous); `probe: "unset"` with `judgedBy` records a property whose unset value is the secure default.
 */

/** The classes of insecure change that issue 11 lists as passing today, plus any the suite itself found. */
export const GAP_CLASSES = [
    "Firewall rules",
    "Cloud IAM least privilege",
    "Cluster-admin through the cloud",
    "RBAC subjects and verbs",
    "NetworkPolicy content",
    "Admission content",
    "Supply chain",
    "Single gaps",
    // Not in issue 11: hardened properties the components set that no policy checks, found while writing
    // a row for every one of them.
    "Workload defaults",
    "Logging content",
    "Encryption and key stores",
    "Deletion protection",
    "Cluster settings",
] as const;
export type GapClass = (typeof GAP_CLASSES)[number];

export interface Caught {
    readonly policy: string;
    readonly message: string;
}

interface RowBase {
    /** A shipped stack: the prod stack unless the property is environment-specific. */
    readonly stack: string;
    readonly edit: Edit;
    /** Overrides the probe the edit implies (set → wrong value, unset/remove → unset). */
    readonly probe?: Probe;
    /** Why, when the row needs more than its edit to be understood. */
    readonly note?: string;
}

export interface CaughtRow extends RowBase {
    readonly expect: Caught;
}

export interface GapRow extends RowBase {
    readonly expect: "gap";
    readonly gap: GapClass;
}

export interface CompliantRow extends RowBase {
    readonly expect: "compliant";
    /** A policy that must have evaluated an edited resource (or the stack) and passed it. */
    readonly judgedBy?: string;
}

export type MutationRow = CaughtRow | GapRow | CompliantRow;

/** One file of rows: a pack on a cloud. */
export interface MutationTable {
    readonly pack: PackName;
    readonly cloud: "aws" | "azure" | "gcp";
    readonly rows: readonly MutationRow[];
}

export function isCaught(row: MutationRow): row is CaughtRow {
    return typeof row.expect === "object";
}

export function isGap(row: MutationRow): row is GapRow {
    return row.expect === "gap";
}

export function isCompliant(row: MutationRow): row is CompliantRow {
    return row.expect === "compliant";
}

export function rowProbe(row: MutationRow): Probe {
    return row.probe ?? probeOf(row.edit);
}

/** The test title of a row; unique within its table (a test checks it). */
export function rowTitle(row: MutationRow): string {
    const what = `${row.stack}: ${describeEdit(row.edit)}`;
    if (isCaught(row)) return `caught (${rowProbe(row)}) ${what} → ${row.expect.policy}`;
    if (isGap(row)) return `gap [${row.gap}] ${what}`;
    return `compliant ${what}${row.judgedBy ? ` (judged by ${row.judgedBy})` : ""}`;
}
