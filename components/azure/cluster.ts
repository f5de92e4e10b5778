import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AzureConfig } from "../../config/types";
import { HardenedCluster, KubernetesSubjects, StorageClassPlan } from "../shared/contract";

export interface AksHardenedClusterArgs {
    /** The validated stack config. */
    readonly config: AzureConfig;
}

/** PLACEHOLDER until the azure issue lands: registers nothing but the component. */
export class AksHardenedCluster extends pulumi.ComponentResource implements HardenedCluster {
    readonly clusterName: pulumi.Output<string>;
    readonly kubeconfig: pulumi.Output<string>;
    readonly provider: k8s.Provider;
    readonly subjects: KubernetesSubjects;
    readonly storageClass: StorageClassPlan;
    readonly imageVerification = "in-cluster" as const;
    readonly readyResources: pulumi.Resource[] = [];
    readonly outputs: Record<string, pulumi.Output<unknown>> = {};

    constructor(name: string, args: AksHardenedClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:azure:AksCluster", name, {}, opts);
        this.clusterName = pulumi.output(args.config.clusterName);
        this.kubeconfig = pulumi.secret("");
        this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: this.kubeconfig }, { parent: this });
        this.subjects = { admins: [], viewers: [], developers: [], tenants: {} };
        this.storageClass = { provisioner: "placeholder", parameters: {} };
        this.registerOutputs({});
    }
}
