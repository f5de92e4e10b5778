import * as gcp from "@pulumi/gcp";
import { validateResourceOfType } from "@pulumi/policy";
import { registryPrefixes } from "../../../core/admission-cel";
import { controlResourcePolicy } from "../../lib/define";
import { TRUSTED_REGISTRIES_CONFIG } from "../../lib/trusted-registries-config";

/**
 * The literal part of an allow-list pattern: what comes before its first wildcard. Binary Authorization
 * allows a trailing "*" (one path segment) or "**" (any depth) after the registry; whatever the literal
 * part is, every image name that starts with it is admitted.
 */
export function literalPrefix(namePattern: string): string {
    const star = namePattern.indexOf("*");
    return star < 0 ? namePattern : namePattern.slice(0, star);
}

/**
 * True when every image the pattern admits comes from a trusted registry: its literal part starts with
 * one of the trusted prefixes, closed the way the admission policy closes them ("ghcr.io/acme" admits
 * "ghcr.io/acme/x" but not "ghcr.io/acme-evil/x"). A pattern without a wildcard names one image.
 */
export function patternIsTrusted(namePattern: string, trustedRegistries: readonly string[]): boolean {
    const literal = literalPrefix(namePattern.trim());
    return literal !== "" && registryPrefixes(trustedRegistries).some((p) => literal.startsWith(p));
}

/**
 * HC-SUP-02 (CIS GKE 5.1.4, 5.10.4). The project's Binary Authorization allow-list
 * (admissionWhitelistPatterns) admits images without any other check, so it may only name the
 * trusted registries: the pack config's `trustedRegistries`, the same list the kubernetes-hardening
 * pack holds. An empty list trusts nothing (fail closed) until the organisation names its registries.
 */
export const binaryAuthorizationPolicyRestrictAllowlist = controlResourcePolicy({
    name: "gcp-binaryauthorization-policy-restrict-allowlist",
    controlId: "HC-SUP-02",
    description:
        "The Binary Authorization policy's allow-list admits only images under the trusted registries (pack config trustedRegistries).",
    remediationSteps:
        "Keep in admissionWhitelistPatterns only <trusted registry prefix>/** patterns; add a registry to trustedRegistries in the pack config after review.",
    configProperties: TRUSTED_REGISTRIES_CONFIG,
    validateResource: validateResourceOfType(gcp.binaryauthorization.Policy, (policy, args, report) => {
        const trusted = args.getConfig<{ trustedRegistries?: string[] }>().trustedRegistries ?? [];
        (policy.admissionWhitelistPatterns ?? []).forEach((entry, i) => {
            const pattern = entry.namePattern ?? "";
            if (patternIsTrusted(pattern, trusted)) return;
            const allowed =
                trusted.length > 0
                    ? `trusted registries are ${trusted.join(", ")}`
                    : "no trusted registries are configured: set trustedRegistries in the cluster-hardening pack config";
            report(
                `admissionWhitelistPatterns[${i}].namePattern "${pattern}" admits images from outside the trusted registries without any check; ${allowed}. Remove the pattern or narrow it to <trusted registry>/**`,
            );
        });
    }),
});
