import * as pulumi from "@pulumi/pulumi";

/**
 * Options for a component's own resources: parented (provider inherited through the chain) and waiting
 * for what the component was told to wait for. `dependsOn` on a component is not inherited by its
 * children, so each child gets it explicitly: nothing is applied before the node pools and CNI are ready.
 */
export function childOpts(parent: pulumi.Resource, opts: pulumi.ComponentResourceOptions | undefined): pulumi.CustomResourceOptions {
    return { parent, dependsOn: opts?.dependsOn };
}
