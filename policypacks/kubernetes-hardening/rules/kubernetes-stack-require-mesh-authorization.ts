import { controlStackPolicy } from "../../lib/define";
import { actionOf, isNamespaceWide } from "./mesh-authorization";
import { ambientEvidence } from "./mesh";
import { NamespaceDirectory } from "./namespaces";
import { KINDS, stackObjects } from "./objects";

/**
 * HC-ISO-02 in the mesh: in a stack that runs Istio ambient, every tenant namespace the stack creates has a
 * namespace-wide ALLOW AuthorizationPolicy (no selector, no targetRef). Without one Istio allows every
 * authenticated peer, so the mesh layer would not deny by default; with one, anything no ALLOW rule matches is
 * refused (what it admits is judged by kubernetes-authorizationpolicy-deny-cross-tenant).
 */
export const stackRequireMeshAuthorization = controlStackPolicy({
    name: "kubernetes-stack-require-mesh-authorization",
    controlId: "HC-ISO-02",
    description: "With Istio ambient, every tenant namespace has a namespace-wide ALLOW AuthorizationPolicy.",
    remediationSteps:
        "Add an AuthorizationPolicy without selector to the namespace: action ALLOW with from.source.namespaces [<namespace>], or spec {} to deny all (the baseline creates it).",
    validateStack: (args, report) => {
        const evidence = ambientEvidence(args.resources);
        if (!evidence) return args.notApplicable("no Istio ambient mesh in the stack");
        const directory = new NamespaceDirectory(args.resources);
        const covered = new Set<string>();
        for (const { resource, object } of stackObjects(args.resources, [KINDS.authorizationPolicy])) {
            if (object.variant === "patch" || actionOf(object) !== "ALLOW" || !isNamespaceWide(object)) continue;
            covered.add(directory.namespaceOf(resource, object).name);
        }
        for (const ns of directory.tenants()) {
            if (covered.has(ns.name)) continue;
            report(
                `Namespace ${ns.name} has no namespace-wide ALLOW AuthorizationPolicy although the stack runs Istio ambient (${evidence}), so the mesh admits every peer there; add one with from.source.namespaces ["${ns.name}"] (or spec {} to deny all)`,
                ns.resource.urn,
            );
        }
    },
});
