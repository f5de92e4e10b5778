// @bufbuild/cel ships CJS; the offline evaluator for the admission policies' CEL.
import { isCelError, run } from "@bufbuild/cel";
import { CelValidation, CelVariable } from "../../core/admission-cel";

/**
 * Evaluates a ValidatingAdmissionPolicy's validations as the API server would: `object` and
 * `namespaceObject` bound, each variable computed in order into `variables`. JSON objects become CEL maps
 * (field selection and `has()` work on them as on the server's dynamic `object`), whole numbers ints.
 */
function toCel(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(toCel);
    if (value !== null && typeof value === "object") return new Map(Object.entries(value).map(([k, v]) => [k, toCel(v)]));
    if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
    return value;
}

export interface AdmissionRequest {
    readonly object: unknown;
    readonly namespaceObject?: unknown;
}

type Bindings = Parameters<typeof run>[1];

function evaluate(expression: string, bindings: Record<string, unknown>): unknown {
    const result = run(expression, bindings as Bindings);
    if (isCelError(result)) throw new Error(`CEL error in ${expression}: ${String(result.message ?? result)}`);
    return result;
}

/** Keys of the validations that reject the request (empty: admitted). Throws on a CEL error. */
export function failingValidations(
    variables: readonly CelVariable[],
    validations: readonly CelValidation[],
    request: AdmissionRequest,
): string[] {
    const computed = new Map<string, unknown>();
    const bindings: Record<string, unknown> = {
        object: toCel(request.object),
        namespaceObject: toCel(request.namespaceObject ?? null),
        variables: computed,
    };
    for (const variable of variables) computed.set(variable.name, evaluate(variable.expression, bindings));
    return validations.filter((v) => evaluate(v.expression, bindings) !== true).map((v) => v.key);
}
