import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AwsConfig } from "../../config/types";
import { CloudCluster, InProcessHandover, KubernetesAccess, KubernetesSubjects, StorageClassPlan } from "../shared/contract";
import { handoverFromConfig } from "../shared/handover-plan";
import { commonTags } from "../../core/labels";
import { accessEntries } from "./access";
import { kubernetesSubjects, planAccessEntries } from "./access-plan";
import { afterNodesAddons, AddonsArgs, beforeNodesAddons } from "./addons";
import { nodeAutoscaling } from "./autoscaler";
import { AwsContext, childOptions } from "./context";
import { clusterRoles } from "./identity";
import { clusterKey } from "./key";
import { renderKubeconfig } from "./kubeconfig";
import {
    CONTAINER_INSIGHTS_LOG_KINDS,
    clusterLogGroupName,
    containerInsightsLogGroupName,
    encryptedLogGroup,
    flowLogGroupName,
} from "./logging";
import { containerObservability, runtimeAlertsOnCloudWatch } from "./observability";
import { ClusterNetwork, existingNetwork, newNetwork } from "./network";
import { nodeGroups } from "./nodegroups";
import { planNodeGroups } from "./nodegroup-plan";
import { stackRegistry } from "./registry";
import { planRegistry } from "./registry-plan";
import { platformIdentities } from "./platform-identities";
import { clusterSecurityGroups, runnerIngress } from "./security-groups";
import { planSubnets } from "./subnet-plan";
import { tenantSecrets } from "./tenant-secrets";

export interface EksHardenedClusterArgs {
    /** The validated stack config. */
    readonly config: AwsConfig;
    /** The stack's explicit AWS provider, already checked against its identity guard (connection.ts). */
    readonly provider: aws.Provider;
    /** The principal that runs the update: it gets cluster-admin through an access entry. */
    readonly deployerArn: string;
}

/** HC-AUD-01: every control-plane log stream, the API server audit log above all. */
export const CONTROL_PLANE_LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"] as const;

/**
 * An EKS cluster that meets the blueprint's cluster controls on its first `pulumi up`: private API
 * endpoint (HC-API-01), private nodes (HC-NET-01), network policy (HC-NET-02), flow logs (HC-NET-03),
 * KMS envelope encryption with a rotating key (HC-SEC-01/02), all control-plane logs kept for the
 * environment's retention (HC-AUD-01/02), IAM-only access through access entries (HC-IAM-01), Pod
 * Identity (HC-IAM-02), least-privilege roles (HC-IAM-03) and hardened nodes (HC-NODE-01..04).
 */
export class EksHardenedCluster extends pulumi.ComponentResource implements CloudCluster {
    readonly clusterName: pulumi.Output<string>;
    /** Secret; authenticates with `aws eks get-token`. */
    readonly kubeconfig: pulumi.Output<string>;
    readonly handover: InProcessHandover;
    readonly kubernetesAccess: KubernetesAccess;
    readonly subjects: KubernetesSubjects;
    readonly storageClass: StorageClassPlan<pulumi.Input<string>>;
    readonly imageVerification = "in-cluster" as const;
    readonly readyResources: pulumi.Resource[];
    readonly outputs: Record<string, pulumi.Output<unknown>>;
    readonly cluster: aws.eks.Cluster;
    /** The customer-managed key of Secrets, volumes and logs. */
    readonly kmsKey: aws.kms.Key;
    /** The API server URL (private unless apiAccess.authorizedCidrs is set). */
    readonly endpoint: pulumi.Output<string>;
    /** Base64 PEM of the cluster CA. */
    readonly certificateAuthorityData: pulumi.Output<string>;
    /** The cluster's OIDC issuer URL, for IRSA trust policies. */
    readonly oidcIssuer: pulumi.Output<string>;

    constructor(name: string, args: EksHardenedClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:aws:EksCluster", name, {}, opts);
        const { config } = args;
        const clusterName = config.clusterName;
        const provider = args.provider;
        const base = { parent: this, provider, name, region: config.region, tags: commonTags(clusterName, config.environment) };
        const partition = aws.getPartitionOutput({}, { parent: this, provider }).partition;
        const accountId = aws.getCallerIdentityOutput({}, { parent: this, provider }).accountId;
        const ctx: AwsContext = { ...base, partition, accountId };

        const roles = clusterRoles(ctx, clusterName);
        // baseline.monitoring "managed": the cloud's collectors ship container logs and metrics (Container Insights).
        const managedMonitoring = config.baseline.monitoring === "managed";
        const logGroupNames = [
            clusterLogGroupName(clusterName),
            ...(config.eks.existingPrivateSubnetIds ? [] : [flowLogGroupName(clusterName)]),
            ...(managedMonitoring ? CONTAINER_INSIGHTS_LOG_KINDS.map((kind) => containerInsightsLogGroupName(clusterName, kind)) : []),
        ];
        const { key } = clusterKey(ctx, {
            clusterName,
            clusterRoleArn: roles.cluster.arn,
            ebsRoleArns: [roles.ebsCsi.arn],
            logGroupNames,
            protect: config.deletionProtection,
        });

        const network: ClusterNetwork = config.eks.existingPrivateSubnetIds
            ? existingNetwork(ctx, config.eks.existingPrivateSubnetIds)
            : newNetwork(ctx, {
                  clusterName,
                  plan: planSubnets({ vpcCidr: config.network.cidr, zones: config.network.zones, natLayout: config.network.natLayout }),
                  interfaceEndpoints: config.eks.interfaceEndpoints,
                  kmsKeyArn: key.arn,
                  flowLogGroupName: flowLogGroupName(clusterName),
                  logRetentionDays: config.logRetentionDays,
                  adoptLogGroup: config.eks.adoptExistingLogGroups,
              });
        const securityGroups = clusterSecurityGroups(
            ctx,
            clusterName,
            network.vpcId,
            runnerIngress(config.apiAccess.privateSourceCidrs, config.apiAccess.privateSourceSecurityGroupIds),
        );

        // EKS writes control-plane logs to this fixed name and creates it (unencrypted, never expiring) if it is
        // missing; creating it first keeps retention and the key ours. It is retained on destroy, so rebuilding a
        // cluster of the same name adopts it (eks.adoptExistingLogGroups) rather than failing on the existing group.
        const clusterLogs = encryptedLogGroup(ctx, "cluster-logs", {
            logGroupName: clusterLogGroupName(clusterName),
            retentionDays: config.logRetentionDays,
            kmsKeyArn: key.arn,
            adopt: config.eks.adoptExistingLogGroups,
        });

        const publicCidrs = [...config.apiAccess.authorizedCidrs];
        this.cluster = new aws.eks.Cluster(
            `${name}-cluster`,
            {
                name: clusterName,
                version: config.kubernetesVersion,
                roleArn: roles.cluster.arn,
                vpcConfig: {
                    subnetIds: network.privateSubnetIds,
                    securityGroupIds: [securityGroups.controlPlane.id],
                    // HC-API-01: private endpoint always; public only to the listed CIDRs.
                    endpointPrivateAccess: true,
                    endpointPublicAccess: publicCidrs.length > 0,
                    ...(publicCidrs.length > 0 ? { publicAccessCidrs: publicCidrs } : {}),
                },
                kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: config.network.serviceCidr },
                // HC-IAM-01: IAM access entries only (no aws-auth ConfigMap), and no hidden admin for the creator.
                accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: false },
                // HC-SEC-01: Secrets envelope-encrypted with the customer-managed key.
                encryptionConfig: { provider: { keyArn: key.arn }, resources: ["secrets"] },
                // HC-AUD-01
                enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
                // The CNI, kube-proxy and CoreDNS come as managed add-ons below, pinned and configured.
                bootstrapSelfManagedAddons: false,
                deletionProtection: config.deletionProtection,
                // HC-NODE-05: set explicitly (AWS's default is EXTENDED). STANDARD: at the end of standard support
                // EKS upgrades the control plane instead of moving it silently onto paid extended support.
                upgradePolicy: { supportType: config.eks.supportType },
                tags: ctx.tags,
            },
            childOptions(ctx, { dependsOn: [clusterLogs, ...roles.clusterAttachments, ...securityGroups.rules] }),
        );
        const cluster = this.cluster;
        this.kmsKey = key;

        const access = accessEntries(
            ctx,
            cluster.name,
            planAccessEntries({ access: config.access, tenants: config.tenants, deployer: args.deployerArn }),
        );

        const addonArgs: AddonsArgs = {
            clusterName: cluster.name,
            versions: config.eks.addonVersions,
            vpcCniRoleArn: roles.vpcCni.arn,
            ebsCsiRoleArn: roles.ebsCsi.arn,
            roleAttachments: roles.addonAttachments,
        };
        const early = beforeNodesAddons(ctx, addonArgs);
        const groups = nodeGroups(ctx, {
            clusterName: cluster.name,
            kubernetesVersion: cluster.version,
            plans: planNodeGroups(config.nodePools, config.eks.nodeOs, config.upgrades),
            nodeRoleArn: roles.node.arn,
            subnetIds: network.privateSubnetIds,
            nodeSecurityGroupId: securityGroups.node.id,
            kmsKeyArn: key.arn,
            dependsOn: [...roles.nodeAttachments, early.vpcCni, early.kubeProxy, early.podIdentityAgent, ...network.egressReady],
        });
        const late = afterNodesAddons(ctx, addonArgs, groups);
        const observability = managedMonitoring
            ? containerObservability(ctx, {
                  clusterName,
                  cluster: cluster.name,
                  addonVersion: config.eks.addonVersions.cloudwatchObservability,
                  kmsKeyArn: key.arn,
                  retentionDays: config.logRetentionDays,
                  adoptLogGroups: config.eks.adoptExistingLogGroups,
                  nodeGroups: groups,
              })
            : undefined;
        // HC-SUP-05/06: the stack's registry under <clusterName>/ (registry.enabled), its caches (registry.mirror).
        const registryPlan = planRegistry(config);
        const registry = registryPlan
            ? stackRegistry(ctx, { plan: registryPlan, nodeRole: roles.node, protect: config.deletionProtection })
            : undefined;
        // The signature webhook reads the trusted ECR registries, the stack's own among them when trustedRegistries
        // default to it (config/registry.ts); a registry that is not trusted holds no image admission accepts.
        const platform = platformIdentities(ctx, { clusterName, cluster: cluster.name, trustedRegistries: config.trustedRegistries });
        const autoscaling = nodeAutoscaling(ctx, config, cluster.name);
        const secrets = tenantSecrets(ctx, config, { cluster: cluster.name, nodeGroups: groups });

        this.clusterName = cluster.name;
        const kubeconfig = pulumi.all([cluster.name, cluster.endpoint, cluster.certificateAuthority]).apply(([n, endpoint, ca]) =>
            renderKubeconfig({
                clusterName: n,
                endpoint,
                certificateAuthorityData: ca.data ?? "",
                region: config.region,
                providerSettings: config.providerSettings,
            }),
        );
        this.kubeconfig = pulumi.secret(kubeconfig);
        // The in-process Kubernetes provider (layer all) waits for the deployer's cluster-admin grant: its
        // own access entry and association, or the admin entry it shares (access-plan.ts).
        this.kubernetesAccess = { dependsOn: [...access.deployer], enableServerSideApply: true };
        this.subjects = kubernetesSubjects({ access: config.access, tenants: config.tenants });
        this.storageClass = {
            provisioner: "ebs.csi.aws.com",
            parameters: { type: "gp3", encrypted: "true", kmsKeyId: key.arn },
        };
        this.handover = handoverFromConfig(config, {
            subjects: this.subjects,
            storageClass: this.storageClass,
            imageVerification: this.imageVerification,
            platformIdentities: { ...platform.identities, ...autoscaling.identities },
            clusterAddons: autoscaling.addons,
            tenantIdentities: secrets.tenantIdentities,
            secretStore: secrets.secretStore,
            ...(observability ? { runtimeAlerts: runtimeAlertsOnCloudWatch(clusterName, config.region) } : {}),
            ...(registryPlan && Object.keys(registryPlan.imageMirror).length > 0 ? { imageMirror: registryPlan.imageMirror } : {}),
        });
        this.readyResources = [
            ...groups,
            early.podIdentityAgent,
            early.vpcCni,
            early.kubeProxy,
            late.coreDns,
            late.ebsCsi,
            ...platform.ready,
            ...(registry ? registry.ready : []),
            ...autoscaling.ready,
            ...secrets.ready,
            ...(observability ? [observability.addon] : []),
        ];
        this.endpoint = cluster.endpoint;
        this.certificateAuthorityData = cluster.certificateAuthority.apply((ca) => ca.data ?? "");
        this.oidcIssuer = cluster.identities.apply((ids) => ids[0]?.oidcs?.[0]?.issuer ?? "");
        this.outputs = {
            clusterArn: cluster.arn,
            clusterEndpoint: this.endpoint,
            clusterCertificateAuthority: this.certificateAuthorityData,
            oidcIssuer: this.oidcIssuer,
            kmsKeyArn: key.arn,
            vpcId: network.vpcId,
            ...(registry
                ? {
                      registryKeyArn: registry.key.arn,
                      registryRepositories: pulumi.output(registry.repositories.map((r) => r.repositoryUrl)),
                  }
                : {}),
            // Where to look (HC-RUN-03): container logs, and Falco's alerts among them.
            ...(observability
                ? {
                      containerLogGroup: observability.logGroups.application.name,
                      runtimeAlertsLocation: pulumi.output(this.handover.runtimeAlerts.location),
                  }
                : {}),
        };
        this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig, ...this.outputs });
    }
}
