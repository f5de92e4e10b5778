export type AttestationEnforcement = "ENFORCED_BLOCK_AND_AUDIT_LOG" | "DRYRUN_AUDIT_LOG_ONLY";

/** What each signer is granted, on which resource: enough to sign and store an attestation, nothing more. */
export const SIGNER_ROLES = {
    /** Sign with the attestor's key (and read its public key, for `--validate`). */
    key: "roles/cloudkms.signerVerifier",
    /** Attach attestation occurrences to the attestor's note. */
    note: "roles/containeranalysis.notes.attacher",
    /** Create the occurrences (attestations live in the project). */
    project: "roles/containeranalysis.occurrences.editor",
    /** Read the attestor, which `gcloud ... sign-and-create --attestor` looks up. */
    attestor: "roles/binaryauthorization.attestorsViewer",
} as const;

/** The signing key's algorithm: ECDSA P-256, which Binary Authorization's PKIX attestors accept. */
export const SIGNING_ALGORITHM = "EC_SIGN_P256_SHA256";

export interface AttestationPlan {
    /** The Container Analysis note and the attestor that reads it (Binary Authorization ids). */
    readonly noteId: string;
    readonly attestorName: string;
    /** Prod and staging block unattested images; dev only logs them (dry run). */
    readonly enforcementMode: AttestationEnforcement;
    readonly signers: readonly string[];
}

/**
 * HC-SUP-01 / HC-SUP-04: the project's Binary Authorization policy requires an attestation by the
 * stack's attestor, which the release pipeline creates by signing an image digest with the attestor's
 * Cloud KMS key. Outside dev it is enforced; dev runs it as a dry run (unattested images are logged,
 * not blocked), like the in-cluster verifier's warn mode on the other clouds.
 */
export function planAttestation(config: {
    readonly clusterName: string;
    readonly environment: string;
    readonly gke: { readonly attestationSigners: readonly string[] };
}): AttestationPlan {
    return {
        noteId: `${config.clusterName}-release`,
        attestorName: `${config.clusterName}-release`,
        enforcementMode: config.environment === "dev" ? "DRYRUN_AUDIT_LOG_ONLY" : "ENFORCED_BLOCK_AND_AUDIT_LOG",
        signers: [...config.gke.attestationSigners],
    };
}
