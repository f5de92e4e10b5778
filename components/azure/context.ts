import * as pulumi from "@pulumi/pulumi";

/** What every Azure part of the cluster shares: where it lives and how it is tagged. */
export interface AzurePlacement {
    readonly resourceGroupName: pulumi.Input<string>;
    /** Azure region (config.region). */
    readonly location: string;
    readonly tags: Readonly<Record<string, string>>;
}
