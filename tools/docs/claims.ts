import { Environment, ENVIRONMENTS } from "../../core/vocabulary";

/**
 * Claims backed by checks. A README section between `<!-- claims:<scope> -->` and `<!-- /claims -->`
 * holds security statements; each names the controls it rests on in a tag such as `[HC-API-01]` or
 * `[HC-SEC-01, HC-SEC-02]`, and the statement is only as true as those controls are on the shipped stacks
 * it covers. Pure: the evidence (each plan unit's policy outcomes) is gathered by claims-evidence.ts.
 *
 * What a statement is, exactly:
 * - The text of a block is cut at every `;` and at every `.`, `!` or `?` followed by whitespace or the end
 *   of the block, except inside backticks, parentheses or a tag's brackets. Each non-blank piece is a
 *   statement; Markdown list markers and emphasis are part of it.
 * - A statement that starts with `*Verify*` tells the reader what to confirm on a real account and claims
 *   nothing: it needs no tag. Every other statement needs at least one tag.
 * - A tag is `[` control ids `]`, comma-separated. An id may be followed by qualifiers: environment names
 *   (`[HC-SUP-04 prod]`: the statement covers only that environment's stacks) and `waived` (the statement
 *   admits reviewed exceptions of the control, which its text must say).
 * - The scope names the stacks a statement covers: `aws`, `azure`, `gcp` (the plan units of that cloud that
 *   build a cluster, with their paired baseline stacks), `all` (every plan unit that builds a cluster) and
 *   `baseline` (every plan unit, the existing-cluster stack included).
 * A named control holds on a stack when at least one of its policies reports there, each of them is
 * mandatory in the stack's environment's pack config, and every outcome passes (or is waived, when the tag
 * says `waived`).
 */
export const CLAIM_SCOPES = ["aws", "azure", "gcp", "all", "baseline"] as const;
export type ClaimScope = (typeof CLAIM_SCOPES)[number];

const OPEN = /<!-- claims:([^\s>]+) -->/g;
const CLOSE = "<!-- /claims -->";
const CONTROL_ID = /^HC-[A-Z]+-\d+$/;

export interface ControlRef {
    readonly id: string;
    /** Environments the statement covers; empty: every environment. */
    readonly environments: readonly Environment[];
    readonly waived: boolean;
}

export interface Statement {
    readonly scope: ClaimScope;
    /** 1-based line of the README where the statement starts. */
    readonly line: number;
    readonly text: string;
    readonly controls: readonly ControlRef[];
    /** Starts with `*Verify*`: an instruction, not a claim. */
    readonly exempt: boolean;
}

export interface ClaimBlock {
    readonly scope: ClaimScope;
    readonly line: number;
    readonly statements: readonly Statement[];
}

/** One finding of the check, with the README line it is about. */
export interface ClaimProblem {
    readonly line: number;
    readonly message: string;
}

export interface ParsedClaims {
    readonly blocks: readonly ClaimBlock[];
    readonly problems: readonly ClaimProblem[];
}

function lineAt(text: string, index: number): number {
    return text.slice(0, index).split("\n").length;
}

/** Cuts a block's text into statements (see the module comment), with each piece's offset in the block. */
export function splitStatements(text: string): { text: string; offset: number }[] {
    const pieces: { text: string; offset: number }[] = [];
    let start = 0;
    let inCode = false;
    let depth = 0;
    let inTag = false;
    const push = (end: number) => {
        const raw = text.slice(start, end);
        const lead = raw.length - raw.trimStart().length;
        if (raw.trim() !== "") pieces.push({ text: raw.trim().replace(/\s+/g, " "), offset: start + lead });
        start = end;
    };
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === "`") inCode = !inCode;
        if (inCode) continue;
        if (c === "[" && /^\[HC-/.test(text.slice(i))) inTag = true;
        else if (c === "]" && inTag) inTag = false;
        else if (c === "(") depth++;
        else if (c === ")" && depth > 0) depth--;
        if (inTag || depth > 0) continue;
        const next = text[i + 1];
        if (c === ";" || ((c === "." || c === "!" || c === "?") && (next === undefined || /\s/.test(next)))) push(i + 1);
    }
    push(text.length);
    return pieces;
}

function parseTags(statement: string): { refs: ControlRef[]; errors: string[] } {
    const refs: ControlRef[] = [];
    const errors: string[] = [];
    for (const match of statement.matchAll(/\[(HC-[^\]]*)\]/g)) {
        for (const item of match[1].split(",")) {
            const [id, ...qualifiers] = item.trim().split(/\s+/);
            if (!CONTROL_ID.test(id)) {
                errors.push(`"${item.trim()}" is not a control id (HC-<THEME>-<NN>)`);
                continue;
            }
            const environments: Environment[] = [];
            let waived = false;
            for (const q of qualifiers) {
                const env = ENVIRONMENTS.find((e) => e === q);
                if (env) environments.push(env);
                else if (q === "waived") waived = true;
                else errors.push(`${id}: unknown qualifier "${q}" (allowed: ${ENVIRONMENTS.join(", ")}, waived)`);
            }
            refs.push({ id, environments, waived });
        }
    }
    return { refs, errors };
}

/** Every claims block of a README and its statements; malformed markers, tags and untagged statements are problems. */
export function parseClaims(readme: string, knownControls: ReadonlySet<string>): ParsedClaims {
    const blocks: ClaimBlock[] = [];
    const problems: ClaimProblem[] = [];
    const markers = [
        ...[...readme.matchAll(OPEN)].map((m) => ({ index: m.index ?? 0, length: m[0].length, scope: m[1] as string | undefined })),
        ...[...readme.matchAll(new RegExp(CLOSE, "g"))].map((m) => ({ index: m.index ?? 0, length: CLOSE.length, scope: undefined })),
    ].sort((a, b) => a.index - b.index);
    let open: (typeof markers)[number] | undefined;
    for (const marker of markers) {
        const line = lineAt(readme, marker.index);
        if (marker.scope !== undefined) {
            if (open) problems.push({ line, message: "claims block opened inside another one" });
            open = marker;
            continue;
        }
        if (!open) {
            problems.push({ line, message: `${CLOSE} without an opening <!-- claims:<scope> -->` });
            continue;
        }
        const block = parseBlock(readme, open, marker.index, knownControls, problems);
        if (block) blocks.push(block);
        open = undefined;
    }
    if (open) problems.push({ line: lineAt(readme, open.index), message: `claims block without its closing ${CLOSE}` });
    return { blocks, problems };
}

function parseBlock(
    readme: string,
    open: { index: number; length: number; scope?: string },
    end: number,
    knownControls: ReadonlySet<string>,
    problems: ClaimProblem[],
): ClaimBlock | undefined {
    const line = lineAt(readme, open.index);
    const scope = CLAIM_SCOPES.find((s) => s === open.scope);
    if (!scope) {
        problems.push({ line, message: `unknown claims scope "${open.scope}" (allowed: ${CLAIM_SCOPES.join(", ")})` });
        return undefined;
    }
    const bodyStart = open.index + open.length;
    const statements: Statement[] = [];
    for (const piece of splitStatements(readme.slice(bodyStart, end))) {
        const at = lineAt(readme, bodyStart + piece.offset);
        const exempt = /^\*verify\*/i.test(piece.text);
        const { refs, errors } = parseTags(piece.text);
        const say = (message: string) => problems.push({ line: at, message: `${excerpt(piece.text)}: ${message}` });
        errors.forEach(say);
        for (const r of refs) if (!knownControls.has(r.id)) say(`${r.id} is not in the control catalogue`);
        if (piece.text.replace(/\[HC-[^\]]*\]/g, "").trim() === "")
            say("a tag outside a statement (put it before the statement's full stop)");
        else if (!exempt && refs.length === 0 && errors.length === 0)
            say("a security statement names no control (add a tag such as [HC-API-01])");
        statements.push({ scope, line: at, text: piece.text, controls: refs, exempt });
    }
    if (statements.length === 0) problems.push({ line, message: `claims block "${scope}" is empty` });
    return { scope, line, statements };
}

function excerpt(text: string): string {
    return `"${text.length > 70 ? `${text.slice(0, 67)}...` : text}"`;
}

/** What the offline plan of one plan unit says about each control. */
export interface StackEvidence {
    readonly stack: string;
    readonly cloud: string;
    readonly environment: Environment;
    /** The plan unit builds a cluster (layer all or cluster); false for a baseline-only stack. */
    readonly buildsCluster: boolean;
    readonly outcomes: readonly EvidenceOutcome[];
}

export interface EvidenceOutcome {
    readonly controlId: string;
    readonly policy: string;
    readonly status: "pass" | "violation" | "waived" | "not-evaluated";
    /** The policy's level in the stack's environment's pack config (a waiver reports advisory; this does not). */
    readonly configuredLevel: string;
}

/** The plan units a scope covers, before environment qualifiers. */
export function stacksInScope(scope: ClaimScope, evidence: readonly StackEvidence[]): StackEvidence[] {
    switch (scope) {
        case "baseline":
            return [...evidence];
        case "all":
            return evidence.filter((e) => e.buildsCluster);
        default:
            return evidence.filter((e) => e.buildsCluster && e.cloud === scope);
    }
}

/** Why a control does not hold on a stack for a statement, or undefined when it holds. */
export function controlVerdict(ref: ControlRef, stack: StackEvidence): string | undefined {
    const outcomes = stack.outcomes.filter((o) => o.controlId === ref.id);
    if (outcomes.length === 0) return `no policy of ${ref.id} reports on ${stack.stack}`;
    const policies = (pred: (o: EvidenceOutcome) => boolean) => [...new Set(outcomes.filter(pred).map((o) => o.policy))].join(", ");
    const notMandatory = policies((o) => o.configuredLevel !== "mandatory");
    if (notMandatory) return `${ref.id} is not mandatory in ${stack.environment}'s pack config (${notMandatory}) on ${stack.stack}`;
    const violating = policies((o) => o.status === "violation");
    if (violating) return `${ref.id} has violations on ${stack.stack} (${violating})`;
    const unknown = policies((o) => o.status === "not-evaluated");
    if (unknown) return `${ref.id} is not evaluated on ${stack.stack} (${unknown})`;
    const waived = policies((o) => o.status === "waived");
    if (waived && !ref.waived) return `${ref.id} has waived findings on ${stack.stack} (${waived}): say so and tag it "${ref.id} waived"`;
    return undefined;
}

/** Every problem of the README's claims against the plan evidence: parse problems first, then false claims. */
export function checkClaims(readme: string, knownControls: ReadonlySet<string>, evidence: readonly StackEvidence[]): ClaimProblem[] {
    const { blocks, problems } = parseClaims(readme, knownControls);
    const found = [...problems];
    if (blocks.length === 0)
        found.push({ line: 1, message: "the README has no claims blocks (<!-- claims:<scope> --> ... <!-- /claims -->)" });
    for (const block of blocks) {
        for (const statement of block.statements) {
            for (const ref of statement.controls) {
                if (!knownControls.has(ref.id)) continue;
                const inScope = stacksInScope(block.scope, evidence).filter(
                    (s) => ref.environments.length === 0 || ref.environments.includes(s.environment),
                );
                if (inScope.length === 0) {
                    found.push({
                        line: statement.line,
                        message: `${excerpt(statement.text)}: ${ref.id} covers no shipped stack (scope ${block.scope})`,
                    });
                    continue;
                }
                for (const stack of inScope) {
                    const why = controlVerdict(ref, stack);
                    if (why) found.push({ line: statement.line, message: `${excerpt(statement.text)}: ${why}` });
                }
                if (ref.waived && !inScope.some((s) => s.outcomes.some((o) => o.controlId === ref.id && o.status === "waived"))) {
                    found.push({
                        line: statement.line,
                        message: `${excerpt(statement.text)}: ${ref.id} is tagged waived but has no waived finding: drop "waived"`,
                    });
                }
            }
        }
    }
    return found.sort((a, b) => a.line - b.line);
}
