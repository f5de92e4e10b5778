import * as security from "@pulumi/azure-native/security";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-SUP-05: the subscription's Defender for Containers plan scans the registries' images (agentless, and again
 * as new vulnerabilities are published). A "Containers" pricing on the Free tier, or with the registry
 * vulnerability assessment extension switched off, leaves images unscanned.
 */
export const azureSecurityPricingRequireContainersPlan = controlResourcePolicy({
    name: "azure-security-pricing-require-containers-plan",
    controlId: "HC-SUP-05",
    description:
        "The Defender for Containers plan (Microsoft.Security/pricings Containers) is Standard with registry vulnerability assessment on.",
    remediationSteps:
        'Set pricingTier Standard on the "Containers" pricing and keep the ContainerRegistriesVulnerabilityAssessments extension enabled (or unset).',
    validateResource: validateResourceOfType(security.Pricing, (pricing, _args, report) => {
        if (pricing.pricingName !== "Containers") return;
        if (pricing.pricingTier !== "Standard") {
            report(
                `pricingTier is ${pricing.pricingTier ?? "unset"}: Defender for Containers is off, so registry images are not scanned for vulnerabilities; set pricingTier Standard`,
            );
            return;
        }
        const scanning = (pricing.extensions ?? []).find((e) => e.name === "ContainerRegistriesVulnerabilityAssessments");
        if (scanning?.isEnabled === "False")
            report("the ContainerRegistriesVulnerabilityAssessments extension is disabled, so registry images are not scanned; enable it");
    }),
});
