import { TenantSpec } from "../../config/types";
import { KubernetesSubjects } from "../shared/contract";
import {
    ALLOW_LOAD_BALANCER_LABEL,
    ALLOW_NODE_PORT_LABEL,
    ISTIO_DATAPLANE_MODE_LABEL,
    ISTIO_KUBELET_PROBE_SNAT_CIDR,
    psaLabels,
    SIGSTORE_INCLUDE_LABEL,
    TENANT_NAMESPACE_LABEL,
} from "../../core/kubernetes-labels";

/** Everything a tenant namespace is made of, computed from config alone (no resources). */
export interface TenantPlan {
    readonly namespace: string;
    readonly labels: Readonly<Record<string, string>>;
    /** ResourceQuota `spec.hard` (HC-ISO-03). */
    readonly quota: Readonly<Record<string, string>>;
    /** LimitRange defaults, so a pod without requests/limits still gets bounded ones (HC-POD-04). */
    readonly containerDefaults: { readonly defaultRequest: Record<string, string>; readonly default: Record<string, string> };
    /** Groups bound to the tenant editor ClusterRole and `view` in the namespace (no rights on Roles/RoleBindings or NetworkPolicies). */
    readonly editors: readonly string[];
    /** Groups bound to the built-in `view` ClusterRole in the namespace. */
    readonly viewers: readonly string[];
    readonly allowSameNamespaceTraffic: boolean;
    /**
     * HC-NET-07: the namespace is in the Istio ambient mesh. Its default-deny NetworkPolicies then also admit the
     * address ambient SNATs kubelet probes to; HBONE (15008) between the namespace's pods is already admitted
     * by allow-same-namespace, which names no ports, and no other peer is allowed in either case.
     */
    readonly ambientMesh?: { readonly kubeletProbeSource: string };
}

/**
 * HC-NET-07 with HC-ISO-02: the tenant's Istio AuthorizationPolicy, enforced by ztunnel at L4 on every inbound
 * connection to the namespace's meshed pods, so the mesh admits exactly what the NetworkPolicies admit. With
 * same-namespace traffic: ALLOW only peers whose mTLS identity is in the namespace (source.namespaces, from the
 * peer's SPIFFE id; STRICT mTLS mesh-wide makes every peer present one). Without: an ALLOW policy with no rules,
 * Istio's "allow-nothing", which denies every connection. Kubelet probes need no rule: ambient SNATs them to
 * 169.254.7.127 and istio-cni's in-pod rules send that address around ztunnel (istio.io "Ambient and Kubernetes
 * NetworkPolicy"), so AuthorizationPolicy never sees them; allow-ambient-kubelet-probes admits them at L3/L4.
 * No waypoint is deployed, so L7 fields (methods, paths) would be refused by ztunnel: only L4 fields are used.
 */
export interface MeshAuthorizationPolicy {
    readonly apiVersion: "security.istio.io/v1";
    readonly kind: "AuthorizationPolicy";
    readonly metadata: { readonly name: string; readonly namespace: string };
    readonly spec: Readonly<Record<string, unknown>>;
}

export function meshAuthorizationPolicy(namespace: string, allowSameNamespaceTraffic: boolean): MeshAuthorizationPolicy {
    return {
        apiVersion: "security.istio.io/v1",
        kind: "AuthorizationPolicy",
        metadata: { name: allowSameNamespaceTraffic ? "allow-same-namespace" : "allow-nothing", namespace },
        spec: allowSameNamespaceTraffic ? { action: "ALLOW", rules: [{ from: [{ source: { namespaces: [namespace] } }] }] } : {},
    };
}

/** LimitRange defaults per container: small enough to pack, explicit so no container runs unbounded. */
export const CONTAINER_DEFAULTS = {
    defaultRequest: { cpu: "100m", memory: "128Mi" },
    default: { cpu: "500m", memory: "512Mi" },
} as const;

export function planTenant(
    tenant: TenantSpec,
    subjects: KubernetesSubjects,
    kubernetesVersion: string,
    signatureVerificationInCluster: boolean,
    ambientMesh = false,
): TenantPlan {
    const groups = subjects.tenants[tenant.name] ?? { editors: [], viewers: [] };
    const labels: Record<string, string> = {
        ...psaLabels({ enforce: "restricted", audit: "restricted", warn: "restricted" }, kubernetesVersion),
        [TENANT_NAMESPACE_LABEL]: tenant.name,
        [ALLOW_LOAD_BALANCER_LABEL]: String(tenant.allowLoadBalancer),
        [ALLOW_NODE_PORT_LABEL]: String(tenant.allowNodePort),
    };
    if (signatureVerificationInCluster) labels[SIGSTORE_INCLUDE_LABEL] = "true";
    if (ambientMesh) labels[ISTIO_DATAPLANE_MODE_LABEL] = "ambient";
    const quota: Record<string, string> = {
        "requests.cpu": tenant.quota.cpu,
        "limits.cpu": tenant.quota.cpu,
        "requests.memory": tenant.quota.memory,
        "limits.memory": tenant.quota.memory,
        pods: String(tenant.quota.pods),
    };
    // A LoadBalancer Service also allocates node ports (unless allocateLoadBalancerNodePorts is false)
    // and is counted under services.nodeports, so that quota only stays 0 when neither type is allowed.
    // The NodePort type itself is still refused by the admission policy unless allowNodePort (HC-NET-05).
    if (!tenant.allowNodePort && !tenant.allowLoadBalancer) quota["services.nodeports"] = "0";
    if (!tenant.allowLoadBalancer) quota["services.loadbalancers"] = "0";
    return {
        namespace: tenant.name,
        labels,
        quota,
        containerDefaults: { defaultRequest: { ...CONTAINER_DEFAULTS.defaultRequest }, default: { ...CONTAINER_DEFAULTS.default } },
        editors: unique([...groups.editors, ...subjects.developers]),
        viewers: unique(groups.viewers),
        allowSameNamespaceTraffic: tenant.allowSameNamespaceTraffic,
        ...(ambientMesh ? { ambientMesh: { kubeletProbeSource: ISTIO_KUBELET_PROBE_SNAT_CIDR } } : {}),
    };
}

function unique(values: readonly string[]): string[] {
    return [...new Set(values)];
}
