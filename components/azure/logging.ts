import * as monitor from "@pulumi/azure-native/monitor";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import * as pulumi from "@pulumi/pulumi";
import { AzurePlacement } from "./context";

export interface AuditWorkspaceArgs extends AzurePlacement {
    readonly clusterName: string;
    /** config.logRetentionDays (HC-AUD-02). */
    readonly retentionInDays: number;
    /** Protect and retain the workspace: it holds the audit trail (config.deletionProtection). */
    readonly deletionProtection: boolean;
}

/** The Log Analytics workspace for audit logs, Container Insights and Defender (HC-AUD-01/02). */
export function createAuditWorkspace(
    name: string,
    args: AuditWorkspaceArgs,
    opts: pulumi.CustomResourceOptions,
): operationalinsights.Workspace {
    return new operationalinsights.Workspace(
        `${name}-logs`,
        {
            resourceGroupName: args.resourceGroupName,
            location: args.location,
            tags: { ...args.tags },
            workspaceName: `log-${args.clusterName}`,
            sku: { name: "PerGB2018" },
            retentionInDays: args.retentionInDays,
            // Readers of the cluster's logs need rights on the cluster, not on the whole workspace.
            features: { enableLogAccessUsingOnlyResourcePermissions: true },
        },
        { ...opts, protect: args.deletionProtection, retainOnDelete: args.deletionProtection },
    );
}

/**
 * Control-plane log categories shipped to the workspace (HC-AUD-01, HC-AUD-03). Every environment keeps
 * the full `kube-audit` (reads included: who read which Secret matters after a breach in dev as much as
 * in prod), not the cheaper `kube-audit-admin`, which drops get/list/watch.
 */
export function auditLogCategories(): string[] {
    return ["kube-audit", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "cluster-autoscaler", "guard"];
}

export interface AuditDiagnosticsArgs {
    readonly clusterId: pulumi.Input<string>;
    readonly workspaceId: pulumi.Input<string>;
}

/** The cluster's diagnostic setting: control-plane logs to the workspace (HC-AUD-01). */
export function createAuditDiagnostics(
    name: string,
    args: AuditDiagnosticsArgs,
    opts: pulumi.CustomResourceOptions,
): monitor.DiagnosticSetting {
    return new monitor.DiagnosticSetting(
        `${name}-audit`,
        {
            name: "control-plane-audit",
            resourceUri: args.clusterId,
            workspaceId: args.workspaceId,
            // Resource-specific tables (AKSAudit, AKSControlPlane...) instead of the shared AzureDiagnostics.
            logAnalyticsDestinationType: "Dedicated",
            logs: auditLogCategories().map((category) => ({ category, enabled: true })),
        },
        opts,
    );
}
