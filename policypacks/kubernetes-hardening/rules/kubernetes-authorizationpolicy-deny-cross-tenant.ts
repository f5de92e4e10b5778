import { controlStackPolicy } from "../../lib/define";
import { actionOf, crossNamespaceAdmissions } from "./mesh-authorization";
import { NamespaceDirectory } from "./namespaces";
import { KINDS, stackObjects } from "./objects";

/**
 * HC-ISO-02 in the mesh: an Istio ALLOW AuthorizationPolicy in a tenant namespace admits only the namespace's
 * own mTLS identities (source.namespaces [<tenant>] or its principals), so the mesh never lets in what the
 * default-deny NetworkPolicies keep out. A rule without `from`, another namespace, a wildcard, notNamespaces or a
 * source by IP alone admits other tenants. Judged per stack to know which namespaces are the tenants'
 * (unknown namespaces count as tenants').
 */
export const authorizationPolicyDenyCrossTenant = controlStackPolicy({
    name: "kubernetes-authorizationpolicy-deny-cross-tenant",
    controlId: "HC-ISO-02",
    description: "Istio ALLOW AuthorizationPolicies in tenant namespaces admit only peers of the same namespace.",
    remediationSteps:
        "Give every rule a from.source with namespaces: [<the tenant namespace>] (or principals of that namespace); cross-tenant traffic goes through the platform's ingress.",
    validateStack: (args, report) => {
        const policies = stackObjects(args.resources, [KINDS.authorizationPolicy]);
        if (policies.length === 0) return args.notApplicable("no Istio AuthorizationPolicy in the stack");
        const directory = new NamespaceDirectory(args.resources);
        for (const { resource, object } of policies) {
            if (actionOf(object) !== "ALLOW") continue;
            const { name } = directory.namespaceOf(resource, object);
            if (directory.roleOf(name) !== "tenant") continue;
            const findings = crossNamespaceAdmissions(object, name);
            if (findings.length === 0) continue;
            report(
                `${object.label} in tenant namespace ${name} admits peers of other namespaces (${findings.join("; ")}); set every rule's from.source.namespaces to ["${name}"]`,
                resource.urn,
            );
        }
    },
});
