import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-SUP-05. The registry's scanning is ENHANCED (Amazon Inspector: OS and language packages, re-checked as new
 * CVEs are published) with a CONTINUOUS_SCAN rule whose wildcard filter "*" covers every repository. BASIC scanning
 * (and per-repository scanOnPush, which is basic) checks an image once, at push, for OS packages only.
 */
export const awsEcrRegistryscanningRequireEnhanced = controlResourcePolicy({
    name: "aws-ecr-registryscanning-require-enhanced",
    controlId: "HC-SUP-05",
    description: 'The ECR registry scanning configuration is ENHANCED with a CONTINUOUS_SCAN rule for every repository ("*").',
    remediationSteps:
        'Set scanType "ENHANCED" and a rule { scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }.',
    validateResource: validateResourceOfType(aws.ecr.RegistryScanningConfiguration, (scanning, _args, report) => {
        if (scanning.scanType !== "ENHANCED") {
            report(
                `scanType is ${scanning.scanType ?? "unset"}: basic scanning checks an image once, at push; set scanType "ENHANCED" (Amazon Inspector, continuous)`,
            );
            return;
        }
        const rules = scanning.rules ?? [];
        const coversAll = rules.some(
            (r) =>
                r.scanFrequency === "CONTINUOUS_SCAN" &&
                (r.repositoryFilters ?? []).some((f) => f.filter === "*" && f.filterType === "WILDCARD"),
        );
        if (!coversAll) {
            const found = rules
                .map((r) => `${r.scanFrequency} [${(r.repositoryFilters ?? []).map((f) => f.filter).join(", ")}]`)
                .join("; ");
            report(
                `no CONTINUOUS_SCAN rule covers every repository (rules: ${found || "none"}), so some images are scanned once or never; add a rule { scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }`,
            );
        }
    }),
});
