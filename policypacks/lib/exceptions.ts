/**
 * Reviewed, expiring exceptions. An exception waives one control on one resource and holds a reason,
 * an approver and an expiry date. It is carried either on the resource (a cloud tag or a Kubernetes
 * annotation) or in the policy's pack config. A valid exception turns the violation into an advisory
 * note that names it; an expired or malformed one leaves the violation mandatory and is itself reported.
 */
import { ANNOTATION_PREFIX, CARRIED_VALUE, MAX_EXCEPTION_DAYS, MIN_REASON_LENGTH, TAG_PREFIX } from "../../core/exception-format";

export interface ControlException {
    readonly control: string;
    readonly reason: string;
    readonly approver: string;
    /** YYYY-MM-DD, inclusive. */
    readonly expires: string;
    /** Where it was found: "tag hardened-cluster-exception-HC-API-01", "pack config". */
    readonly source: string;
}

export type ExceptionCheck =
    | { readonly status: "valid"; readonly exception: ControlException }
    | { readonly status: "expired" | "malformed"; readonly problem: string; readonly source: string };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The tags / labels / annotations of a resource's props where exceptions may be carried. */
export function carriedEntries(props: Record<string, unknown>): { key: string; value: unknown; source: string }[] {
    const entries: { key: string; value: unknown; source: string }[] = [];
    const tags = props["tags"];
    if (tags && typeof tags === "object" && !Array.isArray(tags)) {
        for (const [key, value] of Object.entries(tags)) {
            if (key.startsWith(TAG_PREFIX)) entries.push({ key: key.slice(TAG_PREFIX.length), value, source: `tag ${key}` });
        }
    }
    const metadata = props["metadata"];
    const annotations = metadata && typeof metadata === "object" ? (metadata as Record<string, unknown>)["annotations"] : undefined;
    if (annotations && typeof annotations === "object") {
        for (const [key, value] of Object.entries(annotations)) {
            if (key.startsWith(ANNOTATION_PREFIX))
                entries.push({ key: key.slice(ANNOTATION_PREFIX.length), value, source: `annotation ${key}` });
        }
    }
    return entries;
}

export function parseCarried(control: string, value: unknown, source: string, asOf: Date): ExceptionCheck {
    if (typeof value !== "string") return { status: "malformed", problem: `${source} is not a string`, source };
    const match = CARRIED_VALUE.exec(value.trim());
    if (!match) {
        return { status: "malformed", problem: `${source} must read "expires=YYYY-MM-DD approver=<who> reason=<why>"`, source };
    }
    return checkException({ control, expires: match[1], approver: match[2], reason: match[3], source }, asOf);
}

/** Checks a config or carried exception's fields and dates. */
export function checkException(e: ControlException, asOf: Date): ExceptionCheck {
    const { source } = e;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(e.expires) || Number.isNaN(Date.parse(`${e.expires}T00:00:00Z`))) {
        return { status: "malformed", problem: `${source}: expires "${e.expires}" is not a YYYY-MM-DD date`, source };
    }
    if (!e.approver || e.approver.length < 3) {
        return { status: "malformed", problem: `${source}: an approver is required`, source };
    }
    if (!e.reason || e.reason.trim().length < MIN_REASON_LENGTH) {
        return { status: "malformed", problem: `${source}: a reason of at least ${MIN_REASON_LENGTH} characters is required`, source };
    }
    const expiresEnd = Date.parse(`${e.expires}T23:59:59Z`);
    if (expiresEnd < asOf.getTime()) {
        return { status: "expired", problem: `${source}: expired on ${e.expires} (approved by ${e.approver})`, source };
    }
    if (expiresEnd - asOf.getTime() > (MAX_EXCEPTION_DAYS + 1) * DAY_MS) {
        return {
            status: "malformed",
            problem: `${source}: expires ${e.expires}, more than ${MAX_EXCEPTION_DAYS} days away; exceptions are reviewed at least yearly`,
            source,
        };
    }
    return { status: "valid", exception: e };
}

/** Pack-config exceptions, listed under the policy's own config. */
export interface ConfigExceptionEntry {
    /** The resource's URN, or its logical name. */
    readonly resource: string;
    readonly reason: string;
    readonly approver: string;
    readonly expires: string;
}

export function configExceptionMatches(entry: ConfigExceptionEntry, urn: string, name: string): boolean {
    return entry.resource === urn || entry.resource === name || urn.endsWith(`::${entry.resource}`);
}

/** JSON schema of the `exceptions` config property every control policy accepts. */
export const EXCEPTIONS_CONFIG_SCHEMA = {
    type: "array" as const,
    description: "Reviewed exceptions to this policy: resource (URN or logical name), reason, approver, expires (YYYY-MM-DD).",
    items: {
        type: "object" as const,
        properties: {
            resource: { type: "string" as const },
            reason: { type: "string" as const, minLength: MIN_REASON_LENGTH },
            approver: { type: "string" as const, minLength: 3 },
            expires: { type: "string" as const, pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
        },
        required: ["resource", "reason", "approver", "expires"],
    },
    default: [],
};
