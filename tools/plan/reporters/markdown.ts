import { PlanResult } from "../plan";
import { countByType } from "../tree";
import { findingLine, stackHeading, STATUS_LABEL, versionSupportLines } from "./shared";

const ICON = { violation: "❌", "not-evaluated": "❔", advisory: "⚠️", waived: "📝", pass: "✅", "not-applicable": "➖" } as const;

function escapeCell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** A pull-request comment: verdict first, the per-control table, findings, then resource counts. */
export function renderMarkdown(plan: PlanResult): string {
    const { compliance } = plan;
    const verdict = compliance.mandatoryViolations > 0 ? "❌ blocked" : "✅ compliant";
    const lines: string[] = [
        `### hardened-cluster plan: \`${plan.stack}\` (${plan.cloud}, ${plan.environment}) ${verdict}`,
        "",
        `**${compliance.mandatoryViolations}** mandatory violation(s), ${compliance.advisoryViolations} advisory, ` +
            `${compliance.waived} waived, ${compliance.notEvaluated} not evaluated (pack config: \`${plan.policyConfig}\`).`,
        "",
        "**API reachability (preflight)**",
        "",
        ...plan.stacks.flatMap((planned) => [
            `- \`${stackHeading(planned)}\`: ${escapeCell(planned.reachability.summary)}`,
            ...planned.reachability.prerequisites.map((p) => `  - before the first run: ${escapeCell(p)}`),
            ...planned.reachability.warnings.map((w) => `  - ⚠️ ${escapeCell(w)}`),
        ]),
        "",
        `**Kubernetes version support** (as of ${plan.asOf})`,
        "",
        ...versionSupportLines(plan).map((line) => `- ${escapeCell(line)}`),
        ...plan.warnings.map((w) => `- ⚠️ **warning** \`${w.stack}\`: ${escapeCell(w.message)}`),
        "",
        "| Control | Title | Status | Findings |",
        "| --- | --- | --- | --- |",
    ];
    for (const c of compliance.controls) {
        if (c.status === "not-applicable") continue;
        lines.push(
            `| ${c.control.id} | ${escapeCell(c.control.title)} | ${ICON[c.status]} ${STATUS_LABEL[c.status]} | ${c.findings.length} |`,
        );
    }
    const findings = compliance.controls.flatMap((c) => c.findings);
    if (findings.length > 0) {
        lines.push("", "<details><summary>Findings</summary>", "");
        for (const f of findings) lines.push(`- \`${f.controlId}\` ${escapeCell(findingLine(f))}`);
        lines.push("", "</details>");
    }
    lines.push("", "<details><summary>Resources that would be created</summary>", "", "| Type | Count |", "| --- | --- |");
    for (const [type, n] of [...countByType(plan.resources)].sort()) lines.push(`| \`${type}\` | ${n} |`);
    lines.push("", "</details>", "");
    return lines.join("\n");
}
