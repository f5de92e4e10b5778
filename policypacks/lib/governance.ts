import { ResourceValidationPolicy } from "@pulumi/policy";
import { controlById } from "../controls";
import { evaluationDate } from "./clock";
import { carriedEntries, parseCarried } from "./exceptions";
import { requireControl } from "./define";

/**
 * HC-GOV-01: every exception carried on a resource must name a known control and be well formed and
 * current. This policy cannot itself be waived. Config exceptions are checked by the CLI against each
 * policy's config schema and by the policy that reads them.
 */
export function exceptionsRequireValidPolicy(name: string): ResourceValidationPolicy {
    const control = requireControl("HC-GOV-01");
    return {
        name,
        description: `[${control.id}] Exceptions carried on resources name a known control, a reason, an approver and an expiry within a year.`,
        severity: control.severity,
        tags: [control.id, ...control.themes],
        validateResource: (args, report) => {
            const entries = carriedEntries(args.props);
            if (entries.length === 0) return;
            const asOf = evaluationDate();
            for (const entry of entries) {
                if (!controlById(entry.key)) {
                    report(`[${control.id}] ${entry.source} names no known control ("${entry.key}")`);
                    continue;
                }
                const check = parseCarried(entry.key, entry.value, entry.source, asOf);
                if (check.status !== "valid") report(`[${control.id}] ${check.status} exception: ${check.problem}`);
            }
        },
    };
}
