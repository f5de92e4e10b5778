import * as pulumi from "@pulumi/pulumi";

/**
 * Options for a component's children: parented to it and ordered after whatever the component was
 * told to depend on. Pulumi does not pass a component's `dependsOn` down to its children, so without
 * this a key ring could be created before the Cloud KMS API is enabled.
 */
export function childOptions(
    parent: pulumi.ComponentResource,
    opts: pulumi.ComponentResourceOptions | undefined,
): pulumi.CustomResourceOptions {
    return { parent, dependsOn: opts?.dependsOn };
}
