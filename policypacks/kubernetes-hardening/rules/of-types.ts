import { PolicyResource, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";

/** A resource class of the provider SDK, as `validateResourceOfType` takes it. */
export type ResourceClass = Parameters<ResourceValidationArgs["isType"]>[0];

/**
 * A validation for a few related kinds (Role and ClusterRole, a resource and its Patch): runs `check` on
 * those and is not applicable to anything else, as `validateResourceOfType` does for one class.
 */
export function validateResourceOfTypes(
    classes: readonly ResourceClass[],
    check: (props: Record<string, unknown>, args: ResourceValidationArgs, report: (message: string) => void) => void,
): ResourceValidation {
    return (args, report) => {
        if (!classes.some((cls) => args.isType(cls))) return args.notApplicable("not one of the policy's kinds");
        check(args.props as Record<string, unknown>, args, (message) => report(message));
    };
}

/** Kind from the type token: "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole" → "ClusterRole". */
export function kindOfType(type: string): string {
    return type.slice(type.lastIndexOf(":") + 1);
}

export interface ObjectMeta {
    readonly name?: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
}

export function metadataOf(props: Record<string, unknown>): ObjectMeta {
    const metadata = props["metadata"];
    return metadata !== null && typeof metadata === "object" ? (metadata as ObjectMeta) : {};
}

/** The Kubernetes provider's resources are of type "kubernetes:..."; the provider itself "pulumi:providers:kubernetes". */
export function hasKubernetes(resources: readonly PolicyResource[]): boolean {
    return resources.some((r) => r.type === "pulumi:providers:kubernetes" || r.type.startsWith("kubernetes:"));
}
