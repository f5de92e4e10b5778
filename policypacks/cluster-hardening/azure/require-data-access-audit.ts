import * as containerservice from "@pulumi/azure-native/containerservice";
import * as monitor from "@pulumi/azure-native/monitor";
import { controlStackPolicy } from "../../lib/define";
import { PolicyResource } from "@pulumi/policy";

/** The AKS audit category with read events (get, list, watch); kube-audit-admin leaves them out. */
export const READ_AUDIT_CATEGORY = "kube-audit";
const WRITE_AUDIT_CATEGORY = "kube-audit-admin";

interface LogSetting {
    readonly category?: string;
    readonly categoryGroup?: string;
    readonly enabled?: boolean;
}

/**
 * Audit categories a diagnostic setting enables. The "allLogs" and "audit" category groups count as
 * carrying kube-audit, as azure-aks-stack-require-audit-diagnostics reads them (to verify on a real
 * cluster: which categories the "audit" group selects is Azure's to define).
 */
function auditCategories(setting: PolicyResource): Set<string> {
    const logs: readonly LogSetting[] = (setting.props["logs"] as LogSetting[] | undefined) ?? [];
    const found = new Set<string>();
    for (const log of logs) {
        if (log.enabled !== true) continue;
        if (log.category === READ_AUDIT_CATEGORY || log.category === WRITE_AUDIT_CATEGORY) found.add(log.category);
        if (log.categoryGroup === "allLogs" || log.categoryGroup === "audit") found.add(READ_AUDIT_CATEGORY);
    }
    return found;
}

/**
 * HC-AUD-03 (CIS AKS 2.1.1): every AKS cluster ships the full `kube-audit` category, which records reads
 * (who listed or read which Secret), to Log Analytics. `kube-audit-admin`, the cheaper subset, drops
 * get/list/watch. Pack config `requireReadEvents` (default true) can accept kube-audit-admin for a stack
 * that chooses the cheaper subset; the blueprint ships kube-audit in every environment, so every shipped
 * environment keeps the default.
 */
export const azureAksStackRequireDataAccessAudit = controlStackPolicy({
    name: "azure-aks-stack-require-data-access-audit",
    controlId: "HC-AUD-03",
    description:
        "Every AKS cluster's diagnostic settings ship the kube-audit category (reads included), not only kube-audit-admin, where requireReadEvents is on.",
    remediationSteps:
        'Enable { category: "kube-audit", enabled: true } (or the "audit" / "allLogs" category group) in the cluster\'s monitor.DiagnosticSetting.',
    configProperties: {
        requireReadEvents: {
            type: "boolean",
            default: true,
            description: "Require kube-audit (reads included). False accepts kube-audit-admin (writes only).",
        },
    },
    validateStack: (args, report) => {
        const clusters = args.resources.filter((r) => r.isType(containerservice.ManagedCluster));
        if (clusters.length === 0) args.notApplicable("no AKS cluster in this stack");
        const { requireReadEvents } = args.getConfig<{ requireReadEvents: boolean }>();
        const accepted = requireReadEvents ? [READ_AUDIT_CATEGORY] : [READ_AUDIT_CATEGORY, WRITE_AUDIT_CATEGORY];
        const shipped = new Map<string, Set<string>>();
        for (const setting of args.resources.filter((r) => r.isType(monitor.DiagnosticSetting))) {
            const categories = auditCategories(setting);
            for (const target of setting.propertyDependencies["resourceUri"] ?? []) {
                const seen = shipped.get(target.urn) ?? new Set<string>();
                categories.forEach((c) => seen.add(c));
                shipped.set(target.urn, seen);
            }
        }
        for (const cluster of clusters) {
            const categories = shipped.get(cluster.urn) ?? new Set<string>();
            if (accepted.some((c) => categories.has(c))) continue;
            const now = categories.size === 0 ? "no audit category" : `[${[...categories].sort().join(", ")}]`;
            report(
                `AKS cluster ${cluster.name}'s diagnostic settings ship ${now}, so reads of Secrets and other objects (get, list, watch) are not audited; enable the ${accepted.join(" or ")} category`,
                cluster.urn,
            );
        }
    },
});
