import * as gcp from "@pulumi/gcp";
import { ReportViolation, ResourceValidationArgs, validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

const ENFORCE = "PROJECT_SINGLETON_POLICY_ENFORCE";

const onCluster = validateResourceOfType(gcp.container.Cluster, (cluster, _args, report) => {
    const mode = cluster.binaryAuthorization?.evaluationMode;
    if (mode !== ENFORCE) {
        report(
            `binaryAuthorization.evaluationMode is ${mode ?? "unset"}, so any image can run; set binaryAuthorization { evaluationMode: "${ENFORCE}" }`,
        );
    }
});

interface RuleLike {
    readonly evaluationMode?: string;
    readonly enforcementMode?: string;
}

/** Modes that check something: deny outright, or demand an attestation. */
const BLOCKING_MODES = ["ALWAYS_DENY", "REQUIRE_ATTESTATION"];

function ruleProblem(where: string, rule: RuleLike | undefined, allowDryRun: boolean): string | undefined {
    if (!rule) return `${where} is not set`;
    if (rule.evaluationMode === "ALWAYS_ALLOW") return `${where}.evaluationMode is ALWAYS_ALLOW, which admits every image`;
    if (!BLOCKING_MODES.includes(rule.evaluationMode ?? ""))
        return `${where}.evaluationMode is ${rule.evaluationMode ?? "unset"}, which blocks nothing`;
    if (allowDryRun && rule.enforcementMode === "DRYRUN_AUDIT_LOG_ONLY") return undefined;
    if (rule.enforcementMode !== "ENFORCED_BLOCK_AND_AUDIT_LOG")
        return `${where}.enforcementMode is ${rule.enforcementMode ?? "unset"}, so violations are only logged`;
    return undefined;
}

const onPolicy = validateResourceOfType(gcp.binaryauthorization.Policy, (policy, args, report) => {
    const allowDryRun = args.getConfig<{ allowDryRun?: boolean }>().allowDryRun === true;
    const problems = [
        ruleProblem("defaultAdmissionRule", policy.defaultAdmissionRule, allowDryRun),
        ...(policy.clusterAdmissionRules ?? []).map((rule) => ruleProblem(`clusterAdmissionRules[${rule.cluster}]`, rule, allowDryRun)),
    ].filter((p): p is string => p !== undefined);
    for (const problem of problems) {
        report(
            `${problem}; use ALWAYS_DENY or REQUIRE_ATTESTATION with enforcementMode ENFORCED_BLOCK_AND_AUDIT_LOG and allow trusted registries by admissionWhitelistPatterns`,
        );
    }
});

/**
 * HC-SUP-01 (CIS GKE 5.10.5). The cluster enforces the project's Binary Authorization policy, and when
 * that policy is in the stack it must block: an enforced ALWAYS_ALLOW policy (Google's default) or a
 * dry-run rule admits everything (accepted only with the pack config's allowDryRun, dev).
 */
export const gkeClusterRequireBinaryAuthorization = controlResourcePolicy({
    name: "gcp-gke-cluster-require-binary-authorization",
    controlId: "HC-SUP-01",
    description: "GKE enforces the project's Binary Authorization policy, and that policy blocks untrusted images.",
    configProperties: {
        allowDryRun: {
            type: "boolean",
            default: false,
            description: "Accept DRYRUN_AUDIT_LOG_ONLY rules (dev: violations are logged, not blocked).",
        },
    },
    validateResource: (args: ResourceValidationArgs, report: ReportViolation) =>
        args.isType(gcp.container.Cluster) ? onCluster(args, report) : onPolicy(args, report),
});
