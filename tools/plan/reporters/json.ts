import { PlanResult } from "../plan";

/** Machine-readable report: resources, per-control summary and every non-passing outcome. */
export function jsonReport(plan: PlanResult) {
    const { compliance } = plan;
    const report = {
        stack: plan.stack,
        cloud: plan.config.cloud,
        environment: plan.config.environment,
        policyConfig: plan.policyConfig,
        resources: plan.resources.map((r) => ({ urn: r.urn, type: r.type, name: r.name, parent: r.parent ?? null, custom: r.custom })),
        controls: compliance.controls.map((c) => ({
            id: c.control.id,
            title: c.control.title,
            severity: c.control.severity,
            status: c.status,
            counts: c.counts,
            findings: c.findings.map((f) => ({
                policy: f.policy,
                status: f.status,
                enforcementLevel: f.enforcementLevel,
                urn: f.urn ?? null,
                message: f.message ?? null,
            })),
        })),
        result: {
            mandatoryViolations: compliance.mandatoryViolations,
            advisoryViolations: compliance.advisoryViolations,
            waived: compliance.waived,
            notEvaluated: compliance.notEvaluated,
        },
    };
    return report;
}

export function renderJson(plans: readonly PlanResult[]): string {
    const reports = plans.map(jsonReport);
    return JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + "\n";
}
