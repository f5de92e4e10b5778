import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { BaselineHandover } from "../shared/handover";
import { AwsContext, childOptions } from "./context";
import { podIdentityRole } from "./identity";
import { CONTAINER_INSIGHTS_LOG_KINDS, ContainerInsightsLogKind, containerInsightsLogGroupName, encryptedLogGroup } from "./logging";
import { containerInsightsAgentPolicy } from "./policy-documents";

/** The add-on's service account, shared by the CloudWatch agent and its Fluent Bit DaemonSet. */
export const CLOUDWATCH_AGENT_ACCOUNT = { namespace: "amazon-cloudwatch", serviceAccount: "cloudwatch-agent" } as const;

/**
 * HC-RUN-03: container logs on (the add-on's default, written down so a change is a visible diff). The
 * chart's DaemonSets tolerate every taint by default (`tolerations: [{operator: Exists}]`), so the system
 * and isolated pools are covered. Checked against the aws-observability helm chart's values.yaml.
 */
export const CLOUDWATCH_OBSERVABILITY_CONFIGURATION = JSON.stringify({ containerLogs: { enabled: true } });

/**
 * Where Falco's alerts land on EKS (HC-RUN-02/03): Falco writes one JSON line per alert to stdout, and the
 * add-on's Fluent Bit ships every container's stdout to the application group. falcosidekick needs no AWS
 * credentials for that, so its config stays empty.
 */
export function runtimeAlertsOnCloudWatch(clusterName: string, region: string): BaselineHandover["runtimeAlerts"] {
    const group = containerInsightsLogGroupName(clusterName, "application");
    return {
        falcosidekickConfig: {},
        location: `CloudWatch Logs ${group} in ${region}: Falco's JSON alerts, kubernetes.namespace_name "falco", container "falco" (Logs Insights: filter kubernetes.namespace_name = "falco" and ispresent(log_processed.rule))`,
    };
}

export interface ContainerObservabilityArgs {
    readonly clusterName: string;
    /** The cluster's name as an output, so the add-on waits for the cluster. */
    readonly cluster: pulumi.Input<string>;
    readonly addonVersion: string;
    readonly kmsKeyArn: pulumi.Input<string>;
    readonly retentionDays: number;
    readonly adoptLogGroups: boolean;
    /** The add-on's agent and Fluent Bit are DaemonSets plus a controller: they need nodes. */
    readonly nodeGroups: pulumi.Resource[];
}

export interface ContainerObservability {
    readonly addon: aws.eks.Addon;
    readonly logGroups: Readonly<Record<ContainerInsightsLogKind, aws.cloudwatch.LogGroup>>;
}

/**
 * Container Insights through the amazon-cloudwatch-observability add-on (baseline.monitoring "managed"):
 * container logs, node-service logs and metrics leave the nodes. Its four log groups are created first with
 * the cluster key and the environment's retention (HC-AUD-02), so the agents never create unencrypted,
 * never-expiring ones. Its identity is a Pod Identity role (add-on v3.1.0 or later) that writes only into
 * those groups (policy-documents.ts), not AWS's broader CloudWatchAgentServerPolicy.
 *
 * What ships from Bottlerocket nodes: container stdout/stderr (application), containerd and kubelet from
 * the journal (dataplane), and the agent's metric events (performance). The host group stays empty: the
 * chart tails /var/log/dmesg, messages and secure, which Bottlerocket does not write.
 */
export function containerObservability(ctx: AwsContext, args: ContainerObservabilityArgs): ContainerObservability {
    const logGroups = Object.fromEntries(
        CONTAINER_INSIGHTS_LOG_KINDS.map((kind) => [
            kind,
            encryptedLogGroup(ctx, `container-insights-${kind}`, {
                logGroupName: containerInsightsLogGroupName(args.clusterName, kind),
                retentionDays: args.retentionDays,
                kmsKeyArn: args.kmsKeyArn,
                adopt: args.adoptLogGroups,
            }),
        ]),
    ) as Record<ContainerInsightsLogKind, aws.cloudwatch.LogGroup>;
    const role = podIdentityRole(ctx, "cloudwatch-agent-role", args.clusterName, CLOUDWATCH_AGENT_ACCOUNT);
    const groupArns = pulumi.all(CONTAINER_INSIGHTS_LOG_KINDS.map((kind) => logGroups[kind].arn));
    const write = new aws.iam.RolePolicy(
        `${ctx.name}-cloudwatch-agent-write`,
        { role: role.id, policy: groupArns.apply((arns) => JSON.stringify(containerInsightsAgentPolicy(arns))) },
        childOptions(ctx),
    );
    const addon = new aws.eks.Addon(
        `${ctx.name}-amazon-cloudwatch-observability`,
        {
            clusterName: args.cluster,
            addonName: "amazon-cloudwatch-observability",
            addonVersion: args.addonVersion,
            configurationValues: CLOUDWATCH_OBSERVABILITY_CONFIGURATION,
            podIdentityAssociations: [{ serviceAccount: CLOUDWATCH_AGENT_ACCOUNT.serviceAccount, roleArn: role.arn }],
            resolveConflictsOnCreate: "OVERWRITE",
            resolveConflictsOnUpdate: "OVERWRITE",
            tags: ctx.tags,
        },
        childOptions(ctx, { dependsOn: [...args.nodeGroups, write, ...Object.values(logGroups)] }),
    );
    return { addon, logGroups };
}
