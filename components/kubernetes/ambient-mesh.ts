import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ISTIO_ROOT_NAMESPACE } from "../../core/kubernetes-labels";
import { ChartPin, CHARTS } from "./charts";
import { childOpts } from "./options";
import { MESH_AGENT_EXCEPTION, platformNamespace } from "./platform-namespace";
import { CHART_IMAGES, withImageMirror } from "./image-mirror";

/** One Helm release of the mesh: its release name, pinned chart and values. */
export interface MeshRelease {
    readonly key: string;
    readonly releaseName: string;
    readonly chart: ChartPin;
    readonly values: Readonly<Record<string, unknown>>;
}

/**
 * Every component ships the NetworkPolicy for its own ingress ports (global.networkPolicy.enabled, Istio's
 * "NetworkPolicy" setup page), so the mesh keeps working where namespaces deny by default.
 */
const NETWORK_POLICY = { global: { networkPolicy: { enabled: true } } } as const;

/**
 * The Helm releases of Istio in ambient mode, in install order (istio.io "Install with Helm", ambient): base
 * (CRDs and cluster roles) first, then istiod with the ambient profile, the istio-cni node agent with the
 * ambient profile, and the ztunnel DaemonSet. The release name "ztunnel" is the service account istiod trusts
 * by default to request certificates for the node's workloads. The node agents keep the charts' default
 * tolerations, which tolerate every NoSchedule and NoExecute taint, so every node's pods are meshed.
 * On EKS with security groups for pods, the VPC CNI must run POD_SECURITY_GROUP_ENFORCING_MODE=standard (the
 * blueprint does not use them); on a Cilium dataplane, Cilium must not own the CNI config exclusively.
 */
export function planMeshReleases(imageMirror?: Readonly<Record<string, string>>): MeshRelease[] {
    const mirrored = (key: keyof typeof CHART_IMAGES, values: Readonly<Record<string, unknown>>) =>
        withImageMirror(values, CHART_IMAGES[key].images, imageMirror);
    return [
        { key: "istio-base", releaseName: "istio-base", chart: CHARTS.istioBase, values: mirrored("istioBase", {}) },
        {
            key: "istiod",
            releaseName: "istiod",
            chart: CHARTS.istiod,
            values: mirrored("istiod", { profile: "ambient", ...NETWORK_POLICY }),
        },
        {
            key: "istio-cni",
            releaseName: "istio-cni",
            chart: CHARTS.istioCni,
            values: mirrored("istioCni", { profile: "ambient", ...NETWORK_POLICY }),
        },
        { key: "ztunnel", releaseName: "ztunnel", chart: CHARTS.ztunnel, values: mirrored("ztunnel", { ...NETWORK_POLICY }) },
    ];
}

/**
 * HC-NET-07, mesh-wide: a PeerAuthentication named default in Istio's root namespace, without a selector, makes
 * every meshed workload accept only mutual-TLS traffic (STRICT): plaintext from outside the mesh is refused.
 */
export const MESH_WIDE_STRICT_MTLS = {
    apiVersion: "security.istio.io/v1",
    kind: "PeerAuthentication",
    metadata: { name: "default", namespace: ISTIO_ROOT_NAMESPACE },
    spec: { mtls: { mode: "STRICT" } },
} as const;

export interface AmbientMeshArgs {
    readonly kubernetesVersion: string;
    /** The hand-over's imageMirror: upstream host → mirror prefix. */
    readonly imageMirror?: Readonly<Record<string, string>>;
}

/**
 * HC-NET-07 on clouds without a managed option: pod-to-pod traffic of the tenant namespaces (labelled
 * istio.io/dataplane-mode=ambient by the tenant plan) is tunnelled by ztunnel over mutual TLS with workload
 * identities. The node agents need the privileged Pod Security level, so the namespace carries a reviewed,
 * expiring exception (MESH_AGENT_EXCEPTION).
 */
export class AmbientMesh extends pulumi.ComponentResource {
    /** What must exist before meshed workloads start: the last release and the mesh-wide policy. */
    readonly resources: pulumi.Resource[] = [];

    constructor(name: string, args: AmbientMeshArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:kubernetes:AmbientMesh", name, {}, opts);
        const namespace = platformNamespace(
            `${name}-ns`,
            {
                namespace: ISTIO_ROOT_NAMESPACE,
                enforce: "privileged",
                kubernetesVersion: args.kubernetesVersion,
                exception: MESH_AGENT_EXCEPTION,
            },
            childOpts(this, opts),
        );
        let previous: pulumi.Resource[] = [namespace];
        for (const release of planMeshReleases(args.imageMirror)) {
            const created = new k8s.helm.v3.Release(
                `${name}-${release.key}`,
                {
                    name: release.releaseName,
                    chart: release.chart.chart,
                    version: release.chart.version,
                    repositoryOpts: { repo: release.chart.repo },
                    namespace: namespace.metadata.name,
                    values: release.values,
                    atomic: true,
                    cleanupOnFail: true,
                },
                childOpts(this, opts, previous),
            );
            previous = [created];
        }
        // After the whole mesh: the CRD comes with the base chart, and STRICT before ztunnel runs would refuse nothing yet.
        const strict = new k8s.apiextensions.CustomResource(
            `${name}-strict-mtls`,
            { ...MESH_WIDE_STRICT_MTLS },
            childOpts(this, opts, previous),
        );
        this.resources.push(...previous, strict);
        this.registerOutputs({});
    }
}
