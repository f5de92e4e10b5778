import * as k8s from "@pulumi/kubernetes";
import { controlResourcePolicy } from "../../lib/define";
import { kindOfType, metadataOf, validateResourceOfTypes } from "./of-types";

/**
 * HC-ADM-01: ValidatingAdmissionPolicies fail closed and their bindings deny. An unset failurePolicy is
 * Fail (the API's default for admissionregistration.k8s.io/v1), so only an explicit Ignore is refused.
 * A binding must include Deny, unless `allowWarn` (dev) accepts Warn/Audit-only bindings.
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
            description: "Accept bindings whose validationActions are Warn/Audit only (dev environments).",
        },
    },
    validateResource: validateResourceOfTypes(
        [k8s.admissionregistration.v1.ValidatingAdmissionPolicy, k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding],
        (props, args, report) => {
            const kind = kindOfType(args.type);
            const name = metadataOf(props).name ?? args.name;
            const spec = (props["spec"] ?? {}) as { failurePolicy?: string; validationActions?: readonly string[] };
            if (kind === "ValidatingAdmissionPolicy") {
                if (spec.failurePolicy !== undefined && spec.failurePolicy !== "Fail") {
                    report(
                        `ValidatingAdmissionPolicy ${name} has failurePolicy ${spec.failurePolicy}; set failurePolicy to Fail so an evaluation error rejects the request`,
                    );
                }
                return;
            }
            const actions = spec.validationActions ?? [];
            if (actions.includes("Deny")) return;
            const allowWarn = args.getConfig<{ allowWarn?: boolean }>().allowWarn === true;
            if (allowWarn && actions.includes("Warn")) return;
            report(
                `ValidatingAdmissionPolicyBinding ${name} has validationActions [${actions.join(", ")}]; set validationActions to [Deny]${allowWarn ? " (or Warn in dev)" : ""}`,
            );
        },
    ),
});
