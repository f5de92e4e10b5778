/**
 * The date exceptions are judged against. The CLI always uses the real clock; the offline plan's
 * `--as-of` and the tests fix it so that a report can be reproduced later.
 */
let fixed: Date | undefined;

export function evaluationDate(): Date {
    return fixed ?? new Date();
}

export function fixEvaluationDate(date: Date | undefined): void {
    fixed = date;
}
