import { parse } from "yaml";
import { execKubeconfig as renderExecKubeconfig } from "../shared/kubeconfig";

/**
 * The kubeconfig handed to people and to the Kubernetes provider. It carries no credential: kubelogin
 * gets an Entra ID token from the Azure CLI login of whoever runs it (HC-IAM-01). The server and CA
 * come from the cluster's user credentials (admin credentials do not exist: local accounts are off).
 */

/** The Entra ID application every AKS cluster's API server accepts tokens for. */
export const AKS_AAD_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

export const KUBELOGIN_ARGS = ["get-token", "--login", "azurecli", "--server-id", AKS_AAD_SERVER_ID] as const;

interface KubeconfigCluster {
    readonly name?: string;
    readonly cluster?: { readonly server?: string; readonly "certificate-authority-data"?: string };
}

/** Server URL and CA of the first cluster of a kubeconfig document. */
export function clusterEndpoint(kubeconfigYaml: string): { server: string; caData: string } {
    const doc = parse(kubeconfigYaml) as { clusters?: KubeconfigCluster[] } | null;
    const cluster = doc?.clusters?.[0]?.cluster;
    if (!cluster?.server || !cluster["certificate-authority-data"]) {
        throw new Error("the AKS user credentials hold no cluster server and CA");
    }
    return { server: cluster.server, caData: cluster["certificate-authority-data"] };
}

/** A kubeconfig for `clusterName` that authenticates with `kubelogin get-token --login azurecli`. */
export function execKubeconfig(clusterName: string, endpoint: { server: string; caData: string }): string {
    return renderExecKubeconfig({
        name: clusterName,
        server: endpoint.server,
        caData: endpoint.caData,
        userName: `${clusterName}-entra`,
        plugin: {
            command: "kubelogin",
            args: KUBELOGIN_ARGS,
            interactiveMode: "IfAvailable",
            provideClusterInfo: false,
            installHint: "Install kubelogin (https://azure.github.io/kubelogin/) and sign in with `az login`.",
        },
    });
}

/** Rewrites the base64 user kubeconfig AKS returns into the kubelogin/azurecli form. */
export function kubeconfigFromUserCredentials(clusterName: string, base64Kubeconfig: string): string {
    return execKubeconfig(clusterName, clusterEndpoint(Buffer.from(base64Kubeconfig, "base64").toString("utf8")));
}
