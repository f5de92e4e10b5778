import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GcpConfig } from "../../config/types";
import { commonTags } from "../../core/labels";
import { AccessPlan } from "./access-plan";
import { LOGGED_COMPONENTS, planEndpoint } from "./control-plane-plan";
import { gkeAutoscalingProfile, inTransitEncryption, planMaintenancePolicy } from "./day2-plan";
import { LocationPlan } from "./location-plan";
import { NetworkPlan } from "./network-plan";
import { NODE_OAUTH_SCOPES } from "./node-identity-plan";
import { planSecretManager } from "./secret-store-plan";

export interface ControlPlaneArgs {
    readonly config: GcpConfig;
    readonly location: LocationPlan;
    readonly network: NetworkPlan;
    readonly access: AccessPlan;
    readonly networkId: pulumi.Input<string>;
    readonly subnetworkId: pulumi.Input<string>;
    /** Key id of the Secrets key (database encryption). */
    readonly secretsKeyId: pulumi.Input<string>;
    /** Key id for the temporary default pool's boot disk. */
    readonly disksKeyId: pulumi.Input<string>;
    readonly nodeServiceAccountEmail: pulumi.Input<string>;
}

/**
 * The GKE Standard cluster itself, each setting beside the control it serves. The default node pool is
 * removed once the cluster exists; the pools are separate NodePool resources (node-pools.ts). The
 * default pool still runs for a few minutes at creation, so its nodeConfig is hardened like the others
 * (own service account, metadata server, shielded COS nodes) and never runs as the Compute Engine
 * default service account.
 */
export function createControlPlane(name: string, args: ControlPlaneArgs, opts: pulumi.CustomResourceOptions): gcp.container.Cluster {
    const { config, location, network, access } = args;
    const endpoint = planEndpoint(config);
    return new gcp.container.Cluster(
        name,
        {
            name: config.clusterName,
            description: `Hardened GKE cluster ${config.clusterName} (${config.environment})`,
            location: location.location,
            deletionProtection: config.deletionProtection,
            resourceLabels: commonTags(config.clusterName, config.environment),
            // HC-NODE-05 (CIS GKE 5.5.4): the channel upgrades the control plane; the minimum pins the minor.
            releaseChannel: { channel: config.gke.releaseChannel },
            minMasterVersion: config.kubernetesVersion,
            // HC-NODE-07: automatic upgrades only in the config's maintenance window, never in its exclusions.
            maintenancePolicy: planMaintenancePolicy(config.maintenance),
            // The cluster autoscaler's profile for the pools (node auto-provisioning stays off).
            clusterAutoscaling: { enabled: false, autoscalingProfile: gkeAutoscalingProfile(config.autoscaling.profile) },

            removeDefaultNodePool: true,
            initialNodeCount: 1,
            nodeConfig: {
                serviceAccount: args.nodeServiceAccountEmail,
                oauthScopes: [...NODE_OAUTH_SCOPES],
                imageType: "COS_CONTAINERD",
                diskType: "pd-balanced",
                bootDiskKmsKey: args.disksKeyId,
                shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
                workloadMetadataConfig: { mode: "GKE_METADATA" },
                metadata: { "disable-legacy-endpoints": "true" },
                // HC-NODE-06 (CIS GKE 3.2.4): no unauthenticated kubelet read-only port (10255), even for minutes.
                kubeletConfig: { insecureKubeletReadonlyPortEnabled: "FALSE" },
            },
            // HC-NODE-06 (CIS GKE 3.2.4): pools created later without their own kubeletConfig (by hand, by
            // another tool) start without the read-only port too. GKE does not apply this to existing pools,
            // so every NodePool also sets it (node-pools.ts).
            nodePoolDefaults: { nodeConfigDefaults: { insecureKubeletReadonlyPortEnabled: "FALSE" } },

            network: args.networkId,
            subnetwork: args.subnetworkId,
            networkingMode: "VPC_NATIVE",
            // GKE's default, stated because the pod range is sized for it (a /24 per node, config/clouds/gke.ts).
            defaultMaxPodsPerNode: 110,
            ipAllocationPolicy: {
                clusterSecondaryRangeName: network.pods.rangeName,
                servicesSecondaryRangeName: network.services.rangeName,
            },
            // HC-NET-01 / HC-API-01: nodes without external addresses; endpoint private unless CIDRs are listed.
            privateClusterConfig: {
                enablePrivateNodes: true,
                enablePrivateEndpoint: endpoint.privateEndpoint,
                masterIpv4CidrBlock: network.masterCidr,
                masterGlobalAccessConfig: { enabled: false },
            },
            masterAuthorizedNetworksConfig: {
                cidrBlocks: endpoint.authorizedNetworks.map((n) => ({ ...n })),
                gcpPublicCidrsAccessEnabled: false,
            },
            // HC-API-01 (CIS GKE 5.6.4: DNS-based access or private endpoints): the deployer's and people's
            // way in is the DNS-based endpoint, reachable from any network that reaches Google APIs and
            // admitted by IAM (container.clusters.connect) before Kubernetes RBAC; the IP endpoints above stay
            // private. Only Google credentials pass it: Kubernetes tokens and client certificates are refused
            // there, so nothing IAM does not check gets through an address the internet can reach.
            controlPlaneEndpointsConfig: {
                dnsEndpointConfig: { allowExternalTraffic: true, enableK8sTokensViaDns: false, enableK8sCertsViaDns: false },
                ipEndpointsConfig: { enabled: true },
            },
            // HC-NET-02 (CIS GKE 5.6.7): Dataplane V2 (Cilium, eBPF) always enforces NetworkPolicy.
            datapathProvider: "ADVANCED_DATAPATH",
            // HC-NET-07: pod traffic between nodes is encrypted by Dataplane V2 (WireGuard) when
            // trafficEncryption.enabled (prod by default). Not covered: hostNetwork pods, NodePort first hops.
            inTransitEncryptionConfig: inTransitEncryption(config.trafficEncryption.enabled),
            // Pod-to-pod traffic on one node goes through the VPC, so flow logs see it too (HC-NET-03).
            enableIntranodeVisibility: true,
            addonsConfig: {
                // Dataplane V2 enforces policies itself; the Calico add-on must stay off with it.
                networkPolicyConfig: { disabled: true },
                gcePersistentDiskCsiDriverConfig: { enabled: true },
            },

            // HC-IAM-06 (CIS GKE 4.4.2): with secretStore.enabled, GKE runs and upgrades the Secrets Store CSI
            // driver with Google's provider (the Secret Manager add-on); tenants mount their secrets from Secret
            // Manager through their own identity (tenant-secrets.ts) instead of writing Kubernetes Secrets.
            secretManagerConfig: planSecretManager(config.secretStore.enabled, config.kubernetesVersion),

            // HC-SEC-01 (CIS GKE 5.3.1): Secrets envelope-encrypted with the customer-managed key.
            databaseEncryption: { state: "ENCRYPTED", keyName: args.secretsKeyId },

            // HC-IAM-01 (CIS GKE 5.8.1-5.8.3): no client certificate, no legacy ABAC, Google Groups for RBAC.
            masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
            enableLegacyAbac: false,
            // CIS GKE 5.10.2: no alpha features (alpha clusters cannot be upgraded and expire after 30 days).
            enableKubernetesAlpha: false,
            authenticatorGroupsConfig: { securityGroup: access.securityGroup },
            // No RBAC bindings to system:authenticated / system:unauthenticated beyond the defaults' discovery roles.
            rbacBindingConfig: { enableInsecureBindingSystemAuthenticated: false, enableInsecureBindingSystemUnauthenticated: false },
            // HC-IAM-02 (CIS GKE 5.2.2): pods get their own Google identities through Workload Identity.
            workloadIdentityConfig: { workloadPool: `${config.gke.projectId}.svc.id.goog` },

            // HC-NODE-04 (CIS GKE 5.5.5): shielded nodes verify node identity to the control plane.
            enableShieldedNodes: true,

            // HC-AUD-01 (CIS GKE 5.7.1): control-plane and workload logs to Cloud Logging.
            loggingConfig: { enableComponents: [...LOGGED_COMPONENTS] },
            monitoringConfig: { enableComponents: ["SYSTEM_COMPONENTS"], managedPrometheus: { enabled: true } },

            // HC-RUN-01 (CIS GKE 5.1.1): GKE security posture audits workload configuration. Image
            // vulnerability scanning runs in Artifact Analysis (containerscanning API), as GKE's own
            // basic vulnerability scanning (VULNERABILITY_BASIC) is deprecated.
            securityPostureConfig: { mode: "BASIC", vulnerabilityMode: "VULNERABILITY_DISABLED" },

            // HC-SUP-01 (CIS GKE 5.10.5): enforce the project's Binary Authorization policy.
            binaryAuthorization: { evaluationMode: "PROJECT_SINGLETON_POLICY_ENFORCE" },
        },
        {
            ...opts,
            // nodeConfig and initialNodeCount only shape the default pool, which is gone after creation;
            // GKE then reports another pool's settings there, and the diff would force a new cluster.
            ignoreChanges: ["nodeConfig", "initialNodeCount"],
        },
    );
}
