import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childOptions } from "./child-options";
import { admissionPatterns } from "./binary-authorization-plan";

export interface BinaryAuthorizationArgs {
    readonly projectId: string;
    readonly trustedRegistries: readonly string[];
}

/**
 * The project's Binary Authorization policy (HC-SUP-01), which the cluster enforces: images from the
 * trusted registries are admitted, Google-maintained system images through the global policy, and
 * everything else is blocked and logged. It is enforced by GKE outside the cluster's admission chain,
 * so a cluster admin cannot switch it off from inside.
 *
 * The policy is a singleton per project: this stack owns it, and a second stack in the same project
 * would overwrite it.
 */
export class BinaryAuthorization extends pulumi.ComponentResource {
    readonly policy: gcp.binaryauthorization.Policy;

    constructor(name: string, args: BinaryAuthorizationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("hardened:gcp:BinaryAuthorization", name, {}, opts);
        const child = childOptions(this, opts);
        this.policy = new gcp.binaryauthorization.Policy(
            `${name}-policy`,
            {
                project: args.projectId,
                description: "Admit only images from the trusted registries (hardened-cluster HC-SUP-01).",
                globalPolicyEvaluationMode: "ENABLE",
                admissionWhitelistPatterns: admissionPatterns(args.trustedRegistries).map((namePattern) => ({ namePattern })),
                defaultAdmissionRule: { evaluationMode: "ALWAYS_DENY", enforcementMode: "ENFORCED_BLOCK_AND_AUDIT_LOG" },
            },
            child,
        );
        this.registerOutputs({});
    }
}
