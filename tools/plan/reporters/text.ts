import { PlanResult, PlanWarning } from "../plan";
import { ResourceNode, resourceTree } from "../tree";
import { findingLine, stackHeading, STATUS_LABEL, versionSupportLines } from "./shared";

const WARNING_KINDS: Record<PlanWarning["kind"], string> = {
    "kubernetes-version-support": "Kubernetes version support",
    "image-mirror": "image mirror",
};

/**
 * The default, human-readable report: the preflight (how the deployer reaches the API, what the first
 * run needs), the resource tree by stack and component, then compliance per control.
 */
export function renderText(plan: PlanResult): string {
    const lines: string[] = [];
    const { compliance } = plan;
    const customCount = plan.resources.filter((r) => r.custom).length;
    lines.push(`Offline plan of stack ${plan.stack} (${plan.cloud}, ${plan.environment}): ${customCount} resources would be created.`);
    if (plan.stacks.length > 1)
        lines.push(`Deployed as ${plan.stacks.length} stacks, in this order: ${plan.stacks.map((s) => s.stack).join(", ")}.`);
    lines.push("No cloud account or Pulumi CLI was used: resources were registered under mocks.", "");
    lines.push("API reachability (preflight)");
    for (const planned of plan.stacks) {
        lines.push(`  ${stackHeading(planned)}`, `    ${planned.reachability.summary}`);
        for (const p of planned.reachability.prerequisites) lines.push(`    - before the first run: ${p}`);
        for (const w of planned.reachability.warnings) lines.push(`    ! ${w}`);
    }
    lines.push("", `Kubernetes version support (as of ${plan.asOf})`);
    for (const line of versionSupportLines(plan)) lines.push(`  ${line}`);
    for (const w of plan.warnings) lines.push(`  WARNING ${w.stack}: ${w.message}`);
    lines.push("", "Resources");
    const walk = (node: ResourceNode, depth: number) => {
        const r = node.resource;
        const marker = r.custom ? "" : " (component)";
        lines.push(`${"  ".repeat(depth + 1)}${r.type}  ${r.name}${marker}`);
        node.children.forEach((c) => walk(c, depth + 1));
    };
    for (const planned of plan.stacks) {
        if (plan.stacks.length > 1) lines.push(`  [stack ${planned.stack}]`);
        resourceTree(planned.resources).forEach((n) => walk(n, 0));
    }
    lines.push("", `Compliance (pack config: ${plan.policyConfig})`);
    for (const c of compliance.controls) {
        if (c.status === "not-applicable") continue;
        lines.push(`  ${STATUS_LABEL[c.status].padEnd(13)} ${c.control.id.padEnd(11)} ${c.control.title}`);
        for (const f of c.findings) lines.push(`      - ${findingLine(f)}`);
    }
    const notApplicable = compliance.controls.filter((c) => c.status === "not-applicable").map((c) => c.control.id);
    if (notApplicable.length > 0) lines.push(`  Not applicable to this stack: ${notApplicable.join(", ")}`);
    lines.push(
        "",
        `Result: ${compliance.mandatoryViolations} mandatory violation(s), ${compliance.advisoryViolations} advisory, ` +
            `${compliance.waived} waived, ${compliance.notEvaluated} not evaluated.`,
    );
    if (plan.warnings.length > 0) {
        const kinds = [...new Set(plan.warnings.map((w) => WARNING_KINDS[w.kind]))].join(" and ");
        lines.push(`Warnings: ${plan.warnings.length} (no policy violation; see ${kinds}).`);
    }
    return lines.join("\n") + "\n";
}
