import { ResourceValidation, ResourceValidationArgs, ReportViolation } from "@pulumi/policy";

/**
 * One resource validation over several resource types: each `validateResourceOfType(...)` given runs on
 * its own type; every other resource is not applicable. (A policy's `validateResource` may be a list, but
 * the control wrapper in lib/define.ts takes one function.)
 */
export function byType(...validations: ResourceValidation[]): ResourceValidation {
    const typed = validations.map((v) => ({ type: (v as { __pulumiType?: string }).__pulumiType, validate: v }));
    for (const t of typed) if (!t.type) throw new Error("byType needs validateResourceOfType(...) validations");
    return (args: ResourceValidationArgs, report: ReportViolation) => {
        const match = typed.find((t) => t.type === args.type);
        if (!match) return args.notApplicable(`not one of ${typed.map((t) => t.type).join(", ")}`);
        return match.validate(args, report);
    };
}
