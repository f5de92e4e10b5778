/**
 * kubelogin login modes the AKS kubeconfig can use without a person at the keyboard, and which one
 * reaches the same Entra ID identity as the azure-native provider (Azure/kubelogin docs, login modes).
 */
export const KUBELOGIN_MODES = ["azurecli", "workloadidentity", "spn", "msi"] as const;
export type KubeloginMode = (typeof KUBELOGIN_MODES)[number];

/** How the stack's azure-native settings authenticate, as far as stack config tells. */
export type AzureAuthMethod = "msi" | "oidc" | "service-principal" | "default-credential-chain" | "ambient";

export interface AzureAuthSettings {
    readonly useMsi?: boolean;
    readonly useOidc?: boolean;
    readonly useDefaultAzureCredential?: boolean;
    readonly clientId?: string;
    readonly clientCertificatePath?: string;
    readonly oidcTokenFilePath?: string;
}

export function azureAuthMethod(settings: AzureAuthSettings): AzureAuthMethod {
    if (settings.useMsi) return "msi";
    if (settings.useOidc) return "oidc";
    if (settings.useDefaultAzureCredential) return "default-credential-chain";
    // A client id alone means a service principal whose secret comes from ARM_CLIENT_SECRET.
    if (settings.clientCertificatePath || settings.clientId) return "service-principal";
    // The Azure CLI login, or ARM_* variables the stack config cannot see.
    return "ambient";
}

/** The modes that sign in as the provider's identity; the first is the default. Empty: no default. */
export function compatibleKubeloginModes(settings: AzureAuthSettings): readonly KubeloginMode[] {
    switch (azureAuthMethod(settings)) {
        case "msi":
            return ["msi", "azurecli"];
        case "oidc":
            // kubelogin reads a federated token from a file; it cannot follow a CI's token request URL.
            return settings.oidcTokenFilePath ? ["workloadidentity", "azurecli"] : [];
        case "service-principal":
            return ["spn", "azurecli"];
        case "default-credential-chain":
            return [];
        case "ambient":
            return ["azurecli", "workloadidentity", "spn", "msi"];
    }
}
