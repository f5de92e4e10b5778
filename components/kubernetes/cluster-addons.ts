import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AddonSpec, WorkloadIdentity } from "../shared/handover";
import { KubernetesObject } from "./kubernetes-object";
import { childOpts } from "./options";
import { platformNamespace } from "./platform-namespace";
import { withIdentities } from "./platform-identities";
import { CHART_IMAGES, pinnedChartKey, withImageMirror } from "./image-mirror";

export interface ClusterAddonsArgs<V> {
    /** From the hand-over, in order: what the cloud layer needs in the cluster but cannot apply itself. */
    readonly addons: readonly AddonSpec[];
    /** Cloud identities of platform service accounts; a Helm add-on's declared accounts get theirs in its values. */
    readonly identities: Readonly<Record<string, WorkloadIdentity<V>>>;
    readonly kubernetesVersion: string;
    /** The hand-over's imageMirror: a Helm add-on of a pinned chart (CHARTS) pulls its images through it. */
    readonly imageMirror?: Readonly<Record<string, string>>;
}

/** An add-on's values with its identities and, when its chart is one the blueprint pins, the image mirror. */
export function addonValues<V>(
    addon: Extract<AddonSpec, { kind: "helm" }>,
    identities: Readonly<Record<string, WorkloadIdentity<V>>>,
    imageMirror: Readonly<Record<string, string>> | undefined,
): Readonly<Record<string, unknown>> {
    const values = withIdentities(addon.values, addon.serviceAccounts, identities);
    const key = pinnedChartKey(addon.chart);
    return key ? withImageMirror(values, CHART_IMAGES[key].images, imageMirror) : values;
}

/** The name of one manifest object's resource: the add-on key, then kind, namespace and name (stable, no index). */
export function manifestObjectKey(addonKey: string, object: Readonly<Record<string, unknown>>): string {
    const metadata = (object["metadata"] ?? {}) as { name?: string; namespace?: string };
    return [addonKey, String(object["kind"]).toLowerCase(), metadata.namespace, metadata.name].filter(Boolean).join("-");
}

/**
 * Applies the hand-over's cluster add-ons one after another (Karpenter before the workloads that need its
 * nodes, the Secrets Store driver before the SecretProviderClasses): Helm v3 releases, pinned, atomic,
 * cleaned up on failure, in a platform namespace when asked; manifests object by object. `resources` is
 * what the rest of the baseline waits for.
 */
export class ClusterAddons<V> extends pulumi.ComponentResource {
    readonly resources: pulumi.Resource[] = [];

    constructor(name: string, args: ClusterAddonsArgs<V>, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:kubernetes:ClusterAddons", name, {}, opts);
        let previous: pulumi.Resource[] = [];
        for (const addon of args.addons) {
            const after = childOpts(this, opts, previous);
            const created: pulumi.Resource[] = [];
            if (addon.kind === "helm") {
                const namespace = addon.createNamespace
                    ? platformNamespace(
                          `${name}-${addon.key}-ns`,
                          { namespace: addon.namespace, enforce: addon.createNamespace.enforce, kubernetesVersion: args.kubernetesVersion },
                          after,
                      )
                    : undefined;
                if (namespace) created.push(namespace);
                created.push(
                    new k8s.helm.v3.Release(
                        `${name}-${addon.key}`,
                        {
                            name: addon.key,
                            chart: addon.chart.name,
                            version: addon.chart.version,
                            repositoryOpts: { repo: addon.chart.repo },
                            namespace: namespace ? namespace.metadata.name : addon.namespace,
                            values: addonValues(addon, args.identities, args.imageMirror),
                            atomic: true,
                            cleanupOnFail: true,
                        },
                        namespace ? childOpts(this, opts, [...previous, namespace]) : after,
                    ),
                );
            } else {
                for (const object of addon.objects) {
                    created.push(new KubernetesObject(`${name}-${manifestObjectKey(addon.key, object)}`, object, after));
                }
            }
            this.resources.push(...created);
            previous = created;
        }
        this.registerOutputs({});
    }
}
