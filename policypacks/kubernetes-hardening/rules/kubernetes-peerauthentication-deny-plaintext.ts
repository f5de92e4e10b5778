import { controlResourcePolicy } from "../../lib/define";
import { PLAINTEXT_MODES, peerAuthenticationModes } from "./mesh";
import { KINDS, validateObjects } from "./objects";

/**
 * HC-NET-07: no Istio PeerAuthentication lets plaintext in, mesh-wide, in a namespace or for a workload or
 * port: PERMISSIVE accepts unencrypted, unauthenticated connections next to mTLS, DISABLE only those. A mode
 * left unset (or UNSET) inherits the parent's, which the stack policy keeps STRICT mesh-wide.
 */
export const peerAuthenticationDenyPlaintext = controlResourcePolicy({
    name: "kubernetes-peerauthentication-deny-plaintext",
    controlId: "HC-NET-07",
    description: "Istio PeerAuthentications never set mTLS mode PERMISSIVE or DISABLE.",
    remediationSteps: "Set spec.mtls.mode (and every portLevelMtls mode) to STRICT, or remove it to inherit the mesh-wide STRICT policy.",
    validateResource: validateObjects([KINDS.peerAuthentication], (peer, _args, report) => {
        for (const { where, mode } of peerAuthenticationModes(peer)) {
            if ((PLAINTEXT_MODES as readonly unknown[]).includes(mode)) {
                report(
                    `${peer.label} sets ${where} ${String(mode)}, which accepts unencrypted traffic between pods; set it to STRICT (or remove it to inherit the mesh-wide STRICT policy)`,
                );
            }
        }
    }),
});
