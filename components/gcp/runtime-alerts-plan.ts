import { FALCO_NAMESPACE } from "../kubernetes/runtime-defence";

/**
 * HC-RUN-03 on GKE: Falco writes each alert as one JSON line to stdout (json_output), and GKE's logging
 * agent, on with the WORKLOADS logging component (control-plane-plan.ts LOGGED_COMPONENTS), ships every
 * container's stdout to Cloud Logging, parsing JSON lines into jsonPayload. Nothing else is needed: no
 * falcosidekick output, no extra identity. The alerts are kept with the cluster's other logs (_Default
 * bucket, the environment's retention). The query finds them in Logs Explorer or `gcloud logging read`.
 */
export function runtimeAlertsQuery(clusterName: string): string {
    return [
        'resource.type="k8s_container"',
        `resource.labels.cluster_name="${clusterName}"`,
        `resource.labels.namespace_name="${FALCO_NAMESPACE}"`,
        'resource.labels.container_name="falco"',
        "jsonPayload.rule:*",
    ].join(" AND ");
}

export function planRuntimeAlerts(clusterName: string): { falcosidekickConfig: Record<string, unknown>; location: string } {
    return { falcosidekickConfig: {}, location: `Cloud Logging (_Default bucket), query: ${runtimeAlertsQuery(clusterName)}` };
}
