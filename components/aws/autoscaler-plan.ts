import { AutoscalingProfile } from "../../config/day2";
import { Taint } from "../../config/types";
import { POOL_LABEL } from "../../core/labels";
import { CHARTS } from "../kubernetes/charts";
import { HelmAddonSpec } from "../shared/handover";

/**
 * Node autoscaling on EKS (issue 14): the Kubernetes Cluster Autoscaler, handed to the baseline as a Helm
 * cluster add-on. It only changes the desired size of the managed node groups' Auto Scaling groups, so every
 * node still comes from the blueprint's launch templates (IMDSv2 hop limit 1, encrypted volumes, Bottlerocket,
 * private subnets); Karpenter would be a second node-provisioning path with its own node class, policies and a
 * far larger IAM surface (it launches instances itself). Pure: config in, add-on spec out.
 */

/** The autoscaler's service account: created by the chart (rbac.serviceAccount), named here so the Pod Identity association matches it. */
export const CLUSTER_AUTOSCALER_ACCOUNT = { namespace: "kube-system", serviceAccount: "cluster-autoscaler" } as const;
export const CLUSTER_AUTOSCALER_ACCOUNT_KEY = `${CLUSTER_AUTOSCALER_ACCOUNT.namespace}/${CLUSTER_AUTOSCALER_ACCOUNT.serviceAccount}`;

/**
 * The autoscaler simulates the scheduler of its own Kubernetes minor, so its image minor must match the
 * cluster's. Tested pairs (chart CHARTS.clusterAutoscaler); another minor takes that minor's .0 release,
 * which exists for every minor the autoscaler supports (check the patch notes before an upgrade).
 */
export const CLUSTER_AUTOSCALER_IMAGE_TAGS: Readonly<Record<string, string>> = { "1.34": "v1.34.1" };

export function clusterAutoscalerImageTag(kubernetesVersion: string): string {
    const minor = kubernetesVersion.split(".").slice(0, 2).join(".");
    return CLUSTER_AUTOSCALER_IMAGE_TAGS[minor] ?? `v${minor}.0`;
}

/**
 * Scale-down per `autoscaling.profile`. balanced: the autoscaler's own defaults, written down so a change is a
 * visible diff. optimize-utilization (dev's default): nodes below 70 % requested are candidates, removed after
 * 3 minutes unneeded and 5 minutes after a scale-up, trading headroom for cost like GKE's profile of that name.
 */
export const SCALE_DOWN_BY_PROFILE: Readonly<Record<AutoscalingProfile, Readonly<Record<string, string>>>> = {
    balanced: { "scale-down-utilization-threshold": "0.5", "scale-down-unneeded-time": "10m", "scale-down-delay-after-add": "10m" },
    "optimize-utilization": {
        "scale-down-utilization-threshold": "0.7",
        "scale-down-unneeded-time": "3m",
        "scale-down-delay-after-add": "5m",
    },
};

export interface ClusterAutoscalerPlanArgs {
    readonly clusterName: string;
    readonly region: string;
    readonly kubernetesVersion: string;
    readonly profile: AutoscalingProfile;
    /** The system pool's taints (CriticalAddonsOnly): the autoscaler runs there and tolerates them. */
    readonly systemTaints: readonly Taint[];
}

/** The chart's values at CHARTS.clusterAutoscaler, checked against the chart's values.yaml (kubernetes/autoscaler). */
export function clusterAutoscalerAddon(args: ClusterAutoscalerPlanArgs): HelmAddonSpec {
    const chart = CHARTS.clusterAutoscaler;
    return {
        kind: "helm",
        key: "cluster-autoscaler",
        namespace: CLUSTER_AUTOSCALER_ACCOUNT.namespace,
        chart: { name: chart.chart, version: chart.version, repo: chart.repo },
        values: {
            cloudProvider: "aws",
            awsRegion: args.region,
            // Finds the groups tagged k8s.io/cluster-autoscaler/enabled and k8s.io/cluster-autoscaler/<cluster>, as
            // EKS tags every managed node group's Auto Scaling group.
            autoDiscovery: { clusterName: args.clusterName },
            image: { tag: clusterAutoscalerImageTag(args.kubernetesVersion) },
            rbac: { create: true, serviceAccount: { create: true, name: CLUSTER_AUTOSCALER_ACCOUNT.serviceAccount } },
            extraArgs: {
                // The pools are spread over the zones as one group each; similar groups are kept level.
                "balance-similar-node-groups": "true",
                expander: "least-waste",
                // skip-nodes-with-system-pods keeps its default (true): the system pool holds CoreDNS and the
                // controllers, and is not emptied to save a node.
                ...SCALE_DOWN_BY_PROFILE[args.profile],
            },
            replicaCount: 1,
            priorityClassName: "system-cluster-critical",
            nodeSelector: { [POOL_LABEL]: "system" },
            tolerations: args.systemTaints.map((t) => ({ key: t.key, operator: "Equal", value: t.value, effect: t.effect })),
            // Pod Security "restricted": non-root (the image is distroless nonroot, 65532), no privilege escalation,
            // every capability dropped, read-only root, RuntimeDefault seccomp.
            securityContext: {
                runAsNonRoot: true,
                runAsUser: 65532,
                runAsGroup: 65532,
                fsGroup: 65532,
                seccompProfile: { type: "RuntimeDefault" },
            },
            containerSecurityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                capabilities: { drop: ["ALL"] },
                seccompProfile: { type: "RuntimeDefault" },
            },
            resources: { requests: { cpu: "100m", memory: "300Mi" }, limits: { cpu: "500m", memory: "600Mi" } },
        },
        // Pod Identity needs no annotation; the paths are where the chart puts an account's annotations and pod labels.
        serviceAccounts: {
            [CLUSTER_AUTOSCALER_ACCOUNT_KEY]: { annotations: ["rbac", "serviceAccount", "annotations"], podLabels: ["podLabels"] },
        },
    };
}
