import * as authorization from "@pulumi/azure-native/authorization";
import { Provider } from "@pulumi/azure-native/provider";
import { AzureConfig } from "../../config/types";
import { identityMismatch } from "../shared/identity-guard";
import { deployerPrincipalType } from "./access";
import { azureProviderArgs } from "./provider-args";

export type AzurePrincipalType = "User" | "ServicePrincipal" | "Group";

/** The identity that runs the update, as a role assignment names it. */
export interface AzureDeployer {
    /** Entra ID object id, lowercase. */
    readonly principalId: string;
    readonly principalType: AzurePrincipalType;
}

/** The explicit azure-native provider, checked against the stack's guard, and the deployer. */
export interface AzureConnection {
    readonly cloud: "azure";
    readonly config: AzureConfig;
    readonly provider: Provider;
    readonly deployer: AzureDeployer;
}

/** "ServicePrincipal:<id>" (validated by config/rules.ts) → its parts. */
export function parseAzureDeployer(text: string): AzureDeployer {
    const [principalType, principalId] = text.split(":");
    return { principalType: principalType as AzurePrincipalType, principalId: principalId.toLowerCase() };
}

/** What the signed-in client reports against what the stack's guard expects, one line per difference. Pure. */
export function clientMismatches(
    settings: AzureConfig["providerSettings"],
    client: { readonly subscriptionId: string; readonly tenantId: string },
): string[] {
    const lines: string[] = [];
    const differs = (expected: string | undefined, actual: string) =>
        expected !== undefined && expected.toLowerCase() !== actual.toLowerCase();
    if (differs(settings.subscriptionId, client.subscriptionId)) {
        lines.push(
            `azure-native:subscriptionId is ${settings.subscriptionId}, but the client works in subscription ${client.subscriptionId}`,
        );
    }
    if (differs(settings.tenantId, client.tenantId)) {
        lines.push(`azure-native:tenantId is ${settings.tenantId}, but the client signed in to tenant ${client.tenantId}`);
    }
    return lines;
}

/**
 * Creates the stack's explicit azure-native provider and reads the client config through it before any
 * Azure resource is registered: the subscription and tenant must be the stack's (azure-native has no
 * allowed-subscriptions setting of its own), and reading the client's object id needs a token from
 * that tenant. Outside prod, without access.deployer, the signed-in client becomes the deployer.
 */
export async function connectAzure(config: AzureConfig): Promise<AzureConnection> {
    const provider = new Provider(`${config.clusterName}-azure`, azureProviderArgs(config));
    const client = await authorization.getClientConfig({ provider });
    const mismatches = clientMismatches(config.providerSettings, client);
    if (mismatches.length > 0) throw identityMismatch(mismatches);
    const deployer = config.access.deployer
        ? parseAzureDeployer(config.access.deployer)
        : { principalId: client.objectId.toLowerCase(), principalType: deployerPrincipalType(client.clientId) };
    return { cloud: "azure", config, provider, deployer };
}
