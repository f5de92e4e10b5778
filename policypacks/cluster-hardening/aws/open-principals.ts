import { StatementView, statementLabel, statementsOf } from "./lib";

/**
 * Who a resource or trust policy statement lets in. A statement whose Principal is "*" (or
 * {"AWS": "*"}, or "*" in any principal list) admits every AWS identity in every account unless a
 * condition names who: the principal's ARN, account or organization, or, for a service acting on
 * someone's behalf, the source account or ARN. Pure, no Pulumi.
 */

type KeyKind = "arn" | "account" | "org" | "orgPath" | "userid";

/** Condition keys that pin the caller's identity, lower-cased (IAM condition keys are case-insensitive). */
const NARROWING_KEYS: Readonly<Record<string, KeyKind>> = {
    "aws:principalarn": "arn",
    "aws:sourcearn": "arn",
    "aws:principalaccount": "account",
    "aws:sourceaccount": "account",
    "kms:calleraccount": "account",
    "aws:principalorgid": "org",
    "aws:sourceorgid": "org",
    "aws:principalorgpaths": "orgPath",
    "aws:sourceorgpaths": "orgPath",
    "aws:userid": "userid",
};

/** The condition keys a message suggests. */
export const NARROWING_KEY_HINT = "aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount or aws:SourceArn";

/**
 * Operators that require the key to match: equality and pattern match, also under ForAnyValue.
 * Negated operators, ...IfExists (true when the key is absent) and ForAllValues (true on an empty set)
 * narrow nothing.
 */
const MATCHING_OPERATORS = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);

/** Policy variables that stand for the resource's own account or organization (data-perimeter pattern). */
const RESOURCE_VARIABLE = /^\$\{aws:Resource(Account|OrgID|OrgPaths)\}$/i;

const WILDCARD = /[*?]/;

function concrete(kind: KeyKind, value: string): boolean {
    const v = value.trim();
    if (RESOURCE_VARIABLE.test(v)) return true;
    if (v.includes("${")) return false;
    switch (kind) {
        case "account":
            return /^\d{12}$/.test(v);
        case "org":
            return /^o-[a-z0-9]{10,32}$/.test(v);
        case "orgPath":
            return /^o-[a-z0-9]{10,32}\//.test(v);
        case "userid":
            return v.length > 3 && !WILDCARD.test(v.split(":")[0]);
        case "arn": {
            // arn:partition:service:region:account:resource. The account must be named; ARNs without an
            // account (S3 buckets) must name the resource exactly.
            const parts = v.split(":");
            if (parts.length < 6 || parts[0] !== "arn") return false;
            const account = parts[4];
            if (account === "") return parts.slice(5).join(":").length > 0 && !WILDCARD.test(parts.slice(5).join(":"));
            return /^\d{12}$/.test(account);
        }
    }
}

function asStrings(value: unknown): string[] | undefined {
    const list = Array.isArray(value) ? value : [value];
    return list.every((v): v is string => typeof v === "string") && list.length > 0 ? list : undefined;
}

/** The "Operator key" pairs of a Condition block that pin who the caller is. */
export function narrowingConditions(condition: unknown): string[] {
    if (condition === null || typeof condition !== "object") return [];
    const found: string[] = [];
    for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
        const base = operator.replace(/^ForAnyValue:/i, "").toLowerCase();
        if (!MATCHING_OPERATORS.has(base) || block === null || typeof block !== "object") continue;
        for (const [key, value] of Object.entries(block as Record<string, unknown>)) {
            const kind = NARROWING_KEYS[key.toLowerCase()];
            const values = asStrings(value);
            if (kind && values && values.every((v) => concrete(kind, v))) found.push(`${operator} ${key}`);
        }
    }
    return found;
}

/** Every "Operator key" pair of a Condition block, for messages. */
export function conditionKeys(condition: unknown): string[] {
    if (condition === null || typeof condition !== "object") return [];
    return Object.entries(condition as Record<string, unknown>).flatMap(([operator, block]) =>
        block !== null && typeof block === "object" ? Object.keys(block as Record<string, unknown>).map((k) => `${operator} ${k}`) : [],
    );
}

/** Principal "*" or "*" among the values of any principal type. */
export function isOpenPrincipal(principal: unknown): boolean {
    if (principal === "*") return true;
    if (principal === null || typeof principal !== "object") return false;
    return Object.values(principal as Record<string, unknown>).some((v) => (Array.isArray(v) ? v : [v]).some((x) => x === "*"));
}

/** The values of one principal type ("Federated", "AWS", "Service"). */
export function principalsOfType(principal: unknown, type: string): string[] {
    if (principal === null || typeof principal !== "object") return [];
    const value = (principal as Record<string, unknown>)[type];
    return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
}

/** Why an Allow statement admits anyone: NotPrincipal, or an open Principal no condition narrows. */
export function openStatementFinding(s: StatementView, index: number): string | undefined {
    if (s.effect !== "Allow") return undefined;
    const label = statementLabel(s, index);
    if (s.notPrincipal !== undefined) {
        return `${label} allows with NotPrincipal, i.e. every principal in every account except the ones listed; name the principals in Principal instead`;
    }
    if (!isOpenPrincipal(s.principal)) return undefined;
    if (narrowingConditions(s.condition).length > 0) return undefined;
    const existing = conditionKeys(s.condition);
    const why = existing.length > 0 ? `its conditions [${existing.join(", ")}] do not name who` : "no condition names who";
    return `${label} allows Principal "*" (any AWS identity in any account) and ${why}; name the principal, or add a condition on ${NARROWING_KEY_HINT}`;
}

/** Findings for every Allow statement of a document open to anyone. */
export function openDocumentFindings(document: unknown): string[] {
    return statementsOf(document)
        .map((s, i) => openStatementFinding(s, i))
        .filter((f): f is string => f !== undefined);
}
