import * as k8s from "@pulumi/kubernetes";
import { controlStackPolicy } from "../../lib/define";
import { isTenantNamespace, NamespaceIndex, namespaceLabel } from "./namespaces";
import { validateStackWithRelated } from "../../lib/stack";

/** HC-ISO-03: every tenant namespace has a ResourceQuota with hard limits. Linear: quotas indexed by namespace once. */
export const namespaceRequireResourceQuota = controlStackPolicy({
    name: "kubernetes-namespace-require-resource-quota",
    controlId: "HC-ISO-03",
    description: "Every tenant namespace has a ResourceQuota with at least one hard limit.",
    remediationSteps: "Add a ResourceQuota with requests/limits for cpu and memory, pods, and services.nodeports/loadbalancers 0.",
    validateStack: validateStackWithRelated(k8s.core.v1.Namespace, (namespaces, all, report) => {
        const quotas = new NamespaceIndex();
        for (const r of all) {
            if (!r.isType(k8s.core.v1.ResourceQuota)) continue;
            const hard = ((r.props["spec"] ?? {}) as { hard?: Record<string, unknown> }).hard ?? {};
            if (Object.keys(hard).length > 0) quotas.add(r);
        }
        for (const ns of namespaces) {
            if (isTenantNamespace(ns) && !quotas.has(ns)) {
                report(`Namespace ${namespaceLabel(ns)} has no ResourceQuota; add one with hard limits for cpu, memory and pods`, ns.urn);
            }
        }
    }),
});
