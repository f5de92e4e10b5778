import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { HandoverError } from "../shared/handover-schema";
import { BaselineHandover } from "../shared/handover";
import { AdmissionControl } from "./admission/admission-control";
import { AmbientMesh } from "./ambient-mesh";
import { planAdmission } from "./admission/plan";
import { ClusterAddons } from "./cluster-addons";
import { ClusterRbac } from "./cluster-rbac";
import { ImageSignatures } from "./image-signatures";
import { InClusterMonitoring } from "./monitoring";
import { BASELINE_CHART_IDENTITIES, unclaimedIdentities } from "./platform-identities";
import { RuntimeDefence } from "./runtime-defence";
import { DefaultStorageClass } from "./storage";
import { TenantNamespace } from "./tenant-namespace";
import { planTenant } from "./tenant-plan";
import { nodeAgentTolerations } from "./tolerations";

export interface KubernetesBaselineArgs {
    /** Everything the baseline needs from the cloud layer, as plain data (leaves may still be computed in-process). */
    readonly handover: BaselineHandover<pulumi.Input<string>>;
    /** The provider every in-cluster object is created through. */
    readonly provider: k8s.Provider;
    /** What must exist first (node pools, CNI); empty when the cluster comes from another stack or already runs. */
    readonly dependsOn: readonly pulumi.Resource[];
}

/** Platform service accounts some installed chart owns, so their identities can be applied. */
function claimedAccounts(handover: BaselineHandover<pulumi.Input<string>>, signaturesInCluster: boolean): Set<string> {
    const claimed = new Set<string>();
    if (signaturesInCluster) Object.keys(BASELINE_CHART_IDENTITIES.policyController).forEach((a) => claimed.add(a));
    for (const addon of handover.clusterAddons) {
        if (addon.kind === "helm") Object.keys(addon.serviceAccounts ?? {}).forEach((a) => claimed.add(a));
    }
    return claimed;
}

/**
 * The cloud-neutral in-cluster baseline, the same code on EKS, AKS, GKE and clusters the blueprint did not
 * build. It knows the cluster only through the hand-over: every child is created through `provider`, the
 * hand-over's cluster add-ons first (in order), everything else after them and after `dependsOn`.
 */
export class KubernetesBaseline extends pulumi.ComponentResource {
    readonly tenantNamespaces: Record<string, pulumi.Output<string>> = {};

    constructor(name: string, args: KubernetesBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:kubernetes:Baseline", name, {}, opts);
        const { handover } = args;
        const version = handover.kubernetesVersion;
        const signaturesInCluster = handover.imageVerification === "in-cluster";
        const unclaimed = unclaimedIdentities(handover.platformIdentities, claimedAccounts(handover, signaturesInCluster));
        if (unclaimed.length > 0) {
            throw new HandoverError(
                unclaimed.map((account) => ({
                    key: `baselineHandover.platformIdentities.${account}`,
                    value: handover.platformIdentities[account],
                    allowed:
                        "an account of a chart the baseline installs (policy-controller) or of a Helm add-on that declares it in serviceAccounts",
                })),
                `cluster ${handover.clusterName}`,
            );
        }
        // Children inherit the provider through the parent chain; each component forwards dependsOn to its own
        // resources (childOpts), so nothing is applied before the node pools and CNI are ready.
        const ready: pulumi.ComponentResourceOptions = {
            parent: this,
            providers: { kubernetes: args.provider },
            dependsOn: [...args.dependsOn],
        };
        const addons =
            handover.clusterAddons.length > 0
                ? new ClusterAddons(
                      `${name}-addons`,
                      {
                          addons: handover.clusterAddons,
                          identities: handover.platformIdentities,
                          kubernetesVersion: version,
                          imageMirror: handover.imageMirror,
                      },
                      ready,
                  )
                : undefined;
        const childDependencies = addons ? [...args.dependsOn, ...addons.resources] : [...args.dependsOn];
        const child: pulumi.ComponentResourceOptions = { ...ready, dependsOn: childDependencies };

        const rbac = new ClusterRbac(`${name}-rbac`, { subjects: handover.subjects }, child);
        new DefaultStorageClass(`${name}-storage`, { plan: handover.storageClass, retainVolumes: handover.environment === "prod" }, child);
        new AdmissionControl(
            `${name}-admission`,
            {
                policies: planAdmission({
                    mode: handover.admission.mode,
                    requireImageDigest: handover.admission.requireImageDigest,
                    trustedRegistries: handover.trustedRegistries,
                }),
            },
            child,
        );
        // HC-NET-07: Istio ambient where the cloud has no managed pod-traffic encryption (the hand-over decides).
        const ambientMesh = handover.trafficEncryption.kind === "istio-ambient";
        const mesh = ambientMesh
            ? new AmbientMesh(`${name}-mesh`, { kubernetesVersion: version, imageMirror: handover.imageMirror }, child)
            : undefined;
        for (const tenant of handover.tenants) {
            const plan = planTenant(tenant, handover.subjects, version, signaturesInCluster, ambientMesh);
            // After the editors' ClusterRole, so no binding ever names a role that does not exist yet.
            const component = new TenantNamespace(
                `${name}-tenant-${tenant.name}`,
                {
                    plan,
                    protect: handover.deletionProtection,
                    identity: handover.tenantIdentities[tenant.name],
                    meshReady: mesh?.resources,
                },
                { ...child, dependsOn: [...childDependencies, rbac.tenantEditorRole] },
            );
            this.tenantNamespaces[tenant.name] = component.namespaceName;
        }
        // GKE verifies signatures with Binary Authorization, set up by the cloud layer (imageVerification "cloud").
        if (signaturesInCluster) {
            new ImageSignatures(
                `${name}-image-signatures`,
                {
                    signatures: handover.baseline.imageSignatures,
                    mode: handover.admission.mode,
                    kubernetesVersion: version,
                    identities: handover.platformIdentities,
                    imageMirror: handover.imageMirror,
                },
                child,
            );
        }
        const tolerations = nodeAgentTolerations(handover.nodeTaints);
        if (handover.baseline.runtimeDefence) {
            new RuntimeDefence(
                `${name}-runtime`,
                { tolerations, kubernetesVersion: version, alerts: handover.runtimeAlerts, imageMirror: handover.imageMirror },
                child,
            );
        }
        if (handover.baseline.monitoring === "in-cluster") {
            new InClusterMonitoring(
                `${name}-monitoring`,
                { tolerations, kubernetesVersion: version, imageMirror: handover.imageMirror },
                child,
            );
        }
        this.registerOutputs({ tenantNamespaces: this.tenantNamespaces });
    }
}
