import { controlResourcePolicy } from "../../lib/define";
import { registryPrefixes } from "../../../core/admission-cel";
import { containersOf, describeContainer, validateWorkload } from "./workload";

/**
 * HC-SUP-02 (CIS EKS 5.1.1): every image comes from a trusted registry prefix.
 *
 * A policy pack cannot read stack config, and deriving the list from what the program registers would let
 * the program choose its own allow-list. So the list is pack config, owned by whoever owns the pack:
 * `trustedRegistries`, matched exactly like the admission policy does (`registryPrefixes`). The default is
 * empty, which refuses every image (fail closed) until the organisation lists its registries.
 */
export const workloadRequireTrustedRegistry = controlResourcePolicy({
    name: "kubernetes-workload-require-trusted-registry",
    controlId: "HC-SUP-02",
    description: "Every image (including init and ephemeral containers) comes from a registry listed in trustedRegistries.",
    remediationSteps:
        "Push the image to one of the trusted registries, or add the registry to the pack config's trustedRegistries after review.",
    configProperties: {
        trustedRegistries: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Registry prefixes (host, optionally a path), the same list as the stack's hardened-cluster:trustedRegistries.",
        },
    },
    validateResource: validateWorkload(({ description, podSpec }, args, report) => {
        const configured = args.getConfig<{ trustedRegistries?: string[] }>().trustedRegistries ?? [];
        const prefixes = registryPrefixes(configured);
        for (const { kind, container } of containersOf(podSpec)) {
            const image = container.image ?? "";
            if (prefixes.some((p) => image.startsWith(p))) continue;
            const allowed =
                configured.length > 0
                    ? `trusted registries are ${configured.join(", ")}`
                    : "no trusted registries are configured: set trustedRegistries in the kubernetes-hardening pack config";
            report(`${description} ${describeContainer(kind, container)} uses image "${image}" from an untrusted registry; ${allowed}`);
        }
    }),
});
