import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import { AttestationPlan, SIGNER_ROLES } from "./binary-authorization-plan";

export interface BinaryAuthorizationArgs {
    readonly projectId: string;
    readonly plan: AttestationPlan;
    /** The asymmetric Cloud KMS key the release pipeline signs with (ClusterKeys.signingKey). */
    readonly signingKey: gcp.kms.CryptoKey;
    /** The stack's provider, for the read of the key's public key. */
    readonly provider: gcp.Provider;
}

/**
 * The project's Binary Authorization policy, which the cluster enforces (HC-SUP-01), and what it checks
 * (HC-SUP-04): every image needs an attestation by the stack's attestor, a signature over the image's
 * digest made with the attestor's Cloud KMS key, which only the release pipeline's identities may use.
 * Google-maintained system images pass through the global policy. There is no registry allow-list: an
 * allow-listed image would skip the signature check, so images of the trusted registries (the
 * baseline's own included) run only once attested. It is enforced by GKE outside the cluster's
 * admission chain, so a cluster admin cannot switch it off from inside.
 *
 * The policy is a singleton per project: this stack owns it, and a second stack in the same project
 * would overwrite it.
 */
export class BinaryAuthorization extends pulumi.ComponentResource {
    readonly policy: gcp.binaryauthorization.Policy;
    readonly note: gcp.containeranalysis.Note;
    readonly attestor: gcp.binaryauthorization.Attestor;

    constructor(name: string, args: BinaryAuthorizationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:BinaryAuthorization", name, {}, opts);
        const child = childOptions(this, opts);
        const { plan, projectId } = args;

        this.note = new gcp.containeranalysis.Note(
            `${name}-note`,
            {
                project: projectId,
                name: plan.noteId,
                attestationAuthority: { hint: { humanReadableName: `Release attestations of ${plan.attestorName}` } },
            },
            child,
        );
        // The key's first version, created with the key; its public key is what the attestor trusts.
        const version = gcp.kms.getKMSCryptoKeyVersionOutput({ cryptoKey: args.signingKey.id }, { parent: this, provider: args.provider });
        const publicKey = version.apply((v) => {
            const key = v.publicKeys[0];
            if (!key) throw new Error(`the signing key ${v.cryptoKey} has no public key yet (version ${v.name} is ${v.state})`);
            return key;
        });
        this.attestor = new gcp.binaryauthorization.Attestor(
            `${name}-attestor`,
            {
                project: projectId,
                name: plan.attestorName,
                description: "Images signed by the release pipeline (hardened-cluster HC-SUP-04).",
                attestationAuthorityNote: {
                    noteReference: this.note.name,
                    publicKeys: [
                        {
                            id: version.id,
                            pkixPublicKey: { publicKeyPem: publicKey.pem, signatureAlgorithm: publicKey.algorithm },
                        },
                    ],
                },
            },
            child,
        );

        plan.signers.forEach((member, i) => {
            const grant = `${name}-signer-${i + 1}`;
            new gcp.kms.CryptoKeyIAMMember(`${grant}-key`, { cryptoKeyId: args.signingKey.id, role: SIGNER_ROLES.key, member }, child);
            new gcp.containeranalysis.NoteIamMember(
                `${grant}-note`,
                { project: projectId, note: this.note.name, role: SIGNER_ROLES.note, member },
                child,
            );
            new gcp.projects.IAMMember(`${grant}-occurrences`, { project: projectId, role: SIGNER_ROLES.project, member }, child);
            new gcp.binaryauthorization.AttestorIamMember(
                `${grant}-attestor`,
                { project: projectId, attestor: this.attestor.name, role: SIGNER_ROLES.attestor, member },
                child,
            );
        });

        this.policy = new gcp.binaryauthorization.Policy(
            `${name}-policy`,
            {
                project: projectId,
                description: "Admit only images attested by the release attestor (hardened-cluster HC-SUP-01, HC-SUP-04).",
                globalPolicyEvaluationMode: "ENABLE",
                defaultAdmissionRule: {
                    evaluationMode: "REQUIRE_ATTESTATION",
                    enforcementMode: plan.enforcementMode,
                    requireAttestationsBies: [this.attestor.id],
                },
            },
            child,
        );
        this.registerOutputs({});
    }
}
