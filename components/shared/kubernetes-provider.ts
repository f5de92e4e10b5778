import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CloudCluster, HardenedCluster } from "./contract";

/**
 * The Kubernetes provider of an all-layer run, from the cloud component's kubeconfig. Named
 * `<component>-k8s` and parented to the component, as it was when the components made it themselves, so
 * its URN (and every in-cluster object's provider reference) stays the same. It waits for the
 * deployer's cluster access (EKS access entry, AKS role assignment) before the first in-cluster call.
 */
export function connectKubernetes(name: string, component: pulumi.Resource & CloudCluster): HardenedCluster {
    const { kubernetesAccess } = component;
    const provider = new k8s.Provider(
        `${name}-k8s`,
        {
            kubeconfig: component.kubeconfig,
            ...(kubernetesAccess.enableServerSideApply !== undefined
                ? { enableServerSideApply: kubernetesAccess.enableServerSideApply }
                : {}),
        },
        { parent: component, dependsOn: kubernetesAccess.dependsOn },
    );
    return {
        handover: component.handover,
        clusterName: component.clusterName,
        kubeconfig: component.kubeconfig,
        readyResources: component.readyResources,
        kubernetesAccess,
        outputs: component.outputs,
        provider,
    };
}
