import { parse } from "yaml";
import { execKubeconfig as renderExecKubeconfig } from "../shared/kubeconfig";
import { AKS_AAD_SERVER_ID, KubeloginPlan, kubeloginPlan } from "./kubelogin";

export { AKS_AAD_SERVER_ID };

/**
 * The kubeconfig handed to people and to the Kubernetes provider. It carries no credential: kubelogin
 * gets an Entra ID token for the identity the stack's login mode names (aks.kubeloginMode: the Azure
 * CLI login, workload identity, a service principal or a managed identity; HC-IAM-01). The server and
 * CA come from the cluster's user credentials (admin credentials do not exist: local accounts are off).
 */

/** The default: whoever is signed in to the Azure CLI. */
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

/** A kubeconfig for `clusterName` that authenticates with `kubelogin get-token` (azurecli unless told). */
export function execKubeconfig(
    clusterName: string,
    endpoint: { server: string; caData: string },
    login: KubeloginPlan = kubeloginPlan("azurecli"),
): string {
    return renderExecKubeconfig({
        name: clusterName,
        server: endpoint.server,
        caData: endpoint.caData,
        userName: `${clusterName}-entra`,
        plugin: {
            command: "kubelogin",
            args: login.args,
            interactiveMode: login.interactiveMode,
            provideClusterInfo: false,
            installHint: login.installHint,
        },
    });
}

/** Rewrites the base64 user kubeconfig AKS returns into the stack's kubelogin form. */
export function kubeconfigFromUserCredentials(clusterName: string, base64Kubeconfig: string, login?: KubeloginPlan): string {
    return execKubeconfig(clusterName, clusterEndpoint(Buffer.from(base64Kubeconfig, "base64").toString("utf8")), login);
}
