import { PolicyResource } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";
import {
    ADMISSION_POLICY_NAMES,
    PLATFORM_NAMESPACE_LABEL,
    PLATFORM_NAMESPACES,
    TENANT_NAMESPACE_LABEL,
} from "../../../core/kubernetes-labels";
import { NamespaceDirectory, NamespaceEntry } from "./namespaces";
import { KINDS, list, record, stackObjects } from "./objects";
import { describeSelector, isEmptySelector, selects } from "./selectors";

/** An admission object as the API server holds it: the object, with same-named patches' spec fields over it. */
interface Effective {
    readonly name: string;
    readonly label: string;
    readonly resources: PolicyResource[];
    readonly spec: Record<string, unknown>;
    /** True when the stack creates the object (not only patches one made elsewhere). */
    readonly created: boolean;
}

function effective(
    resources: readonly PolicyResource[],
    kind: typeof KINDS.validatingAdmissionPolicy | typeof KINDS.validatingAdmissionPolicyBinding,
) {
    const found = stackObjects(resources, [kind]);
    const ordered = [...found.filter((f) => f.object.variant !== "patch"), ...found.filter((f) => f.object.variant === "patch")];
    const byName = new Map<string, Effective>();
    for (const { resource, object } of ordered) {
        const name = object.meta.name ?? resource.name;
        const spec = record(object.body["spec"]) ?? {};
        const existing = byName.get(name);
        if (existing) {
            Object.assign(existing.spec, spec);
            existing.resources.push(resource);
        } else {
            byName.set(name, { name, label: object.label, resources: [resource], spec: { ...spec }, created: object.variant !== "patch" });
        }
    }
    return [...byName.values()];
}

const lastUrn = (e: Effective) => e.resources[e.resources.length - 1].urn;

/**
 * HC-ADM-02 (CIS 5.2.1): the admission policies that guard tenant namespaces are really in force there.
 * - Every ValidatingAdmissionPolicy of the stack has a binding (unbound, it enforces nothing), has
 *   validations, and none of them is the constant "true".
 * - When the stack creates tenant namespaces, each policy of `requiredPolicies` (the baseline's pod
 *   security, image provenance and service exposure policies) exists and its bindings' namespaceSelector
 *   (and the policy's own matchConstraints.namespaceSelector) select every tenant namespace, with its
 *   labels as the API server holds them (NamespacePatches included); no objectSelector lets objects opt
 *   out and no excludeResourceRules carve kinds out. Deny mode per environment is
 *   kubernetes-admission-require-fail-closed's (its allowWarn).
 * - A namespace labelled hardened-cluster.io/platform (which the bindings skip) is one of
 *   `platformNamespaces` and does not also carry the tenant label: otherwise a tenant namespace has been
 *   taken out of admission by a label.
 * Bindings are matched to their policy by spec.policyName, or by their dependency on the policy resource
 * while the name is not known yet.
 */
export const admissionRequireTenantCoverage = controlStackPolicy({
    name: "kubernetes-admission-require-tenant-coverage",
    controlId: "HC-ADM-02",
    description:
        "Admission policies are bound, have real validations, and the baseline's policies cover every tenant namespace; only the platform's namespaces are labelled out of them.",
    remediationSteps:
        "Keep the baseline's ValidatingAdmissionPolicies and bindings as planned (namespaceSelector on hardened-cluster.io/tenant, no objectSelector); remove platform labels from tenant namespaces.",
    configProperties: {
        requiredPolicies: {
            type: "array",
            items: { type: "string" },
            default: Object.values(ADMISSION_POLICY_NAMES),
            description: "ValidatingAdmissionPolicies that must be bound over every tenant namespace a stack creates.",
        },
        platformNamespaces: {
            type: "array",
            items: { type: "string" },
            default: [...PLATFORM_NAMESPACES],
            description: "The only namespaces that may carry the platform label (and so be skipped by the tenant admission policies).",
        },
    },
    validateStack: (args, report) => {
        const config = args.getConfig<{ requiredPolicies?: string[]; platformNamespaces?: string[] }>();
        const required = config.requiredPolicies ?? [];
        const platformNamespaces = config.platformNamespaces ?? [];
        const directory = new NamespaceDirectory(args.resources);
        const policies = effective(args.resources, KINDS.validatingAdmissionPolicy);
        const bindings = effective(args.resources, KINDS.validatingAdmissionPolicyBinding);
        if (directory.all().length === 0 && policies.length === 0 && bindings.length === 0) {
            return args.notApplicable("no namespaces or admission policies in the stack");
        }

        for (const ns of directory.all()) {
            if (ns.labels[PLATFORM_NAMESPACE_LABEL] !== "true") continue;
            const urn = (ns.patchedBy[ns.patchedBy.length - 1] ?? ns.resource).urn;
            if (ns.labels[TENANT_NAMESPACE_LABEL] !== undefined) {
                report(
                    `Namespace ${ns.name} is a tenant namespace (${TENANT_NAMESPACE_LABEL}=${ns.labels[TENANT_NAMESPACE_LABEL]}) labelled ${PLATFORM_NAMESPACE_LABEL}, so the tenant admission policies skip it; remove the platform label`,
                    urn,
                );
            } else if (!platformNamespaces.includes(ns.name)) {
                report(
                    `Namespace ${ns.name} is labelled ${PLATFORM_NAMESPACE_LABEL} but is not a platform namespace (${platformNamespaces.join(", ") || "none configured"}), so the tenant admission policies skip it; remove the label, or add the namespace to platformNamespaces after review`,
                    urn,
                );
            }
        }

        // Bindings by the policy they bind: spec.policyName, else the policy resource their spec depends on.
        const policyByUrn = new Map(policies.flatMap((p) => p.resources.map((r) => [r.urn, p.name] as const)));
        const bindingsOf = (policy: string) =>
            bindings.filter((b) => {
                if (b.spec["policyName"] === policy) return true;
                return b.resources.some((r) => (r.propertyDependencies["spec"] ?? []).some((d) => policyByUrn.get(d.urn) === policy));
            });

        for (const policy of policies) {
            if (policy.created && bindingsOf(policy.name).length === 0) {
                report(
                    `${policy.label} has no ValidatingAdmissionPolicyBinding, so it enforces nothing; bind it (a binding with policyName ${policy.name})`,
                    lastUrn(policy),
                );
            }
            const validations = policy.spec["validations"];
            if (validations === undefined && !policy.created) continue;
            const list_ = list<Record<string, unknown>>(validations);
            if (list_.length === 0) {
                report(`${policy.label} has no validations, so it rejects nothing; restore its validations`, lastUrn(policy));
                continue;
            }
            list_.forEach((v, i) => {
                if (String(v["expression"] ?? "").trim() === "true") {
                    report(
                        `${policy.label} validation ${i + 1} is the constant "true", so it rejects nothing; restore its expression`,
                        lastUrn(policy),
                    );
                }
            });
        }

        const tenants = directory.tenants();
        if (tenants.length === 0) return;
        for (const name of required) {
            const policy = policies.find((p) => p.name === name);
            if (!policy) {
                report(
                    `ValidatingAdmissionPolicy ${name} is missing, so tenant namespaces ${tenants.map((t) => t.name).join(", ")} are not guarded by it; keep the baseline's admission policies`,
                );
                continue;
            }
            const own = bindingsOf(name);
            if (own.length === 0) continue; // reported above
            const constraints = record(policy.spec["matchConstraints"]) ?? {};
            const optOuts: string[] = [];
            const objectSelector = constraints["objectSelector"];
            if (objectSelector !== undefined && objectSelector !== null && !isEmptySelector(objectSelector)) {
                optOuts.push(
                    `${policy.label} has matchConstraints.objectSelector ${describeSelector(objectSelector)}, so objects choose whether they are checked`,
                );
            }
            for (const binding of own) {
                const match = record(binding.spec["matchResources"]) ?? {};
                const selector = match["objectSelector"];
                if (selector !== undefined && selector !== null && !isEmptySelector(selector)) {
                    optOuts.push(
                        `${binding.label} has matchResources.objectSelector ${describeSelector(selector)}, so objects choose whether they are checked`,
                    );
                }
                if (list(match["excludeResourceRules"]).length > 0) {
                    optOuts.push(
                        `${binding.label} has matchResources.excludeResourceRules ${JSON.stringify(match["excludeResourceRules"])}, which exempt those requests`,
                    );
                }
            }
            for (const problem of optOuts)
                report(`${problem}; remove it so every object in a tenant namespace is checked`, lastUrn(policy));

            const covered = (ns: NamespaceEntry) =>
                selects(constraints["namespaceSelector"], ns.labels) &&
                own.some((b) => selects(record(b.spec["matchResources"])?.["namespaceSelector"], ns.labels));
            const uncovered = tenants.filter((ns) => !covered(ns));
            if (uncovered.length === 0) continue;
            const why = (ns: NamespaceEntry) =>
                ns.labels[TENANT_NAMESPACE_LABEL] === undefined ? `${ns.name} (not labelled ${TENANT_NAMESPACE_LABEL})` : ns.name;
            const selectors = own
                .map((b) => `${b.label}: ${describeSelector(record(b.spec["matchResources"])?.["namespaceSelector"])}`)
                .join("; ");
            report(
                `${policy.label} does not apply in tenant namespaces ${uncovered.map(why).join(", ")} (${selectors}); label every tenant namespace ${TENANT_NAMESPACE_LABEL} and select it with the baseline's namespaceSelector`,
                lastUrn(own[own.length - 1]),
            );
        }
    },
});
