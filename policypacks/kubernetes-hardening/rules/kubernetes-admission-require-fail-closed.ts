import { controlResourcePolicy } from "../../lib/define";
import { KINDS, list, record, validateObjects } from "./objects";

/**
 * HC-ADM-01: ValidatingAdmissionPolicies fail closed and their bindings deny. An unset failurePolicy is
 * Fail (the API's default), so only an explicit Ignore is refused. A binding must include Deny, unless
 * `allowWarn` (dev config) accepts Warn-only bindings; Audit alone is never enough. Checked on objects,
 * server-side-apply patches (judged on what they set) and lists, in every API version.
 */
export const admissionRequireFailClosed = controlResourcePolicy({
    name: "kubernetes-admission-require-fail-closed",
    controlId: "HC-ADM-01",
    description: "ValidatingAdmissionPolicies have failurePolicy Fail and their bindings use the Deny action.",
    remediationSteps: "Set failurePolicy: Fail on the policy and validationActions: [Deny] on the binding.",
    configProperties: {
        allowWarn: {
            type: "boolean",
            default: false,
            description: "Accept bindings whose validationActions are Warn (with or without Audit) instead of Deny (dev environments).",
        },
    },
    validateResource: validateObjects([KINDS.validatingAdmissionPolicy, KINDS.validatingAdmissionPolicyBinding], (object, args, report) => {
        const spec = record(object.body["spec"]) ?? {};
        if (object.kind === "ValidatingAdmissionPolicy") {
            const failurePolicy = spec["failurePolicy"];
            if (failurePolicy !== undefined && failurePolicy !== null && failurePolicy !== "Fail") {
                report(
                    `${object.label} has failurePolicy ${String(failurePolicy)}; set failurePolicy to Fail so an evaluation error rejects the request`,
                );
            }
            return;
        }
        const given = spec["validationActions"];
        // A patch that leaves validationActions alone keeps the binding's own.
        if (object.variant === "patch" && (given === undefined || given === null)) return;
        const actions = list<string>(given);
        if (actions.includes("Deny")) return;
        const allowWarn = args.getConfig<{ allowWarn?: boolean }>().allowWarn === true;
        if (allowWarn && actions.includes("Warn")) return;
        report(
            `${object.label} has validationActions [${actions.join(", ")}]; set validationActions to [Deny]${allowWarn ? " (or Warn in dev)" : ""}`,
        );
    }),
});
