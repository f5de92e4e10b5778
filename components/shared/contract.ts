import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { BaselineHandover } from "./handover";

/**
 * The seam between a cloud's cluster component and the cloud-neutral Kubernetes baseline. Each cloud
 * hands over the same plain-data hand-over (handover.ts); the baseline knows nothing else about the cloud.
 */
export type { KubernetesSubjects, StorageClassPlan } from "./handover";

/** The hand-over as a cloud component builds it in-process: some leaves (key ARNs) are still computed. */
export type InProcessHandover = BaselineHandover<pulumi.Input<string>>;

/** How the in-process Kubernetes provider is made: what it waits for (the deployer's grant) and its options. */
export interface KubernetesAccess {
    readonly dependsOn: pulumi.Input<pulumi.Resource[]>;
    readonly enableServerSideApply?: boolean;
}

/**
 * What every cloud component hands over, in either layer. It creates no Kubernetes provider: a
 * cluster-layer stack has no Kubernetes objects, and an all-layer run makes one (kubernetes-provider.ts).
 */
export interface CloudCluster {
    readonly handover: InProcessHandover;
    readonly clusterName: pulumi.Output<string>;
    /** Secret. Authenticates through the cloud's CLI or plugin; never holds a static credential. */
    readonly kubeconfig: pulumi.Output<string>;
    /** Resources that must exist before in-cluster objects are created (node pools, CNI add-on). */
    readonly readyResources: readonly pulumi.Resource[];
    readonly kubernetesAccess: KubernetesAccess;
    /** Cloud-specific stack outputs (endpoint, CA, OIDC issuer, ...). */
    readonly outputs: Readonly<Record<string, pulumi.Output<unknown>>>;
}

/** In-process only: what an all-layer run also has, the provider the baseline is created through. */
export interface HardenedCluster extends CloudCluster {
    readonly provider: k8s.Provider;
}
