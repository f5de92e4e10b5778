import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

/**
 * The seam between a cloud's cluster component and the cloud-neutral Kubernetes baseline. Each cloud
 * hands over the same small interface; the baseline knows nothing else about the cloud.
 */

/**
 * Kubernetes group names as the API server sees them after the cloud's identity mapping: EKS access
 * entries' kubernetesGroups, Entra ID group object ids on AKS, Google Group e-mails on GKE.
 */
export interface KubernetesSubjects {
    /** Bound to cluster-admin. */
    readonly admins: readonly string[];
    /** Bound to the built-in view role cluster-wide. */
    readonly viewers: readonly string[];
    /** Bound to edit in every tenant namespace. */
    readonly developers: readonly string[];
    /** Per tenant namespace: groups bound to edit and to view there. */
    readonly tenants: Readonly<Record<string, { readonly editors: readonly string[]; readonly viewers: readonly string[] }>>;
}

/** The cloud's encrypted block-storage class, made the cluster default by the baseline. */
export interface StorageClassPlan {
    readonly provisioner: string;
    readonly parameters: Readonly<Record<string, pulumi.Input<string>>>;
}

export interface HardenedCluster {
    readonly clusterName: pulumi.Output<string>;
    /** Secret. Authenticates through the cloud's CLI or plugin; never holds a static credential. */
    readonly kubeconfig: pulumi.Output<string>;
    /** Provider for everything the baseline creates in the cluster. */
    readonly provider: k8s.Provider;
    readonly subjects: KubernetesSubjects;
    readonly storageClass: StorageClassPlan;
    /**
     * Where signed images are enforced: "in-cluster" (Sigstore policy-controller, installed by the
     * baseline) or "cloud" (the platform's own, e.g. GKE Binary Authorization, set up by the component).
     */
    readonly imageVerification: "in-cluster" | "cloud";
    /** Resources that must exist before in-cluster objects are created (node pools, CNI add-on). */
    readonly readyResources: readonly pulumi.Resource[];
    /** Cloud-specific stack outputs (endpoint, CA, OIDC issuer, ...). */
    readonly outputs: Readonly<Record<string, pulumi.Output<unknown>>>;
}
