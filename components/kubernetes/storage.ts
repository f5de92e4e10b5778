import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childOpts } from "./options";
import { StorageClassPlan } from "../shared/contract";

export interface DefaultStorageClassArgs {
    /** The cloud's encrypted CSI class (provisioner and parameters), from the cluster component. */
    readonly plan: StorageClassPlan<pulumi.Input<string>>;
    /** Prod keeps the volume when its claim is deleted (data survives a mistaken `kubectl delete pvc`). */
    readonly retainVolumes: boolean;
}

/** HC-DATA-01: the cluster's default StorageClass encrypts every volume a team asks for. */
export class DefaultStorageClass extends pulumi.ComponentResource {
    constructor(name: string, args: DefaultStorageClassArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:kubernetes:DefaultStorageClass", name, {}, opts);
        new k8s.storage.v1.StorageClass(
            `${name}-class`,
            {
                metadata: { name: "encrypted", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
                provisioner: args.plan.provisioner,
                parameters: { ...args.plan.parameters },
                allowVolumeExpansion: true,
                // Bind in the pod's zone, after scheduling, instead of in a random zone first.
                volumeBindingMode: "WaitForFirstConsumer",
                reclaimPolicy: args.retainVolumes ? "Retain" : "Delete",
            },
            childOpts(this, opts),
        );
        this.registerOutputs({});
    }
}
