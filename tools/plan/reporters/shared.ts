import { Outcome } from "../../policy/evaluate";
import { PlannedStack, PlanResult } from "../plan";
import { supportSummary } from "../version-support";
import { ControlStatus } from "../summary";

export const STATUS_LABEL: Readonly<Record<ControlStatus, string>> = {
    violation: "VIOLATION",
    "not-evaluated": "NOT EVALUATED",
    advisory: "ADVISORY",
    waived: "WAIVED",
    pass: "PASS",
    "not-applicable": "n/a",
};

/** The last part of a URN (type::name), short enough for a report line. */
export function shortUrn(urn: string | undefined): string {
    if (!urn) return "(stack)";
    const parts = urn.split("::");
    const type = parts[2]?.split("$").pop() ?? "";
    return `${type}::${parts[3] ?? ""}`;
}

export function findingLine(o: Outcome): string {
    const level = o.status === "violation" ? o.enforcementLevel : o.status;
    return `${o.policy} [${level}] ${shortUrn(o.urn)}: ${o.message ?? ""}`;
}

/** One planned stack's layer and route, e.g. "aws-prod (layer cluster, separate-baseline-stack)". */
export function stackHeading(planned: PlannedStack): string {
    return `${planned.stack} (layer ${planned.reachability.layer}, ${planned.reachability.path})`;
}

/** Per planned stack that knows its cluster's version: "aws-dev: Kubernetes 1.34 on aws: standard support until ...". */
export function versionSupportLines(plan: PlanResult): string[] {
    return plan.stacks.flatMap((planned) =>
        planned.kubernetesSupport ? [`${planned.stack}: ${supportSummary(planned.kubernetesSupport)}`] : [],
    );
}
