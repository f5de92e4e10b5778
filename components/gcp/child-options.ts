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

/**
 * childOptions, ordered after `more` as well. The component's own dependsOn must be a list of resources
 * (as every caller in components/gcp passes it): an Output or a Promise could not be extended here.
 */
export function childOptionsAfter(
    parent: pulumi.ComponentResource,
    opts: pulumi.ComponentResourceOptions | undefined,
    more: readonly pulumi.Resource[],
): pulumi.CustomResourceOptions {
    const own = opts?.dependsOn;
    if (own !== undefined && !Array.isArray(own) && !pulumi.Resource.isInstance(own)) {
        throw new Error("childOptionsAfter: the component's dependsOn must be a resource or a list of resources");
    }
    const list = own === undefined ? [] : Array.isArray(own) ? own : [own];
    return { parent, dependsOn: [...list, ...more] };
}
