import { CONTROLS, Control } from "../../policypacks/controls";
import { Outcome } from "../policy/evaluate";

/**
 * The compliance view of an evaluation: one line per control. A control's status is the worst of its
 * outcomes: a mandatory violation, then anything not evaluated (unknown during preview), then advisory
 * violations, waivers and passes. A control none of whose policies applies to the stack (another
 * cloud's) is "not-applicable".
 */
export const CONTROL_STATUSES = ["violation", "not-evaluated", "advisory", "waived", "pass", "not-applicable"] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

export interface ControlSummary {
    readonly control: Control;
    readonly status: ControlStatus;
    readonly counts: Readonly<Record<"pass" | "violation" | "advisory" | "waived" | "notEvaluated", number>>;
    /** Everything but passes, for the report's details. */
    readonly findings: readonly Outcome[];
}

export interface ComplianceResult {
    readonly controls: readonly ControlSummary[];
    readonly mandatoryViolations: number;
    readonly advisoryViolations: number;
    readonly waived: number;
    readonly notEvaluated: number;
}

export function summarize(outcomes: readonly Outcome[]): ComplianceResult {
    const byControl = new Map<string, Outcome[]>();
    for (const o of outcomes) {
        const list = byControl.get(o.controlId) ?? [];
        list.push(o);
        byControl.set(o.controlId, list);
    }
    const controls = CONTROLS.map((control) => summarizeControl(control, byControl.get(control.id) ?? []));
    const count = (pred: (o: Outcome) => boolean) => outcomes.filter(pred).length;
    return {
        controls,
        mandatoryViolations: count((o) => o.status === "violation" && o.enforcementLevel === "mandatory"),
        advisoryViolations: count((o) => o.status === "violation" && o.enforcementLevel !== "mandatory"),
        waived: count((o) => o.status === "waived"),
        notEvaluated: count((o) => o.status === "not-evaluated"),
    };
}

function summarizeControl(control: Control, outcomes: readonly Outcome[]): ControlSummary {
    const counts = { pass: 0, violation: 0, advisory: 0, waived: 0, notEvaluated: 0 };
    for (const o of outcomes) {
        if (o.status === "pass") counts.pass++;
        else if (o.status === "waived") counts.waived++;
        else if (o.status === "not-evaluated") counts.notEvaluated++;
        else if (o.enforcementLevel === "mandatory") counts.violation++;
        else counts.advisory++;
    }
    const status: ControlStatus =
        counts.violation > 0
            ? "violation"
            : counts.notEvaluated > 0
              ? "not-evaluated"
              : counts.advisory > 0
                ? "advisory"
                : counts.waived > 0
                  ? "waived"
                  : counts.pass > 0
                    ? "pass"
                    : "not-applicable";
    return { control, status, counts, findings: outcomes.filter((o) => o.status !== "pass") };
}
