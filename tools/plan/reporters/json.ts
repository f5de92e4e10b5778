import { PlanResult } from "../plan";

/** Machine-readable report: resources, per-control summary and every non-passing outcome. */
export function jsonReport(plan: PlanResult) {
    const { compliance } = plan;
    const report = {
        stack: plan.stack,
        cloud: plan.cloud,
        environment: plan.environment,
        policyConfig: plan.policyConfig,
        stacks: plan.stacks.map((s) => ({
            stack: s.stack,
            layer: s.reachability.layer,
            reachability: {
                path: s.reachability.path,
                summary: s.reachability.summary,
                prerequisites: s.reachability.prerequisites,
                warnings: s.reachability.warnings,
            },
            kubernetesSupport: s.kubernetesSupport ?? null,
            resourceCount: s.resources.filter((r) => r.custom).length,
        })),
        asOf: plan.asOf,
        warnings: plan.warnings,
        resources: plan.resources.map((r) => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent ?? null,
            custom: r.custom,
            stack: r.stack ?? plan.stack,
        })),
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
                stack: f.stack ?? plan.stack,
                message: f.message ?? null,
            })),
        })),
        result: {
            mandatoryViolations: compliance.mandatoryViolations,
            advisoryViolations: compliance.advisoryViolations,
            waived: compliance.waived,
            notEvaluated: compliance.notEvaluated,
            warnings: plan.warnings.length,
        },
    };
    return report;
}

export function renderJson(plans: readonly PlanResult[]): string {
    const reports = plans.map(jsonReport);
    return JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2) + "\n";
}
