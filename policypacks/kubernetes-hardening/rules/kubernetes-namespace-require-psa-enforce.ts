import * as k8s from "@pulumi/kubernetes";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { PSA_LEVELS } from "../../../core/vocabulary";
import { metadataOf } from "./of-types";

const ENFORCE = "pod-security.kubernetes.io/enforce";

/**
 * HC-ISO-01 (CIS 5.2.1): every namespace enforces a Pod Security level other than privileged. Node
 * agents that truly need privileged (Falco) run in a namespace that carries a reviewed, expiring
 * exception annotation (exceptions.hardened-cluster.io/HC-ISO-01), which turns the finding advisory.
 */
export const namespaceRequirePsaEnforce = controlResourcePolicy({
    name: "kubernetes-namespace-require-psa-enforce",
    controlId: "HC-ISO-01",
    description: "Namespaces set pod-security.kubernetes.io/enforce to restricted or baseline.",
    remediationSteps: "Label the namespace pod-security.kubernetes.io/enforce=restricted (and enforce-version).",
    validateResource: validateResourceOfType(k8s.core.v1.Namespace, (_ns, args, report) => {
        const meta = metadataOf(args.props);
        const name = meta.name ?? args.name;
        const level = meta.labels?.[ENFORCE];
        if (level === undefined) {
            report(`Namespace ${name} has no ${ENFORCE} label; set it to restricted`);
        } else if (!(PSA_LEVELS as readonly string[]).includes(level)) {
            report(`Namespace ${name} has ${ENFORCE}=${level}, not a Pod Security level; set it to restricted`);
        } else if (level === "privileged") {
            report(
                `Namespace ${name} enforces the privileged Pod Security level; set ${ENFORCE} to restricted (or baseline), or carry a reviewed exception for HC-ISO-01`,
            );
        }
    }),
});
