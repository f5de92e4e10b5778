import { AwsConfig } from "../../config/types";
import { execKubeconfig } from "../shared/kubeconfig";
import { awsExecCredential } from "./provider-args";

/**
 * A kubeconfig that holds no credential: kubectl and the Kubernetes provider run
 * `aws eks get-token`, so every call uses a short-lived IAM session (HC-IAM-01) of the identity the
 * stack's aws provider uses (same profile, role and token file; see provider-args.ts).
 */
export interface KubeconfigInput {
    readonly clusterName: string;
    readonly endpoint: string;
    readonly certificateAuthorityData: string;
    readonly region: string;
    /** The stack's `aws:*` settings; none means the caller's ambient AWS credentials. */
    readonly providerSettings?: AwsConfig["providerSettings"];
}

export function renderKubeconfig(input: KubeconfigInput): string {
    const credential = awsExecCredential(input.clusterName, input.region, input.providerSettings);
    return execKubeconfig({
        name: input.clusterName,
        server: input.endpoint,
        caData: input.certificateAuthorityData,
        plugin: {
            command: "aws",
            args: credential.args,
            env: credential.env,
            installHint: "Install the AWS CLI v2 (aws eks get-token signs the requests).",
            interactiveMode: "Never",
        },
    });
}
