import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { GcpConfig } from "../../config/types";
import { CloudCluster, InProcessHandover, KubernetesAccess, KubernetesSubjects, StorageClassPlan } from "../shared/contract";
import { handoverFromConfig } from "../shared/handover-plan";
import { commonTags } from "../../core/labels";
import { GkeAccess } from "./access";
import { planAccess } from "./access-plan";
import { BinaryAuthorization } from "./binary-authorization";
import { planAttestation } from "./binary-authorization-plan";
import { createControlPlane } from "./control-plane";
import { ClusterKeys } from "./key";
import { renderKubeconfig } from "./kubeconfig";
import { LogRetention } from "./logging";
import { planLocation } from "./location-plan";
import { GkeNetwork } from "./network";
import { planNetwork } from "./network-plan";
import { NodeIdentity } from "./node-identity";
import { GkeNodePools } from "./node-pools";
import { planNodePools } from "./pool-plan";
import { ImageRegistry } from "./registry";
import { planRuntimeAlerts, runtimeAlertsQuery } from "./runtime-alerts-plan";
import { imageMirrorOf, planRegistry } from "./registry-plan";
import { GKE_SECRETS_PROVIDER, tenantSecretPrefix } from "./secret-store-plan";
import { TenantSecrets } from "./tenant-secrets";
import { ProjectServices } from "./services";

export interface GkeHardenedClusterArgs {
    /** The validated stack config. */
    readonly config: GcpConfig;
    /** The stack's explicit gcp provider, already checked against its identity guard (connection.ts). */
    readonly provider: gcp.Provider;
}

/**
 * A GKE Standard cluster at least as strict as the GKE hardening guide and the CIS GKE Benchmark, in
 * a project that only needs to exist: the component enables the APIs, builds the network, keys and
 * identities, then the cluster and its pools, in that order. Every Google Cloud resource goes through
 * one explicit provider pinned to the stack's project and region, never the ambient gcloud defaults.
 */
export class GkeHardenedCluster extends pulumi.ComponentResource implements CloudCluster {
    readonly clusterName: pulumi.Output<string>;
    readonly kubeconfig: pulumi.Output<string>;
    readonly handover: InProcessHandover;
    /** IAM alone admits the deployer at the DNS endpoint; nothing to wait for. */
    readonly kubernetesAccess: KubernetesAccess = { dependsOn: [] };
    readonly subjects: KubernetesSubjects;
    readonly storageClass: StorageClassPlan<pulumi.Input<string>>;
    /**
     * "cloud": GKE enforces image trust itself (Binary Authorization: only trusted registries), so the
     * baseline skips its in-cluster verifier. "in-cluster" when the stack lists cosign signing
     * identities or keys (baseline.imageSignatures): the project's Binary Authorization policy cannot
     * check cosign signatures, so the baseline's verifier must, on top of Binary Authorization.
     */
    readonly imageVerification: "in-cluster" | "cloud";
    readonly readyResources: pulumi.Resource[];
    readonly outputs: Record<string, pulumi.Output<unknown>>;
    /** The cluster resource, for callers that add to it. */
    readonly cluster: gcp.container.Cluster;

    constructor(name: string, args: GkeHardenedClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:GkeCluster", name, {}, opts);
        const { config } = args;
        const projectId = config.gke.projectId;
        const labels = commonTags(config.clusterName, config.environment);

        const location = planLocation(config);
        const networkPlan = planNetwork(config);
        const accessPlan = planAccess(config);
        const poolPlans = planNodePools(config, location.zoneCount);

        const gcpProvider = args.provider;
        const inProject = { parent: this, providers: [gcpProvider] };

        const services = new ProjectServices(`${name}-services`, { projectId }, inProject);
        // Everything else needs the APIs on (and their service agents created) first.
        const afterServices = { ...inProject, dependsOn: [services] };

        const project = gcp.organizations.getProjectOutput({ projectId }, { parent: this, provider: gcpProvider });
        const projectNumber = project.number.apply((n) => {
            if (!n) throw new Error(`project ${projectId} has no project number: does it exist, and may the deployer read it?`);
            return n;
        });

        const nodeIdentity = new NodeIdentity(`${name}-node-identity`, { clusterName: config.clusterName, projectId }, afterServices);
        const network = new GkeNetwork(
            `${name}-network`,
            { clusterName: config.clusterName, region: config.region, plan: networkPlan, nodeServiceAccountEmail: nodeIdentity.email },
            afterServices,
        );
        const keys = new ClusterKeys(
            `${name}-keys`,
            {
                region: config.region,
                projectNumber,
                protect: config.deletionProtection,
                labels,
                agentsReady: {
                    gke: [services.agents["container.googleapis.com"]],
                    artifactRegistry: [services.agents["artifactregistry.googleapis.com"]],
                    // Compute Engine's agent cannot be generated on request; it exists once the API has
                    // been used, which the network and subnetwork (Compute Engine resources) have done.
                    compute: [network.subnetwork],
                },
            },
            afterServices,
        );
        const logRetention = new LogRetention(`${name}-logs`, { projectId, retentionDays: config.logRetentionDays }, afterServices);
        const access = new GkeAccess(`${name}-access`, { projectId, plan: accessPlan }, afterServices);
        const registryPlan = planRegistry(config);
        const registry = new ImageRegistry(
            `${name}-registry`,
            { projectId, plan: registryPlan, kmsKeyName: keys.registryKey.id, protect: config.deletionProtection, labels },
            // Artifact Registry checks at creation that its agent may use the key.
            { ...inProject, dependsOn: [services, keys.registryKeyGrant] },
        );
        const binaryAuthorization = new BinaryAuthorization(
            `${name}-binauthz`,
            { projectId, plan: planAttestation(config), signingKey: keys.signingKey, provider: gcpProvider },
            afterServices,
        );

        this.cluster = createControlPlane(
            `${name}-cluster`,
            {
                config,
                location,
                network: networkPlan,
                access: accessPlan,
                networkId: network.network.id,
                subnetworkId: network.subnetwork.id,
                secretsKeyId: keys.secretsKey.id,
                disksKeyId: keys.disksKey.id,
                nodeServiceAccountEmail: nodeIdentity.email,
            },
            {
                parent: this,
                provider: gcpProvider,
                // GKE checks at creation that its service agent may use the Secrets key, and the default
                // pool's boot disk needs Compute Engine's grant; the node account needs its roles before
                // nodes register; enforcement must start with the project's policy, not Google's default;
                // audit logging and retention are in place before the first API call is made.
                dependsOn: [services, keys.secretsKeyGrant, keys.disksKeyGrant, nodeIdentity, binaryAuthorization, access, logRetention],
            },
        );

        const pools = new GkeNodePools(
            `${name}-pools`,
            {
                pools: poolPlans,
                clusterId: this.cluster.id,
                location: this.cluster.location,
                serviceAccountEmail: nodeIdentity.email,
                bootDiskKmsKey: keys.disksKey.id,
                resourceLabels: labels,
            },
            { ...inProject, dependsOn: [keys.disksKeyGrant, nodeIdentity] },
        );

        // HC-IAM-06: each tenant's own principal reads only its own secrets (secret-store-plan.ts). After the
        // cluster: GKE creates the project's workload identity pool the grants name.
        const tenantSecrets = config.secretStore.enabled
            ? new TenantSecrets(
                  `${name}-tenant-secrets`,
                  { projectId, projectNumber, clusterName: config.clusterName, tenants: config.tenants },
                  { ...inProject, dependsOn: [services, this.cluster] },
              )
            : undefined;

        this.clusterName = this.cluster.name;
        const caCertificate = this.cluster.masterAuth.apply((auth) => auth.clusterCaCertificate ?? "");
        // The kubeconfig targets the DNS-based endpoint (the deployer's path from outside the VPC), whose
        // certificate is publicly trusted: no CA data, gke-gcloud-auth-plugin for the Google credentials.
        const dnsEndpoint = this.cluster.controlPlaneEndpointsConfig.apply((c) => c.dnsEndpointConfig?.endpoint ?? "");
        this.kubeconfig = pulumi.secret(
            pulumi.all([this.cluster.name, dnsEndpoint]).apply(([clusterName, endpoint]) =>
                renderKubeconfig({
                    contextName: `gke_${projectId}_${location.location}_${clusterName}`,
                    endpoint,
                    providerSettings: config.providerSettings,
                }),
            ),
        );
        this.subjects = accessPlan.subjects;
        const signatures = config.baseline.imageSignatures;
        this.imageVerification = signatures.keyless.length + signatures.publicKeys.length > 0 ? "in-cluster" : "cloud";
        // HC-DATA-01: the default StorageClass encrypts volumes with the disks key (Compute Engine's agent holds it).
        this.storageClass = {
            provisioner: "pd.csi.storage.gke.io",
            parameters: { type: "pd-balanced", "disk-encryption-kms-key": keys.disksKey.id },
        };
        this.handover = handoverFromConfig(config, {
            subjects: this.subjects,
            storageClass: this.storageClass,
            imageVerification: this.imageVerification,
            runtimeAlerts: planRuntimeAlerts(config.clusterName),
            tenantIdentities: tenantSecrets?.identities ?? {},
            secretStore: config.secretStore.enabled
                ? {
                      enabled: true,
                      settings: {
                          provider: GKE_SECRETS_PROVIDER,
                          project: projectId,
                          secretIdPrefix: tenantSecretPrefix(config.clusterName, "<tenant>"),
                      },
                  }
                : { enabled: false, settings: {} },
            ...(imageMirrorOf(registryPlan) ? { imageMirror: imageMirrorOf(registryPlan) } : {}),
        });
        this.readyResources = [this.cluster, ...pools.pools];
        this.outputs = {
            gcpProject: pulumi.output(projectId),
            clusterLocation: this.cluster.location,
            clusterEndpoint: this.cluster.endpoint,
            clusterDnsEndpoint: dnsEndpoint,
            clusterCaCertificate: caCertificate,
            workloadIdentityPool: pulumi.output(`${projectId}.svc.id.goog`),
            nodeServiceAccount: nodeIdentity.email,
            secretsKeyId: keys.secretsKey.id,
            // Push images here (HC-SUP-05/06); Artifact Analysis scans each push. Attest with the key below.
            imageRegistry: pulumi.output(registryPlan.url),
            // HC-RUN-03: where Falco's alerts land (Cloud Logging, through GKE's logging agent).
            runtimeAlertsQuery: pulumi.output(runtimeAlertsQuery(config.clusterName)),
            imageRegistryRepository: registry.repository.id,
            // registry.mirror: where each upstream registry's images are pulled through (remote repositories).
            imageMirrors: pulumi.output(imageMirrorOf(registryPlan) ?? {}),
            attestor: binaryAuthorization.attestor.id,
            attestationKey: keys.signingKey.id,
        };
        this.registerOutputs({ clusterName: this.clusterName, kubeconfig: this.kubeconfig, ...this.outputs });
    }
}
