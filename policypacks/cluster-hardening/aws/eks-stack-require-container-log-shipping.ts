import * as aws from "@pulumi/aws";
import { PolicyResource } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";
import { dependencyUrns, validateStackWithRelated } from "../../lib/stack";
import { parseConfigurationValues } from "./lib";

const ADDON = "aws:eks/addon:Addon";
export const OBSERVABILITY_ADDON = "amazon-cloudwatch-observability";

/** containerLogs.enabled from the add-on's configurationValues: undefined when unset or not decidable. */
function containerLogsEnabled(addon: PolicyResource): { decided: boolean; enabled?: unknown } {
    const text = addon.props["configurationValues"];
    if (text === undefined) return { decided: true };
    if (typeof text !== "string") return { decided: false };
    const parsed = parseConfigurationValues(text);
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== "object") return { decided: false };
    const logs = (parsed.value as Record<string, unknown>)["containerLogs"];
    if (logs === null || typeof logs !== "object") return { decided: true };
    return { decided: true, enabled: (logs as Record<string, unknown>)["enabled"] };
}

/**
 * HC-RUN-03. Container logs, Falco's alerts among them, leave the nodes for CloudWatch Logs: each EKS cluster
 * has the amazon-cloudwatch-observability add-on (its Fluent Bit ships every container's output), with
 * container logs not switched off. Related through the add-on's clusterName property dependency, with the
 * literal cluster name as a fallback. A cluster shipping logs another way records an exception naming it.
 */
export const awsEksStackRequireContainerLogShipping = controlStackPolicy({
    name: "aws-eks-stack-require-container-log-shipping",
    controlId: "HC-RUN-03",
    description: "Every EKS cluster ships container logs and runtime alerts to CloudWatch Logs (amazon-cloudwatch-observability add-on).",
    remediationSteps: `Add an aws.eks.Addon ${OBSERVABILITY_ADDON} for the cluster, without containerLogs.enabled false (blueprint: baseline.monitoring managed).`,
    validateStack: validateStackWithRelated(aws.eks.Cluster, (clusters, all, report) => {
        const addons = all.filter((r) => r.type === ADDON && r.props["addonName"] === OBSERVABILITY_ADDON);
        for (const cluster of clusters) {
            const mine = addons.filter(
                (a) =>
                    dependencyUrns(a, "clusterName").includes(cluster.urn) ||
                    ((a.propertyDependencies["clusterName"] ?? []).length === 0 &&
                        cluster.props["name"] !== undefined &&
                        a.props["clusterName"] === cluster.props["name"]),
            );
            if (mine.length === 0) {
                report(
                    `EKS cluster ${cluster.name} has no ${OBSERVABILITY_ADDON} add-on, so container logs and Falco's alerts stay on the nodes; add the add-on, or record an HC-RUN-03 exception naming the log shipper you run instead`,
                    cluster.urn,
                );
                continue;
            }
            for (const addon of mine) {
                const { decided, enabled } = containerLogsEnabled(addon);
                if (decided && enabled === false) {
                    report(
                        `the ${OBSERVABILITY_ADDON} add-on ${addon.name} sets containerLogs.enabled false, so container logs and Falco's alerts stay on the nodes; remove it or set it true`,
                        addon.urn,
                    );
                }
            }
        }
    }),
});
