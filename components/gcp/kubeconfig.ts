import { execKubeconfig } from "../shared/kubeconfig";

/** What a kubeconfig for a GKE cluster needs; no credential among them. */
export interface KubeconfigInputs {
    readonly contextName: string;
    /** The API server's address (IP or DNS name), without scheme. */
    readonly endpoint: string;
    /**
     * Base64 PEM, as GKE returns masterAuth.clusterCaCertificate, for an IP endpoint. Unset for the
     * DNS-based endpoint, which serves a publicly trusted certificate: no CA data then.
     */
    readonly caCertificate?: string;
}

/**
 * A kubeconfig that authenticates through gke-gcloud-auth-plugin, which mints short-lived tokens from the
 * caller's Google credentials (HC-IAM-01): nothing in it is a static credential, and revoking the person's
 * Google access revokes their cluster access.
 */
export function renderKubeconfig(inputs: KubeconfigInputs): string {
    return execKubeconfig({
        name: inputs.contextName,
        server: `https://${inputs.endpoint}`,
        ...(inputs.caCertificate !== undefined ? { caData: inputs.caCertificate } : {}),
        plugin: {
            command: "gke-gcloud-auth-plugin",
            installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
            provideClusterInfo: true,
            interactiveMode: "Never",
        },
    });
}
