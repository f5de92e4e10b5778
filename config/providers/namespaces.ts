import { Cloud } from "../../core/vocabulary";

/** The Pulumi config namespace of each cloud's provider package. */
export const PROVIDER_NAMESPACES = { aws: "aws", azure: "azure-native", gcp: "gcp" } as const satisfies Readonly<Record<Cloud, string>>;
export type ProviderNamespace = (typeof PROVIDER_NAMESPACES)[Cloud];

const NAMESPACES: readonly string[] = Object.values(PROVIDER_NAMESPACES);

/** True for a full config key of a provider namespace ("aws:profile", "azure-native:tenantId"). */
export function isProviderKey(fullKey: string): boolean {
    const colon = fullKey.indexOf(":");
    return colon > 0 && NAMESPACES.includes(fullKey.slice(0, colon));
}

/** A key as the user sets it: "aws:allowedAccountIds", "aws:assumeRoles[0].roleArn". */
export function providerKeyName(namespace: string, path: readonly (string | number)[]): string {
    let key = `${namespace}:`;
    path.forEach((part, i) => {
        key += typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`;
    });
    return key;
}
