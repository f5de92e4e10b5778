import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { AwsConfig } from "../../config/types";
import { HardenedCluster, KubernetesSubjects, StorageClassPlan } from "../shared/contract";

export interface EksHardenedClusterArgs {
    /** The validated stack config. */
    readonly config: AwsConfig;
}

/** PLACEHOLDER until the aws issue lands: registers nothing but the component. */
export class EksHardenedCluster extends pulumi.ComponentResource implements HardenedCluster {
    readonly clusterName: pulumi.Output<string>;
    readonly kubeconfig: pulumi.Output<string>;
    readonly provider: k8s.Provider;
    readonly subjects: KubernetesSubjects;
    readonly storageClass: StorageClassPlan;
    readonly imageVerification = "in-cluster" as const;
    readonly readyResources: pulumi.Resource[] = [];
    readonly outputs: Record<string, pulumi.Output<unknown>> = {};

    constructor(name: string, args: EksHardenedClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:aws:EksCluster", name, {}, opts);
        this.clusterName = pulumi.output(args.config.clusterName);
        this.kubeconfig = pulumi.secret("");
        this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: this.kubeconfig }, { parent: this });
        this.subjects = { admins: [], viewers: [], developers: [], tenants: {} };
        this.storageClass = { provisioner: "placeholder", parameters: {} };
        this.registerOutputs({});
    }
}
