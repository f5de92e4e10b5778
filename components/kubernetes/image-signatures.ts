import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childOpts } from "./options";
import { AdmissionMode, assertNever } from "../../core/vocabulary";
import { BaselineSettings } from "../../config/types";
import { CHARTS } from "./charts";
import { platformNamespace } from "./platform-namespace";
import { BASELINE_CHART_IDENTITIES, withIdentities } from "./platform-identities";
import { WorkloadIdentity } from "../shared/handover";
import { CHART_IMAGES, withImageMirror } from "./image-mirror";

export const COSIGN_NAMESPACE = "cosign-system";
const PUBLIC_FULCIO = "https://fulcio.sigstore.dev";
const PUBLIC_REKOR = "https://rekor.sigstore.dev";

export interface ImageSignaturesArgs {
    readonly signatures: BaselineSettings["imageSignatures"];
    /** Deny → the ClusterImagePolicy enforces; Warn (dev) → it only warns. */
    readonly mode: AdmissionMode;
    readonly kubernetesVersion: string;
    /** Cloud identities of platform service accounts (the webhook's, to read a private registry). */
    readonly identities?: Readonly<Record<string, WorkloadIdentity<pulumi.Input<string>>>>;
    /** The hand-over's imageMirror: upstream host → mirror prefix. */
    readonly imageMirror?: Readonly<Record<string, string>>;
}

type Authority = Record<string, unknown>;

/**
 * ClusterImagePolicy authorities from config. With nothing configured, any identity certified by the
 * public Sigstore Fulcio is accepted: it still refuses unsigned images, but not images signed by
 * strangers, so a warning asks for `baseline.imageSignatures` (documented in the report).
 */
export function planAuthorities(signatures: BaselineSettings["imageSignatures"]): { authorities: Authority[]; restricted: boolean } {
    const authorities: Authority[] = [];
    if (signatures.keyless.length > 0) {
        authorities.push({
            name: "keyless",
            keyless: {
                url: PUBLIC_FULCIO,
                identities: signatures.keyless.map((k) => ({ issuer: k.issuer, subjectRegExp: k.subjectRegExp })),
            },
            ctlog: { url: PUBLIC_REKOR },
        });
    }
    signatures.publicKeys.forEach((pem, i) => authorities.push({ name: `key-${i + 1}`, key: { data: pem, hashAlgorithm: "sha256" } }));
    if (authorities.length > 0) return { authorities, restricted: true };
    return {
        authorities: [
            {
                name: "any-sigstore-identity",
                keyless: { url: PUBLIC_FULCIO, identities: [{ issuerRegExp: ".*", subjectRegExp: ".*" }] },
                ctlog: { url: PUBLIC_REKOR },
            },
        ],
        restricted: false,
    };
}

function policyMode(mode: AdmissionMode): "enforce" | "warn" {
    switch (mode) {
        case "Deny":
            return "enforce";
        case "Warn":
            return "warn";
        default:
            return assertNever(mode, "admission mode");
    }
}

/**
 * HC-SUP-04: the Sigstore policy-controller verifies image signatures in namespaces labelled
 * `policy.sigstore.dev/include: "true"` (every tenant namespace). Not created when the cloud verifies
 * signatures itself (GKE Binary Authorization): the baseline decides that from `cluster.imageVerification`.
 */
export class ImageSignatures extends pulumi.ComponentResource {
    constructor(name: string, args: ImageSignaturesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:kubernetes:ImageSignatures", name, {}, opts);
        // The webhook runs as non-root without host access; "baseline" is enforced because the chart does
        // not promise a seccomp profile on every release, while audit/warn report anything short of restricted.
        const namespace = platformNamespace(
            `${name}-ns`,
            { namespace: COSIGN_NAMESPACE, enforce: "baseline", kubernetesVersion: args.kubernetesVersion },
            childOpts(this, opts),
        );
        const release = new k8s.helm.v3.Release(
            `${name}-policy-controller`,
            {
                name: "policy-controller",
                chart: CHARTS.policyController.chart,
                version: CHARTS.policyController.version,
                repositoryOpts: { repo: CHARTS.policyController.repo },
                namespace: namespace.metadata.name,
                values: withImageMirror(
                    withIdentities({ installCRDs: true }, BASELINE_CHART_IDENTITIES.policyController, args.identities ?? {}),
                    CHART_IMAGES.policyController.images,
                    args.imageMirror,
                ),
                atomic: true,
                cleanupOnFail: true,
            },
            childOpts(this, opts),
        );
        const { authorities, restricted } = planAuthorities(args.signatures);
        if (!restricted) {
            pulumi.log.warn(
                "baseline.imageSignatures is empty: the ClusterImagePolicy accepts images signed by any Sigstore identity. Set keyless issuer/subjectRegExp or publicKeys to accept only your build's signatures.",
                this,
            );
        }
        new k8s.apiextensions.CustomResource(
            `${name}-policy`,
            {
                apiVersion: "policy.sigstore.dev/v1beta1",
                kind: "ClusterImagePolicy",
                metadata: { name: "hardened-signed-images" },
                spec: { mode: policyMode(args.mode), images: [{ glob: "**" }], authorities },
            },
            // The CRD comes with the chart: the policy can only be created once the release is installed.
            childOpts(this, opts, [release]),
        );
        this.registerOutputs({});
    }
}
