import { ResourceValidationArgs } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { registryPrefixes } from "../../../core/admission-cel";
import { ADMISSION_POLICY_NAMES } from "../../../core/kubernetes-labels";
import { isKindOf, KINDS, list, objectsOf, record } from "./objects";
import { admittedPrefixes } from "./registry-lists";
import { containersOf, describeContainer, validateWorkload } from "./workload";
import { TRUSTED_REGISTRIES_CONFIG } from "../../lib/trusted-registries-config";

function configured(args: ResourceValidationArgs): string[] {
    return args.getConfig<{ trustedRegistries?: string[] }>().trustedRegistries ?? [];
}

function describeTrusted(registries: readonly string[]): string {
    return registries.length > 0
        ? `trusted registries are ${registries.join(", ")}`
        : "no trusted registries are configured: set trustedRegistries in the kubernetes-hardening pack config";
}

const checkWorkload = validateWorkload(({ description, podSpec }, args, report) => {
    const trusted = configured(args);
    const prefixes = registryPrefixes(trusted);
    for (const { kind, container } of containersOf(podSpec)) {
        const image = container.image ?? "";
        if (prefixes.some((p) => image.startsWith(p))) continue;
        report(
            `${description} ${describeContainer(kind, container)} uses image "${image}" from an untrusted registry; ${describeTrusted(trusted)}`,
        );
    }
});

/**
 * The in-cluster copy of the list: a ValidatingAdmissionPolicy's trusted-registry rule admits only prefixes
 * that lie under the configured ones (a stack may trust fewer registries than the organisation, never
 * more), and the baseline's image-provenance policy keeps that rule.
 */
function checkAdmissionPolicy(args: ResourceValidationArgs, report: (message: string) => void): void {
    const trusted = configured(args);
    const allowed = registryPrefixes(trusted);
    for (const policy of objectsOf(args.type, args.props as Record<string, unknown>, args.name, [KINDS.validatingAdmissionPolicy])) {
        const validations = record(policy.body["spec"])?.["validations"];
        if (policy.variant === "patch" && (validations === undefined || validations === null)) continue;
        const { found, prefixes } = admittedPrefixes(list(validations));
        if (!found) {
            if (policy.meta.name === ADMISSION_POLICY_NAMES.imageProvenance) {
                report(
                    `${policy.label} has no trusted-registry validation, so tenant pods may run images from any registry; restore the rule that admits only the trusted registries`,
                );
            }
            continue;
        }
        const extra = prefixes.filter((p) => !allowed.some((a) => p.startsWith(a)));
        if (extra.length > 0) {
            report(`${policy.label} admits images from ${extra.join(", ")}, which the pack does not trust; ${describeTrusted(trusted)}`);
        }
    }
}

/**
 * HC-SUP-02 (CIS EKS 5.1.1): every image comes from a trusted registry prefix, and the cluster's own
 * registry allow-list (the trusted-registry rule of the admission policies) trusts no registry the pack
 * does not.
 *
 * A policy pack cannot read stack config, and deriving the list from what the program registers would let
 * the program choose its own allow-list. So the list is pack config, owned by whoever owns the pack:
 * `trustedRegistries`, matched exactly like the admission policy does (`registryPrefixes`). The default is
 * empty, which refuses every image (fail closed) until the organisation lists its registries. Which images
 * the signature policies verify is checked against that in-cluster list by
 * kubernetes-stack-require-image-signature-verification.
 */
export const workloadRequireTrustedRegistry = controlResourcePolicy({
    name: "kubernetes-workload-require-trusted-registry",
    controlId: "HC-SUP-02",
    description:
        "Every image (including init and ephemeral containers) comes from a registry listed in trustedRegistries, and admission policies trust no other registry.",
    remediationSteps:
        "Push the image to one of the trusted registries, or add the registry to the pack config's trustedRegistries after review.",
    configProperties: TRUSTED_REGISTRIES_CONFIG,
    validateResource: (args, report) => {
        if (isKindOf(args.type, [KINDS.validatingAdmissionPolicy])) return checkAdmissionPolicy(args, (m) => report(m));
        return checkWorkload(args, report);
    },
});
