import * as pulumi from "@pulumi/pulumi";
import { HardenedConfig } from "../../config/types";
import { HardenedCluster } from "../shared/contract";

export interface KubernetesBaselineArgs {
    readonly config: HardenedConfig;
    readonly cluster: HardenedCluster;
}

/** PLACEHOLDER until the Kubernetes baseline issue lands. */
export class KubernetesBaseline extends pulumi.ComponentResource {
    constructor(name: string, _args: KubernetesBaselineArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:kubernetes:Baseline", name, {}, opts);
        this.registerOutputs({});
    }
}
