import { PlanResult } from "../plan";
import { ResourceNode, resourceTree } from "../tree";
import { findingLine, STATUS_LABEL } from "./shared";

/** The default, human-readable report: the resource tree by component, then compliance per control. */
export function renderText(plan: PlanResult): string {
    const lines: string[] = [];
    const { config, compliance } = plan;
    const customCount = plan.resources.filter((r) => r.custom).length;
    lines.push(`Offline plan of stack ${plan.stack} (${config.cloud}, ${config.environment}): ${customCount} resources would be created.`);
    lines.push("No cloud account or Pulumi CLI was used: resources were registered under mocks.", "");
    lines.push("Resources");
    const walk = (node: ResourceNode, depth: number) => {
        const r = node.resource;
        const marker = r.custom ? "" : " (component)";
        lines.push(`${"  ".repeat(depth + 1)}${r.type}  ${r.name}${marker}`);
        node.children.forEach((c) => walk(c, depth + 1));
    };
    resourceTree(plan.resources).forEach((n) => walk(n, 0));
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
    return lines.join("\n") + "\n";
}
