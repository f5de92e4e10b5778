import { LABEL_PREFIX } from "./labels";
import { PsaLevel } from "./vocabulary";

/**
 * Namespace labels the baseline sets and the admission policies and CrossGuard policies read. Tenants
 * hold `edit` in their namespace, which grants no write on Namespace objects, so they cannot set these.
 */

/** Marks a namespace run by the platform (falco, cosign-system, monitoring): exempt from tenant-only rules. */
export const PLATFORM_NAMESPACE_LABEL = `${LABEL_PREFIX}/platform`;
/** Marks a tenant namespace created by the baseline; its value is the tenant name. */
export const TENANT_NAMESPACE_LABEL = `${LABEL_PREFIX}/tenant`;
/** HC-NET-05: Services of type LoadBalancer are admitted only in namespaces labelled "true". */
export const ALLOW_LOAD_BALANCER_LABEL = `${LABEL_PREFIX}/allow-load-balancer`;
/** HC-NET-05: Services of type NodePort are admitted only in namespaces labelled "true". */
export const ALLOW_NODE_PORT_LABEL = `${LABEL_PREFIX}/allow-node-port`;
/** HC-SUP-04: the Sigstore policy-controller only verifies namespaces that opt in with this label. */
export const SIGSTORE_INCLUDE_LABEL = "policy.sigstore.dev/include";
/** Namespaces Kubernetes owns; admission policies never bind there. */
export const SYSTEM_NAMESPACES = ["kube-system", "kube-public", "kube-node-lease"] as const;
/** Label the API server sets on every namespace (1.22+), so selectors can match by name. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * Type token of the ClusterRbac component (frozen: renaming it renames every binding's URN). No policy
 * reads it: kubernetes-rbac-restrict-cluster-admin judges who a binding grants cluster-admin to, from the
 * pack config's adminGroups, never where the binding was registered.
 */
export const CLUSTER_RBAC_TYPE = "hardened:kubernetes:ClusterRbac";

/**
 * Names of the baseline's ValidatingAdmissionPolicies (their bindings are `<name>-binding`). The
 * kubernetes-hardening pack requires them bound over every tenant namespace, and reads the trusted-registry
 * rule of the image-provenance one.
 */
export const ADMISSION_POLICY_NAMES = {
    podSecurity: "hardened-pod-security",
    imageProvenance: "hardened-image-provenance",
    serviceExposure: "hardened-service-exposure",
} as const;

/**
 * Namespaces the baseline runs platform add-ons in, labelled PLATFORM_NAMESPACE_LABEL: exempt from the
 * tenant-only admission policies. Any other namespace carrying that label is a tenant namespace taken out
 * of admission, which kubernetes-admission-require-tenant-coverage reports.
 */
export const PLATFORM_NAMESPACES = ["cosign-system", "falco", "monitoring", "istio-system"] as const;

/**
 * HC-NET-07, Istio ambient mode: the namespace label that puts every pod of the namespace in the mesh (ztunnel
 * tunnels its traffic over mTLS), the HBONE tunnel port, and the link-local address ambient SNATs kubelet
 * health probes to, which a default-deny NetworkPolicy must admit (istio.io "Ambient and Kubernetes NetworkPolicy").
 */
export const ISTIO_DATAPLANE_MODE_LABEL = "istio.io/dataplane-mode";
export const ISTIO_HBONE_PORT = 15008;
export const ISTIO_KUBELET_PROBE_SNAT_CIDR = "169.254.7.127/32";
/** Istio's root namespace: a PeerAuthentication there without a selector applies to the whole mesh. */
export const ISTIO_ROOT_NAMESPACE = "istio-system";

/** PSA mode labels; `-version` pins the standard to the cluster's minor so an upgrade cannot silently relax it. */
export interface PsaPlan {
    readonly enforce: PsaLevel;
    readonly audit: PsaLevel;
    readonly warn: PsaLevel;
}

/** Pod Security Admission labels (HC-ISO-01), each mode pinned to `v<minor>` of the cluster. */
export function psaLabels(plan: PsaPlan, kubernetesVersion: string): Record<string, string> {
    const version = `v${kubernetesVersion}`;
    const labels: Record<string, string> = {};
    for (const mode of ["enforce", "audit", "warn"] as const) {
        labels[`pod-security.kubernetes.io/${mode}`] = plan[mode];
        labels[`pod-security.kubernetes.io/${mode}-version`] = version;
    }
    return labels;
}
