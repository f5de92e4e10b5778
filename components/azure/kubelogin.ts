import { KubeloginMode } from "../../config/providers";
import { AzureConfig } from "../../config/types";

/** The Entra ID application every AKS cluster's API server accepts tokens for. */
export const AKS_AAD_SERVER_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

/** kubelogin's names for azure-native's cloud environments. */
const KUBELOGIN_ENVIRONMENTS = { public: "AzurePublicCloud", usgovernment: "AzureUSGovernmentCloud", china: "AzureChinaCloud" } as const;

export interface KubeloginPlan {
    readonly args: readonly string[];
    readonly interactiveMode: "Never" | "IfAvailable";
    readonly installHint: string;
}

/**
 * `kubelogin get-token` for the stack's login mode, naming the same client, tenant, token file and
 * certificate as the azure-native provider. Secrets are never arguments: in spn mode kubelogin reads
 * ARM_CLIENT_SECRET / ARM_CLIENT_CERTIFICATE_PASSWORD from the runner (`--use-azurerm-env-vars`), the
 * variables azure-native reads too. kubelogin lets its environment variables (AZURE_TENANT_ID, or the
 * ARM_* ones in spn mode) override these flags, so a runner must not set them to another identity. Pure.
 */
export function kubeloginPlan(mode: KubeloginMode, settings: AzureConfig["providerSettings"] = {}): KubeloginPlan {
    const args: string[] = ["get-token", "--login", mode, "--server-id", AKS_AAD_SERVER_ID];
    if (settings.environment) args.push("--environment", KUBELOGIN_ENVIRONMENTS[settings.environment]);
    const client = settings.clientId ? ["--client-id", settings.clientId] : [];
    const tenant = settings.tenantId ? ["--tenant-id", settings.tenantId] : [];
    switch (mode) {
        case "azurecli":
            args.push(...tenant);
            return {
                args,
                interactiveMode: "IfAvailable",
                installHint: "Install kubelogin (https://azure.github.io/kubelogin/) and sign in with `az login` as the deployer.",
            };
        case "workloadidentity":
            args.push(...client, ...tenant);
            if (settings.oidcTokenFilePath) args.push("--federated-token-file", settings.oidcTokenFilePath);
            return {
                args,
                interactiveMode: "Never",
                installHint:
                    "Install kubelogin; AZURE_CLIENT_ID, AZURE_TENANT_ID and AZURE_FEDERATED_TOKEN_FILE, when set, override the kubeconfig's flags.",
            };
        case "spn":
            args.push("--use-azurerm-env-vars", ...client, ...tenant);
            if (settings.clientCertificatePath) args.push("--client-certificate", settings.clientCertificatePath);
            return {
                args,
                interactiveMode: "Never",
                installHint: "Install kubelogin; export ARM_CLIENT_SECRET (or ARM_CLIENT_CERTIFICATE_PASSWORD) as for azure-native.",
            };
        case "msi":
            args.push(...client);
            return {
                args,
                interactiveMode: "Never",
                installHint: "Install kubelogin; run on a host with the managed identity (VM, scale set, container instance).",
            };
    }
}
