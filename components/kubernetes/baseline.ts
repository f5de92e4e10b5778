import * as pulumi from "@pulumi/pulumi";
import { HardenedConfig } from "../../config/types";
import { HardenedCluster } from "../shared/contract";
import { AdmissionControl } from "./admission/admission-control";
import { planAdmission } from "./admission/plan";
import { ClusterRbac } from "./cluster-rbac";
import { ImageSignatures } from "./image-signatures";
import { InClusterMonitoring } from "./monitoring";
import { RuntimeDefence } from "./runtime-defence";
import { DefaultStorageClass } from "./storage";
import { TenantNamespace } from "./tenant-namespace";
import { planTenant } from "./tenant-plan";
import { nodeAgentTolerations } from "./tolerations";

export interface KubernetesBaselineArgs {
    /** The validated stack config: tenants, registries, admission mode, baseline settings. */
    readonly config: HardenedConfig;
    /** The cloud component's hand-over: provider, identity mapping, storage plan, readiness. */
    readonly cluster: HardenedCluster;
}

/**
 * The cloud-neutral in-cluster baseline, the same code on EKS, AKS and GKE. Every child is created
 * through `cluster.provider` and only after `cluster.readyResources` (node pools, CNI) exist.
 */
export class KubernetesBaseline extends pulumi.ComponentResource {
    readonly tenantNamespaces: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, args: KubernetesBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:kubernetes:Baseline", name, {}, opts);
        const { config, cluster } = args;
        // Children inherit the provider through the parent chain; each component forwards dependsOn to its own
        // resources (childOpts), so nothing is applied before the node pools and CNI are ready.
        const child: pulumi.ComponentResourceOptions = {
            parent: this,
            providers: { kubernetes: cluster.provider },
            dependsOn: [...cluster.readyResources],
        };
        const version = config.kubernetesVersion;
        const signaturesInCluster = cluster.imageVerification === "in-cluster";

        const rbac = new ClusterRbac(`${name}-rbac`, { subjects: cluster.subjects }, child);
        new DefaultStorageClass(`${name}-storage`, { plan: cluster.storageClass, retainVolumes: config.environment === "prod" }, child);
        new AdmissionControl(
            `${name}-admission`,
            {
                policies: planAdmission({
                    mode: config.admission.mode,
                    requireImageDigest: config.admission.requireImageDigest,
                    trustedRegistries: config.trustedRegistries,
                }),
            },
            child,
        );
        for (const tenant of config.tenants) {
            const plan = planTenant(tenant, cluster.subjects, version, signaturesInCluster);
            // After the editors' ClusterRole, so no binding ever names a role that does not exist yet.
            const component = new TenantNamespace(
                `${name}-tenant-${tenant.name}`,
                { plan, protect: config.deletionProtection },
                { ...child, dependsOn: [...cluster.readyResources, rbac.tenantEditorRole] },
            );
            this.tenantNamespaces[tenant.name] = component.namespaceName;
        }
        // GKE verifies signatures with Binary Authorization, set up by the cloud component (cluster.imageVerification "cloud").
        if (signaturesInCluster) {
            new ImageSignatures(
                `${name}-image-signatures`,
                { signatures: config.baseline.imageSignatures, mode: config.admission.mode, kubernetesVersion: version },
                child,
            );
        }
        const tolerations = nodeAgentTolerations(config);
        if (config.baseline.runtimeDefence) {
            new RuntimeDefence(`${name}-runtime`, { tolerations, kubernetesVersion: version }, child);
        }
        if (config.baseline.monitoring === "in-cluster") {
            new InClusterMonitoring(`${name}-monitoring`, { tolerations, kubernetesVersion: version }, child);
        }
        this.registerOutputs({ tenantNamespaces: this.tenantNamespaces });
    }
}
