import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { need, read } from "./unknowns";

const ENFORCED = "ENFORCED_BLOCK_AND_AUDIT_LOG";
const DRY_RUN = "DRYRUN_AUDIT_LOG_ONLY";

interface AttestationRule {
    readonly evaluationMode?: string;
    readonly enforcementMode?: string;
    readonly requireAttestationsBies?: readonly string[];
}

/** What is wrong with one admission rule, or undefined; the attestor list may be unknown (preview) but its length is not. */
function ruleProblem(where: string, rule: AttestationRule | undefined, allowDryRun: boolean): string | undefined {
    if (!rule) return `${where} is not set, so no image needs an attestation`;
    if (rule.evaluationMode !== "REQUIRE_ATTESTATION")
        return `${where}.evaluationMode is ${rule.evaluationMode ?? "unset"}, so no signature is checked`;
    const attestors = need(read(() => (rule.requireAttestationsBies ?? []).length));
    if (attestors === 0) return `${where}.requireAttestationsBies is empty, so no attestor verifies a signature`;
    if (rule.enforcementMode === ENFORCED || (allowDryRun && rule.enforcementMode === DRY_RUN)) return undefined;
    return `${where}.enforcementMode is ${rule.enforcementMode ?? "unset"}, so unattested images still run`;
}

/**
 * HC-SUP-01 (CIS GKE 5.10.5). The project's Binary Authorization policy admits only images attested by
 * at least one attestor, a signature the release pipeline made over the image's digest, in every
 * admission rule and enforced (a dry run only with the pack config's allowDryRun, dev). Allow-list
 * patterns exempt images from every rule, so none may be listed: the images they match would run
 * without a signature check. A registry allow-list alone (ALWAYS_DENY plus patterns) verifies nothing.
 */
export const binaryAuthorizationPolicyRequireAttestor = controlResourcePolicy({
    name: "gcp-binaryauthorization-policy-require-attestor",
    controlId: "HC-SUP-01",
    description:
        "The Binary Authorization policy requires attestations from at least one attestor in every rule, enforced, and exempts no image through an allow-list.",
    remediationSteps:
        'Set defaultAdmissionRule { evaluationMode: "REQUIRE_ATTESTATION", requireAttestationsBies: [<attestor id>], enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" } and remove admissionWhitelistPatterns; sign releases with the attestor\'s key.',
    configProperties: {
        allowDryRun: {
            type: "boolean",
            default: false,
            description: "Accept DRYRUN_AUDIT_LOG_ONLY rules (dev: unattested images are logged, not blocked).",
        },
    },
    validateResource: validateResourceOfType(gcp.binaryauthorization.Policy, (policy, args, report) => {
        const allowDryRun = args.getConfig<{ allowDryRun?: boolean }>().allowDryRun === true;
        const problems = [
            ruleProblem("defaultAdmissionRule", policy.defaultAdmissionRule, allowDryRun),
            ...(policy.clusterAdmissionRules ?? []).map((rule) => ruleProblem(`clusterAdmissionRules[${rule.cluster}]`, rule, allowDryRun)),
        ].filter((p): p is string => p !== undefined);
        for (const problem of problems) {
            report(
                `${problem}; set evaluationMode REQUIRE_ATTESTATION with at least one attestor in requireAttestationsBies, enforcementMode ${ENFORCED}`,
            );
        }
        (policy.admissionWhitelistPatterns ?? []).forEach((entry, i) => {
            report(
                `admissionWhitelistPatterns[${i}].namePattern "${entry.namePattern}" admits matching images without an attestation; remove it and attest those images instead`,
            );
        });
    }),
});
