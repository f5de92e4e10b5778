import * as k8s from "@pulumi/kubernetes";
import { controlResourcePolicy } from "../../lib/define";
import { kindOfType, metadataOf, validateResourceOfTypes } from "./of-types";

interface PolicyRuleView {
    readonly apiGroups?: readonly string[];
    readonly resources?: readonly string[];
    readonly verbs?: readonly string[];
    readonly nonResourceURLs?: readonly string[];
}

const FIELDS = ["verbs", "resources", "apiGroups"] as const;

/** HC-RBAC-01 (CIS 5.1.3): Role and ClusterRole rules list their verbs, resources and API groups. */
export const rbacDenyWildcardRules = controlResourcePolicy({
    name: "kubernetes-rbac-deny-wildcard-rules",
    controlId: "HC-RBAC-01",
    description: 'Role and ClusterRole rules use no "*" in verbs, resources or apiGroups.',
    remediationSteps: 'Replace "*" with the explicit verbs, resources and API groups the role needs.',
    validateResource: validateResourceOfTypes([k8s.rbac.v1.Role, k8s.rbac.v1.ClusterRole], (props, args, report) => {
        const rules = (props["rules"] ?? []) as readonly PolicyRuleView[];
        const meta = metadataOf(props);
        const role = `${kindOfType(args.type)} ${meta.namespace ? `${meta.namespace}/` : ""}${meta.name ?? args.name}`;
        rules.forEach((rule, i) => {
            const wild = FIELDS.filter((f) => (rule[f] ?? []).includes("*"));
            if (wild.length > 0) {
                report(`${role} rule ${i + 1} has "*" in ${wild.join(", ")}; list the exact ${wild.join(", ")} the role needs`);
            }
        });
    }),
});
