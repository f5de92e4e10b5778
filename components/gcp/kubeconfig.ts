import { GcpConfig } from "../../config/types";
import { execKubeconfig } from "../shared/kubeconfig";
import { gkeAuthPlugin } from "./provider-args";

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
    /** The stack's `gcp:*` settings: the plugin signs in as the provider does (see provider-args.ts). */
    readonly providerSettings?: GcpConfig["providerSettings"];
}

/**
 * A kubeconfig that authenticates through gke-gcloud-auth-plugin, which mints short-lived tokens from the
 * same Google identity as the stack's gcp provider (HC-IAM-01): nothing in it is a static credential, and
 * revoking that identity's Google access revokes its cluster access.
 */
export function renderKubeconfig(inputs: KubeconfigInputs): string {
    const plugin = gkeAuthPlugin(inputs.providerSettings);
    return execKubeconfig({
        name: inputs.contextName,
        server: `https://${inputs.endpoint}`,
        ...(inputs.caCertificate !== undefined ? { caData: inputs.caCertificate } : {}),
        plugin: {
            command: "gke-gcloud-auth-plugin",
            args: plugin.args,
            env: plugin.env,
            installHint: "Install gke-gcloud-auth-plugin: gcloud components install gke-gcloud-auth-plugin",
            provideClusterInfo: true,
            interactiveMode: "Never",
        },
    });
}
