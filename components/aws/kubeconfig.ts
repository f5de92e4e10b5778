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
    const context = input.clusterName;
    return JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: context, cluster: { server: input.endpoint, "certificate-authority-data": input.certificateAuthorityData } }],
        contexts: [{ name: context, context: { cluster: context, user: context } }],
        "current-context": context,
        users: [
            {
                name: context,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: "aws",
                        args: ["eks", "get-token", "--cluster-name", input.clusterName, "--region", input.region, "--output", "json"],
                        interactiveMode: "Never",
                    },
                },
            },
        ],
    });
}
