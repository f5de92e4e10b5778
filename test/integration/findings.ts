/** One thing the real API server did that the stack's intent says it must not (or did not do that it must). */
export interface Finding {
    /** The check that found it: apply, pod-security, admission, rbac, quota. */
    readonly check: string;
    /** What was probed: an object, a group, a namespace. */
    readonly subject: string;
    readonly problem: string;
}

/** Findings as readable lines, so a failing expectation prints what went wrong. */
export function describeFindings(findings: readonly Finding[]): string[] {
    return findings.map((f) => `${f.check}: ${f.subject}: ${f.problem}`);
}

/** A check's result: its findings, and how many probes it ran (a check that ran nothing proves nothing). */
export interface CheckResult {
    readonly findings: Finding[];
    readonly probes: number;
}
