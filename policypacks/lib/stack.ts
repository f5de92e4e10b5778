import { PolicyResource, StackValidation } from "@pulumi/policy";

/** A resource class of a provider SDK, as `validateResourceOfType` takes it. */
type ResourceClass = { __pulumiType?: string } | { new (...rest: never[]): unknown; __pulumiType?: string };

/**
 * Like @pulumi/policy's validateStackResourcesOfType, but `check` also sees every resource of the stack
 * (validateStackResourcesOfType narrows args.resources to the type), for policies that relate two types:
 * a flow log to its VPC, a quota to its namespace. Not applicable when the stack has none of the type.
 */
export function validateStackWithRelated(
    cls: ResourceClass,
    check: (typed: PolicyResource[], all: readonly PolicyResource[], report: (message: string, urn?: string) => void) => void,
): StackValidation {
    const type = cls.__pulumiType;
    if (typeof type !== "string") throw new Error("validateStackWithRelated needs a resource class with a Pulumi type");
    const fn: StackValidation = (args, report) => {
        const typed = args.resources.filter((r) => r.type === type);
        if (typed.length === 0) return args.notApplicable(`no ${type} in the stack`);
        check(typed, args.resources, (message, urn) => report(message, urn));
    };
    (fn as { __pulumiType?: string }).__pulumiType = type;
    return fn;
}

/** URNs of the resources a property depends on (how a flow log names its VPC, even while ids are unknown). */
export function dependencyUrns(resource: PolicyResource, property: string): string[] {
    return (resource.propertyDependencies[property] ?? []).map((d) => d.urn);
}
