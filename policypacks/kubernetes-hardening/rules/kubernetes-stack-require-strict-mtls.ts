import { ISTIO_ROOT_NAMESPACE } from "../../../core/kubernetes-labels";
import { controlStackPolicy } from "../../lib/define";
import { ambientEvidence, isMeshWide } from "./mesh";
import { KINDS, record, stackObjects } from "./objects";

/**
 * HC-NET-07: a stack that runs Istio in ambient mode (a ztunnel release, or a namespace enrolled with
 * istio.io/dataplane-mode=ambient) has a mesh-wide PeerAuthentication in the root namespace (istio-system) with
 * mTLS mode STRICT. Without one, Istio's default is PERMISSIVE: meshed pods still accept plaintext, so traffic
 * that bypasses ztunnel is neither encrypted nor authenticated.
 */
export const stackRequireStrictMtls = controlStackPolicy({
    name: "kubernetes-stack-require-strict-mtls",
    controlId: "HC-NET-07",
    description: "A stack that runs Istio ambient sets mTLS STRICT mesh-wide.",
    remediationSteps: `Add a PeerAuthentication named default in ${ISTIO_ROOT_NAMESPACE}, without a selector, with spec.mtls.mode STRICT (the baseline creates it with the mesh).`,
    validateStack: (args, report) => {
        const evidence = ambientEvidence(args.resources);
        if (!evidence) return args.notApplicable("no Istio ambient mesh in the stack");
        const meshWide = stackObjects(args.resources, [KINDS.peerAuthentication]).filter(({ object }) =>
            isMeshWide(object, ISTIO_ROOT_NAMESPACE),
        );
        const strict = meshWide.filter(({ object }) => record(record(object.body["spec"])?.["mtls"])?.["mode"] === "STRICT");
        if (strict.length > 0) return;
        const found = meshWide.map(
            ({ object }) => `${object.label} (mode ${JSON.stringify(record(record(object.body["spec"])?.["mtls"])?.["mode"] ?? null)})`,
        );
        report(
            `the stack runs Istio ambient (${evidence}) without a mesh-wide STRICT PeerAuthentication${found.length > 0 ? `: ${found.join(", ")}` : ""}, so meshed pods still accept plaintext (Istio's default is PERMISSIVE); add PeerAuthentication default in ${ISTIO_ROOT_NAMESPACE} with spec.mtls.mode STRICT and no selector`,
            meshWide[0]?.resource.urn,
        );
    },
});
