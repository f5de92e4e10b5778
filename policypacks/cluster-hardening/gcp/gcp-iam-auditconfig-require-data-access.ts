import { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";

/** The Kubernetes API's audit logs are Cloud Audit Logs of this service (or of every service). */
export const AUDITED_SERVICES = ["container.googleapis.com", "allServices"];
export const REQUIRED_LOG_TYPES = ["ADMIN_READ", "DATA_READ", "DATA_WRITE"];

const AUDIT_CONFIG_TYPES = [
    "gcp:projects/iAMAuditConfig:IAMAuditConfig",
    "gcp:folder/iamAuditConfig:IamAuditConfig",
    "gcp:organizations/iamAuditConfig:IamAuditConfig",
];
const POLICY_TYPES = ["gcp:projects/iAMPolicy:IAMPolicy", "gcp:folder/iAMPolicy:IAMPolicy", "gcp:organizations/iAMPolicy:IAMPolicy"];
const CLUSTER_TYPE = "gcp:container/cluster:Cluster";

interface LogConfig {
    readonly logType?: string;
    readonly exemptedMembers?: readonly string[];
}

interface AuditConfig {
    readonly service?: string;
    readonly auditLogConfigs?: readonly LogConfig[];
}

/** One audit config for a relevant service, and the resource that declares it. */
interface Found {
    readonly resource: PolicyResource;
    readonly where: string;
    readonly config: AuditConfig;
}

function auditConfigsOf(resource: PolicyResource): { where: string; config: AuditConfig }[] {
    if (AUDIT_CONFIG_TYPES.includes(resource.type)) return [{ where: "auditLogConfigs", config: resource.props as AuditConfig }];
    if (!POLICY_TYPES.includes(resource.type)) return [];
    const data = (resource.props as { policyData?: unknown }).policyData;
    if (typeof data !== "string") return [];
    try {
        const parsed = JSON.parse(data) as { auditConfigs?: AuditConfig[] };
        return (Array.isArray(parsed.auditConfigs) ? parsed.auditConfigs : []).map((config, i) => ({
            where: `policyData.auditConfigs[${i}]`,
            config,
        }));
    } catch {
        // Not JSON: gcp-iam-grant-deny-admin-roles reports it.
        return [];
    }
}

function check(args: StackValidationArgs, report: (message: string, urn?: string) => void): void {
    const found: Found[] = args.resources.flatMap((resource) =>
        auditConfigsOf(resource)
            .filter((c) => AUDITED_SERVICES.includes(c.config.service ?? ""))
            .map((c) => ({ resource, ...c })),
    );
    const hasCluster = args.resources.some((r) => r.type === CLUSTER_TYPE);
    if (!hasCluster && found.length === 0) return args.notApplicable("no GKE cluster and no audit config for its API");

    // Exemptions: the exempted principals' reads and writes of Kubernetes objects go unrecorded.
    for (const f of found) {
        for (const log of f.config.auditLogConfigs ?? []) {
            const exempted = (log.exemptedMembers ?? []).filter((m) => m.trim() !== "");
            if (exempted.length > 0) {
                report(
                    `${f.resource.name}: ${f.where} for ${f.config.service} exempts ${exempted.join(", ")} from ${log.logType ?? "its"} audit logs, so what they read and change in the cluster is not recorded; remove exemptedMembers`,
                    f.resource.urn,
                );
            }
        }
    }
    if (!hasCluster) return;
    // Configs for one service and for allServices add up.
    const enabled = new Set(found.flatMap((f) => (f.config.auditLogConfigs ?? []).map((l) => (l.logType ?? "").toUpperCase())));
    const missing = REQUIRED_LOG_TYPES.filter((t) => !enabled.has(t));
    if (missing.length === 0) return;
    if (found.length === 0) {
        report(
            `the stack has a GKE cluster but no Data Access audit config for container.googleapis.com (or allServices), so reads and writes of Kubernetes objects (Secrets included) are not recorded; add a gcp.projects.IAMAuditConfig { service: "container.googleapis.com", auditLogConfigs: [ADMIN_READ, DATA_READ, DATA_WRITE] }`,
        );
        return;
    }
    const target = found.find((f) => f.config.service === AUDITED_SERVICES[0]) ?? found[0];
    report(
        `${target.resource.name}: the audit configs for ${AUDITED_SERVICES.join(" / ")} enable [${[...enabled].filter((t) => t !== "").join(", ")}], missing ${missing.join(", ")}; add them to ${target.where}`,
        target.resource.urn,
    );
}

/**
 * HC-AUD-03. With a GKE cluster in the stack, Cloud Audit Logs record Data Access for the Kubernetes
 * API: ADMIN_READ, DATA_READ and DATA_WRITE for container.googleapis.com or allServices (the two add
 * up), from a project, folder or organization IAMAuditConfig or the auditConfigs of an IAMPolicy, and
 * nobody is exempted. Admin Activity logs are always on; Data Access logs, the record of who read which
 * Secret, are off until configured.
 */
export const iamAuditConfigRequireDataAccess = controlStackPolicy({
    name: "gcp-iam-auditconfig-require-data-access",
    controlId: "HC-AUD-03",
    description:
        "Data Access audit logs (ADMIN_READ, DATA_READ, DATA_WRITE) are on for container.googleapis.com or allServices, with no exempted members.",
    remediationSteps:
        'Add gcp.projects.IAMAuditConfig { service: "container.googleapis.com", auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }] } and exempt nobody.',
    validateStack: check,
});
