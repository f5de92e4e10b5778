import { ResourceValidation } from "@pulumi/policy";
import { parse as parseYaml } from "yaml";

/**
 * Helpers shared by the AWS policies: reading policy documents and add-on configuration safely, and
 * dispatching one resource validation per type.
 */

function pulumiTypeOf(cls: unknown): string | undefined {
    const t = (cls as { __pulumiType?: unknown }).__pulumiType;
    return typeof t === "string" ? t : undefined;
}

/** One resource validation per type (each built with validateResourceOfType), dispatched on the resource's type. */
export function validateResourcesOfTypes(validations: readonly ResourceValidation[]): ResourceValidation {
    const byType = new Map<string, ResourceValidation>();
    for (const v of validations) {
        const type = pulumiTypeOf(v);
        if (!type) throw new Error("validateResourcesOfTypes takes validations built with validateResourceOfType");
        byType.set(type, v);
    }
    return (args, report) => {
        const v = byType.get(args.type);
        if (!v) return args.notApplicable(`only applies to ${[...byType.keys()].join(", ")}`);
        return v(args, report);
    };
}

export type ParsedDocument = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

/** A policy document given as JSON text or as an object; never throws on bad JSON. */
export function parseDocument(document: unknown): ParsedDocument {
    if (typeof document !== "string") return { ok: true, value: document };
    try {
        return { ok: true, value: JSON.parse(document) as unknown };
    } catch (e) {
        return { ok: false, error: (e as Error).message };
    }
}

/** EKS add-on configurationValues: JSON or YAML text. */
export function parseConfigurationValues(text: string): ParsedDocument {
    try {
        return { ok: true, value: parseYaml(text) as unknown };
    } catch (e) {
        return { ok: false, error: (e as Error).message };
    }
}

function asList(value: unknown): unknown[] {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
}

export interface StatementView {
    readonly sid?: string;
    readonly effect: string;
    readonly actions: readonly string[];
    readonly notActions: readonly string[];
    /** Principal / NotPrincipal / Condition as written (resource and trust policies). */
    readonly principal: unknown;
    readonly notPrincipal: unknown;
    readonly condition: unknown;
}

/** The statements of an IAM policy document, tolerant of a single statement or single action string. */
export function statementsOf(document: unknown): StatementView[] {
    if (document === null || typeof document !== "object") return [];
    const statements = asList((document as Record<string, unknown>)["Statement"]);
    return statements
        .filter((s): s is Record<string, unknown> => s !== null && typeof s === "object")
        .map((s) => ({
            sid: typeof s["Sid"] === "string" ? s["Sid"] : undefined,
            effect: typeof s["Effect"] === "string" ? s["Effect"] : "",
            actions: asList(s["Action"]).filter((a): a is string => typeof a === "string"),
            notActions: asList(s["NotAction"]).filter((a): a is string => typeof a === "string"),
            principal: s["Principal"],
            notPrincipal: s["NotPrincipal"],
            condition: s["Condition"],
        }));
}

/** "*", "service:*" or "*:..." (every action, every action of a service, or an action of every service). */
export function isWildcardAction(action: string): boolean {
    const a = action.trim();
    return a === "*" || /^[A-Za-z0-9-]+:\*$/.test(a) || /^[*?]+:/.test(a);
}

/** "statement \"Sid\"" or "statement 2": how messages name a statement. */
export function statementLabel(s: Pick<StatementView, "sid">, index: number): string {
    return s.sid ? `statement "${s.sid}"` : `statement ${index}`;
}

/** Why a document grants too much; empty when every Allow statement names its actions. */
export function wildcardFindings(document: unknown): string[] {
    const findings: string[] = [];
    statementsOf(document).forEach((s, i) => {
        if (s.effect !== "Allow") return;
        const label = statementLabel(s, i);
        const wild = s.actions.filter(isWildcardAction);
        if (wild.length > 0) findings.push(`${label} allows wildcard actions [${wild.join(", ")}]`);
        if (s.notActions.length > 0) findings.push(`${label} allows everything except NotAction [${s.notActions.join(", ")}]`);
    });
    return findings;
}
