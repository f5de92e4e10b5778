import * as pulumi from "@pulumi/pulumi";
import { AwsConfig } from "../../config/types";
import { HelmAddonSpec, WorkloadIdentity } from "../shared/handover";
import { CLUSTER_AUTOSCALER_ACCOUNT, CLUSTER_AUTOSCALER_ACCOUNT_KEY, clusterAutoscalerAddon } from "./autoscaler-plan";
import { AwsContext } from "./context";
import { podIdentityGrant } from "./identity";
import { clusterAutoscalerPolicy } from "./policy-documents";

export interface NodeAutoscaling {
    /** The hand-over's cluster add-ons: the autoscaler's chart, installed by the baseline. */
    readonly addons: HelmAddonSpec[];
    /** Hand-over entries, keyed "<namespace>/<serviceAccount>". */
    readonly identities: Record<string, WorkloadIdentity<pulumi.Input<string>>>;
    /** The role's policy and the Pod Identity association: they exist before the autoscaler starts. */
    readonly ready: pulumi.Resource[];
}

/**
 * `eks.autoscaler` (issue 14): the Cluster Autoscaler's Pod Identity role, scoped to this cluster's node groups
 * (policy-documents.ts), its association with the chart's service account, and the chart as a cluster add-on.
 * "none": nothing; the node groups stay at the size they have.
 */
export function nodeAutoscaling(ctx: AwsContext, config: AwsConfig, cluster: pulumi.Input<string>): NodeAutoscaling {
    if (config.eks.autoscaler === "none") return { addons: [], identities: {}, ready: [] };
    const grant = podIdentityGrant(ctx, {
        key: "cluster-autoscaler",
        policyKey: "scale",
        clusterName: config.clusterName,
        cluster,
        account: CLUSTER_AUTOSCALER_ACCOUNT,
        policy: clusterAutoscalerPolicy(config.clusterName),
    });
    const addon = clusterAutoscalerAddon({
        clusterName: config.clusterName,
        region: config.region,
        kubernetesVersion: config.kubernetesVersion,
        profile: config.autoscaling.profile,
        systemTaints: config.nodePools.system.taints,
    });
    return { addons: [addon], identities: { [CLUSTER_AUTOSCALER_ACCOUNT_KEY]: { annotations: {}, podLabels: {} } }, ready: grant.ready };
}
