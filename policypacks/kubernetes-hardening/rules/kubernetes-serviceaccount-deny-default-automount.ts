import * as k8s from "@pulumi/kubernetes";
import { controlResourcePolicy } from "../../lib/define";
import { metadataOf, validateResourceOfTypes } from "./of-types";

/**
 * HC-SA-01 (CIS 5.1.5, 5.1.6): the `default` ServiceAccount of a namespace does not automount its token.
 * Checked on ServiceAccount resources and on ServiceAccountPatch (how the baseline manages the existing one).
 */
export const serviceAccountDenyDefaultAutomount = controlResourcePolicy({
    name: "kubernetes-serviceaccount-deny-default-automount",
    controlId: "HC-SA-01",
    description: "The default ServiceAccount of every namespace sets automountServiceAccountToken: false.",
    remediationSteps:
        "Patch the default ServiceAccount with automountServiceAccountToken: false; give pods that call the API their own ServiceAccount.",
    validateResource: validateResourceOfTypes([k8s.core.v1.ServiceAccount, k8s.core.v1.ServiceAccountPatch], (props, _args, report) => {
        const meta = metadataOf(props);
        if (meta.name !== "default") return;
        const automount = props["automountServiceAccountToken"];
        if (automount !== false) {
            report(
                `ServiceAccount ${meta.namespace ?? "(default)"}/default has automountServiceAccountToken ${automount === undefined ? "unset (true)" : String(automount)}; set it to false`,
            );
        }
    }),
});
