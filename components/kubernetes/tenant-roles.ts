/**
 * The write rights of a tenant editor in its own namespace, as one ClusterRole bound per namespace (reads
 * come from the built-in `view`, bound beside it). Not the built-in `edit`: `edit` also writes
 * NetworkPolicies (a tenant could delete its namespace's default-deny, HC-ISO-02), impersonates the
 * namespace's ServiceAccounts and mints their tokens (HC-RBAC-04), and proxies through the API server to
 * pods and services (around NetworkPolicy). Verbs and resources are named, never wildcards (HC-RBAC-01).
 * Checked against a real API server by the API server tier (test/integration).
 */
export const TENANT_EDITOR_ROLE = "hardened-tenant-editor";

export interface PolicyRulePlan {
    readonly apiGroups: readonly string[];
    readonly resources: readonly string[];
    readonly verbs: readonly string[];
}

const READ = ["get", "list", "watch"];
const WRITE = ["create", "delete", "deletecollection", "patch", "update"];

export const TENANT_EDITOR_RULES: readonly PolicyRulePlan[] = [
    // Secrets of the tenant's own namespace: `view` does not read them.
    { apiGroups: [""], resources: ["secrets"], verbs: [...READ, ...WRITE] },
    { apiGroups: [""], resources: ["pods", "services", "configmaps", "persistentvolumeclaims", "serviceaccounts"], verbs: WRITE },
    { apiGroups: [""], resources: ["pods/exec", "pods/attach", "pods/portforward"], verbs: ["get", "create"] },
    { apiGroups: [""], resources: ["pods/eviction"], verbs: ["create"] },
    {
        apiGroups: ["apps"],
        resources: [
            "deployments",
            "deployments/scale",
            "statefulsets",
            "statefulsets/scale",
            "daemonsets",
            "replicasets",
            "replicasets/scale",
        ],
        verbs: WRITE,
    },
    { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: WRITE },
    { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: WRITE },
    { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: WRITE },
    { apiGroups: ["networking.k8s.io"], resources: ["ingresses"], verbs: WRITE },
    // Leader election of the tenant's own controllers.
    { apiGroups: ["coordination.k8s.io"], resources: ["leases"], verbs: [...READ, ...WRITE] },
    // HC-IAM-06: the tenant's own SecretProviderClasses (besides the baseline's tenant-secrets), read and written in
    // its namespace only (`view` does not aggregate this CRD). A class only says what to fetch: the CSI provider
    // fetches it as the pod's workload identity, which reads only the tenant's secrets; reading as the node's or the
    // provider's identity (Azure useVMManagedIdentity, GCP auth provider-adc) gets nothing, because the cloud packs
    // refuse any secret-store grant to node identities (and kubernetes-secretproviderclass-deny-node-identity
    // refuses such classes in the stack).
    { apiGroups: ["secrets-store.csi.x-k8s.io"], resources: ["secretproviderclasses"], verbs: [...READ, ...WRITE] },
];
