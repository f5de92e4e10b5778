import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import { NODE_ROLES, nodeAccountId, roleKey } from "./node-identity-plan";

export interface NodeIdentityArgs {
    readonly clusterName: string;
    readonly projectId: string;
}

/** The nodes' own service account with the minimum roles, instead of the Compute Engine default one (HC-IAM-03). */
export class NodeIdentity extends pulumi.ComponentResource {
    readonly account: gcp.serviceaccount.Account;
    readonly roleBindings: readonly gcp.projects.IAMMember[];
    readonly email: pulumi.Output<string>;

    constructor(name: string, args: NodeIdentityArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:NodeIdentity", name, {}, opts);
        const child = childOptions(this, opts);
        this.account = new gcp.serviceaccount.Account(
            `${name}-account`,
            {
                accountId: nodeAccountId(args.clusterName),
                displayName: `Nodes of GKE cluster ${args.clusterName}`,
                description: "Least-privilege node identity: logs, metrics, resource metadata, image pulls.",
            },
            child,
        );
        this.email = this.account.email;
        this.roleBindings = NODE_ROLES.map(
            (role) =>
                new gcp.projects.IAMMember(
                    `${name}-${roleKey(role)}`,
                    { project: args.projectId, role, member: pulumi.interpolate`serviceAccount:${this.account.email}` },
                    child,
                ),
        );
        this.registerOutputs({ email: this.email });
    }
}
