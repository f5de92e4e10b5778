import { execKubeconfig } from "../shared/kubeconfig";

/**
 * A kubeconfig that holds no credential: kubectl and the Kubernetes provider run
 * `aws eks get-token`, so every call uses the caller's own, short-lived IAM session (HC-IAM-01).
 */
export interface KubeconfigInput {
    readonly clusterName: string;
    readonly endpoint: string;
    readonly certificateAuthorityData: string;
    readonly region: string;
}

export function renderKubeconfig(input: KubeconfigInput): string {
    return execKubeconfig({
        name: input.clusterName,
        server: input.endpoint,
        caData: input.certificateAuthorityData,
        plugin: {
            command: "aws",
            args: ["eks", "get-token", "--cluster-name", input.clusterName, "--region", input.region, "--output", "json"],
            interactiveMode: "Never",
        },
    });
}
