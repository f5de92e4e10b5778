import { formatCarriedException } from "../../../core/exception-format";

/** A YYYY-MM-DD date `days` from today (exceptions are judged against today's date). */
export function inDays(days: number): string {
    return new Date(Date.now() + days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** A well-formed exception value, valid for about half a year. */
export function validException(reason = "reviewed with the platform team until the Q3 migration"): string {
    return formatCarriedException({ expires: inDays(180), approver: "jane.doe@example.com", reason });
}

/** An exception that expired long ago. */
export const EXPIRED_EXCEPTION = formatCarriedException({
    expires: "2020-01-31",
    approver: "jane.doe@example.com",
    reason: "temporary access for the 2019 migration",
});

/** An exception without its approver: malformed. */
export function exceptionWithoutApprover(): string {
    return `expires=${inDays(90)} reason=temporary access for the migration`;
}

/** A sha256 digest-shaped suffix for image references. */
export const DIGEST = `@sha256:${"0123456789abcdef".repeat(4)}`;
