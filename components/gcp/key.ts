import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { SIGNING_ALGORITHM } from "./binary-authorization-plan";
import { childOptions, childOptionsAfter } from "./child-options";
import {
    artifactRegistryServiceAgent,
    computeServiceAgent,
    ENCRYPTER_DECRYPTER_ROLE,
    gkeServiceAgent,
    KEY_DESTROY_SCHEDULED_DURATION,
    KEY_ROTATION_PERIOD,
} from "./key-plan";

export interface ClusterKeysArgs {
    /** The key ring's location: the cluster's region (a KMS key must be in the cluster's region). */
    readonly region: string;
    readonly projectNumber: pulumi.Input<string>;
    /** Protect the key ring and keys from `pulumi destroy` (config.deletionProtection). */
    readonly protect: boolean;
    readonly labels: Readonly<Record<string, string>>;
    /**
     * What each service agent's grant waits for: the agent must exist before it can be granted a role.
     * GKE's and Artifact Registry's agents are created explicitly (ProjectServices.agents); Compute Engine's
     * is created as the API is used, so its grant waits for the stack's first Compute Engine resources.
     */
    readonly agentsReady: {
        readonly gke: readonly pulumi.Resource[];
        readonly compute: readonly pulumi.Resource[];
        readonly artifactRegistry: readonly pulumi.Resource[];
    };
}

/**
 * Customer-managed keys: one for Secrets in etcd (HC-SEC-01), one for node boot disks and persistent
 * volumes (CIS GKE 5.9.1/5.9.2), each usable only by the service agent that needs it. Separate keys keep
 * the grants narrow: Compute Engine's agent never holds the key that protects Secrets.
 *
 * Key rings cannot be deleted in Google Cloud (Pulumi only forgets them), so the ring is auto-named to
 * let a stack be re-created. Destroying a CryptoKey schedules destruction of all its versions; with
 * `protect` set Pulumi refuses, and the 30-day window leaves time to restore a version otherwise.
 */
export class ClusterKeys extends pulumi.ComponentResource {
    readonly keyRing: gcp.kms.KeyRing;
    readonly secretsKey: gcp.kms.CryptoKey;
    readonly disksKey: gcp.kms.CryptoKey;
    /** Must exist before the cluster: GKE checks its access to the key at creation. */
    readonly secretsKeyGrant: gcp.kms.CryptoKeyIAMMember;
    /** Must exist before any node pool or CMEK disk. */
    readonly disksKeyGrant: gcp.kms.CryptoKeyIAMMember;
    /**
     * The release pipeline's attestation key (HC-SUP-04): asymmetric, HSM-backed. Cloud KMS cannot
     * rotate asymmetric keys automatically (rotationPeriod is for symmetric keys only); a new version
     * must be added to the attestor by hand, so HC-SUP-04 rests on who may sign, not on rotation.
     */
    readonly signingKey: gcp.kms.CryptoKey;
    /** Encrypts the stack's Artifact Registry repository (HC-SUP-06). */
    readonly registryKey: gcp.kms.CryptoKey;
    /** Must exist before the repository: Artifact Registry checks its access to the key at creation. */
    readonly registryKeyGrant: gcp.kms.CryptoKeyIAMMember;

    constructor(name: string, args: ClusterKeysArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:ClusterKeys", name, {}, opts);
        const child = childOptions(this, opts);
        const protect = args.protect;
        this.keyRing = new gcp.kms.KeyRing(`${name}-ring`, { location: args.region }, { ...child, protect });

        const key = (purpose: string) =>
            new gcp.kms.CryptoKey(
                `${name}-${purpose}`,
                {
                    keyRing: this.keyRing.id,
                    purpose: "ENCRYPT_DECRYPT",
                    versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: "SOFTWARE" },
                    // HC-SEC-02: a new primary version every 90 days; old versions stay to decrypt old data.
                    rotationPeriod: KEY_ROTATION_PERIOD,
                    destroyScheduledDuration: KEY_DESTROY_SCHEDULED_DURATION,
                    labels: { ...args.labels, purpose },
                },
                { ...child, protect },
            );
        this.secretsKey = key("secrets");
        this.disksKey = key("disks");
        this.registryKey = key("registry");
        this.signingKey = new gcp.kms.CryptoKey(
            `${name}-attestation`,
            {
                keyRing: this.keyRing.id,
                purpose: "ASYMMETRIC_SIGN",
                versionTemplate: { algorithm: SIGNING_ALGORITHM, protectionLevel: "HSM" },
                destroyScheduledDuration: KEY_DESTROY_SCHEDULED_DURATION,
                labels: { ...args.labels, purpose: "attestation" },
            },
            { ...child, protect },
        );
        const after = (ready: readonly pulumi.Resource[]) => childOptionsAfter(this, opts, ready);

        this.secretsKeyGrant = new gcp.kms.CryptoKeyIAMMember(
            `${name}-secrets-gke-agent`,
            {
                cryptoKeyId: this.secretsKey.id,
                role: ENCRYPTER_DECRYPTER_ROLE,
                member: pulumi.output(args.projectNumber).apply(gkeServiceAgent),
            },
            after(args.agentsReady.gke),
        );
        this.disksKeyGrant = new gcp.kms.CryptoKeyIAMMember(
            `${name}-disks-compute-agent`,
            {
                cryptoKeyId: this.disksKey.id,
                role: ENCRYPTER_DECRYPTER_ROLE,
                member: pulumi.output(args.projectNumber).apply(computeServiceAgent),
            },
            after(args.agentsReady.compute),
        );
        this.registryKeyGrant = new gcp.kms.CryptoKeyIAMMember(
            `${name}-registry-ar-agent`,
            {
                cryptoKeyId: this.registryKey.id,
                role: ENCRYPTER_DECRYPTER_ROLE,
                member: pulumi.output(args.projectNumber).apply(artifactRegistryServiceAgent),
            },
            after(args.agentsReady.artifactRegistry),
        );
        this.registerOutputs({});
    }
}
