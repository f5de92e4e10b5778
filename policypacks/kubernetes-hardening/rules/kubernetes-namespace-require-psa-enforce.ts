import { controlResourcePolicy } from "../../lib/define";
import { PLATFORM_NAMESPACE_LABEL, PLATFORM_NAMESPACES, TENANT_NAMESPACE_LABEL } from "../../../core/kubernetes-labels";
import { PSA_LEVELS } from "../../../core/vocabulary";
import { namespaceRole } from "./namespaces";
import { KINDS, validateObjects } from "./objects";

const ENFORCE = "pod-security.kubernetes.io/enforce";

/**
 * HC-ISO-01 (CIS 5.2.1): every namespace enforces a Pod Security level, and tenant namespaces enforce
 * `restricted`. A platform namespace (labelled hardened-cluster.io/platform, without the tenant label) may
 * enforce `baseline`; one whose node agents truly need `privileged` (Falco) carries a reviewed, expiring
 * exception annotation (exceptions.hardened-cluster.io/HC-ISO-01), which turns the finding advisory.
 * Whether a platform-labelled namespace really is the platform's is judged by
 * kubernetes-admission-require-tenant-coverage.
 *
 * A server-side-apply NamespacePatch is judged on the enforce label it sets (a patch that leaves the label
 * alone keeps the namespace's own); when it sets neither the tenant nor the platform label, the baseline's
 * platform namespaces (core PLATFORM_NAMESPACES) are known by name.
 */
export const namespaceRequirePsaEnforce = controlResourcePolicy({
    name: "kubernetes-namespace-require-psa-enforce",
    controlId: "HC-ISO-01",
    description: "Namespaces set pod-security.kubernetes.io/enforce: restricted for tenants, restricted or baseline for the platform's.",
    remediationSteps: "Label the namespace pod-security.kubernetes.io/enforce=restricted (and enforce-version).",
    validateResource: validateObjects([KINDS.namespace], (ns, args, report) => {
        const name = ns.meta.name ?? args.name;
        const labels = ns.meta.labels ?? {};
        const level = labels[ENFORCE];
        if (level === undefined) {
            if (ns.variant !== "patch") report(`Namespace ${name} has no ${ENFORCE} label; set it to restricted`);
            return;
        }
        if (!(PSA_LEVELS as readonly string[]).includes(level)) {
            report(`Namespace ${name} has ${ENFORCE}=${level}, not a Pod Security level; set it to restricted`);
            return;
        }
        const roleLabels = labels[TENANT_NAMESPACE_LABEL] !== undefined || labels[PLATFORM_NAMESPACE_LABEL] !== undefined;
        const knownPlatform = ns.variant === "patch" && !roleLabels && (PLATFORM_NAMESPACES as readonly string[]).includes(name);
        const role = knownPlatform ? "platform" : namespaceRole(name, labels);
        if (level === "privileged") {
            report(
                `Namespace ${name} enforces the privileged Pod Security level; set ${ENFORCE} to restricted${role === "tenant" ? "" : " (or baseline)"}, or carry a reviewed exception for HC-ISO-01`,
            );
        } else if (level === "baseline" && role === "tenant") {
            report(
                `Namespace ${name} is a tenant namespace and enforces only the baseline Pod Security level; set ${ENFORCE} to restricted (baseline is for platform namespaces labelled hardened-cluster.io/platform)`,
            );
        }
    }),
});
