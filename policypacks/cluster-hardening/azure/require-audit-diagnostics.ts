import * as containerservice from "@pulumi/azure-native/containerservice";
import * as monitor from "@pulumi/azure-native/monitor";
import { PolicyResource } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";

/** Either audit category satisfies the control: kube-audit-admin omits get/list, kube-audit has all. */
export const AUDIT_CATEGORIES = ["kube-audit", "kube-audit-admin"] as const;
export const API_SERVER_CATEGORY = "kube-apiserver";

interface LogSetting {
    readonly category?: string;
    readonly categoryGroup?: string;
    readonly enabled?: boolean;
}

/** Enabled categories of a diagnostic setting; "allLogs" covers everything, the "audit" group the audit logs. */
function enabledCategories(setting: PolicyResource): Set<string> {
    const logs: readonly LogSetting[] = (setting.props["logs"] as LogSetting[] | undefined) ?? [];
    const categories = new Set<string>();
    for (const log of logs) {
        if (log.enabled !== true) continue;
        if (log.category) categories.add(log.category);
        if (log.categoryGroup === "allLogs") [...AUDIT_CATEGORIES, API_SERVER_CATEGORY].forEach((c) => categories.add(c));
        if (log.categoryGroup === "audit") AUDIT_CATEGORIES.forEach((c) => categories.add(c));
    }
    return categories;
}

export const azureAksStackRequireAuditDiagnostics = controlStackPolicy({
    name: "azure-aks-stack-require-audit-diagnostics",
    controlId: "HC-AUD-01",
    description:
        "Every AKS cluster has a diagnostic setting (resourceUri = the cluster) that ships kube-audit or kube-audit-admin and kube-apiserver logs.",
    remediationSteps:
        'Add a monitor.DiagnosticSetting with resourceUri: cluster.id and logs [{ category: "kube-audit-admin", enabled: true }, { category: "kube-apiserver", enabled: true }] to a Log Analytics workspace.',
    validateStack: (args, report) => {
        const clusters = args.resources.filter((r) => r.isType(containerservice.ManagedCluster));
        if (clusters.length === 0) args.notApplicable("no AKS cluster in this stack");
        // One pass over the diagnostic settings, keyed by the URN their resourceUri depends on.
        const shipped = new Map<string, Set<string>>();
        for (const r of args.resources) {
            if (!r.isType(monitor.DiagnosticSetting)) continue;
            const targets = r.propertyDependencies["resourceUri"] ?? [];
            if (!targets.some((t) => t.isType(containerservice.ManagedCluster))) continue;
            const categories = enabledCategories(r);
            for (const target of targets) {
                const seen = shipped.get(target.urn) ?? new Set<string>();
                categories.forEach((c) => seen.add(c));
                shipped.set(target.urn, seen);
            }
        }
        for (const cluster of clusters) {
            const categories = shipped.get(cluster.urn);
            if (!categories) {
                report(
                    `AKS cluster ${cluster.name} has no diagnostic setting whose resourceUri is the cluster, so its audit log never leaves the control plane; add one shipping kube-audit-admin and kube-apiserver to Log Analytics`,
                    cluster.urn,
                );
                continue;
            }
            const missing: string[] = [];
            if (!AUDIT_CATEGORIES.some((c) => categories.has(c))) missing.push("kube-audit or kube-audit-admin");
            if (!categories.has(API_SERVER_CATEGORY)) missing.push(API_SERVER_CATEGORY);
            if (missing.length > 0) {
                report(
                    `AKS cluster ${cluster.name}'s diagnostic settings ship [${[...categories].sort().join(", ")}] but not ${missing.join(" and ")}; enable ${missing.join(" and ")}`,
                    cluster.urn,
                );
            }
        }
    },
});
