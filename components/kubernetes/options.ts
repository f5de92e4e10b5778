import * as pulumi from "@pulumi/pulumi";

/**
 * Options for a component's own resources: parented (provider inherited through the chain) and waiting
 * for what the component was told to wait for, plus `extra` dependencies of this child. `dependsOn` on a
 * component is not inherited by its children, so each child gets it explicitly: nothing is applied
 * before the node pools and CNI are ready.
 */
export function childOpts(
    parent: pulumi.Resource,
    opts: pulumi.ComponentResourceOptions | undefined,
    extra: readonly pulumi.Resource[] = [],
): pulumi.CustomResourceOptions {
    const given = opts?.dependsOn;
    if (extra.length === 0) return { parent, dependsOn: given };
    const inherited: pulumi.Input<pulumi.Resource>[] =
        given === undefined ? [] : Array.isArray(given) ? given : [given as pulumi.Input<pulumi.Resource>];
    return { parent, dependsOn: [...inherited, ...extra] };
}
