/**
 * Azure built-in role definitions the component assigns, by name. The GUIDs are the same in every
 * public-cloud tenant; `roleDefinitionId` turns one into the subscription-scoped id ARM expects.
 * Source: "Azure built-in roles" (learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 */
export const BUILT_IN_ROLES = {
    /** Full control of every Kubernetes object (Azure RBAC for Kubernetes). */
    aksRbacClusterAdmin: { name: "Azure Kubernetes Service RBAC Cluster Admin", guid: "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b" },
    /** Read most objects in a namespace (no Secrets, no Roles/RoleBindings). */
    aksRbacReader: { name: "Azure Kubernetes Service RBAC Reader", guid: "7f6c6a51-bcf8-42ba-9220-52d62157d7db" },
    /** Read/write most objects in a namespace (no Roles/RoleBindings, so no privilege escalation through RBAC). */
    aksRbacWriter: { name: "Azure Kubernetes Service RBAC Writer", guid: "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb" },
    /** listClusterUserCredential: lets a person download the (credential-free, kubelogin) kubeconfig. */
    aksClusterUser: { name: "Azure Kubernetes Service Cluster User Role", guid: "4abbcc35-e782-43d8-92c5-2d3f1bd2253f" },
    /** Join the node subnet, use its NAT gateway, link the private DNS zone (custom VNet, private cluster). */
    networkContributor: { name: "Network Contributor", guid: "4d97b98b-1d4f-4787-a291-c67834d212e7" },
    /** Wrap/unwrap with a key in an RBAC-mode vault: what the AKS KMS plugin needs. */
    keyVaultCryptoUser: { name: "Key Vault Crypto User", guid: "12338af0-0e69-4776-bea7-57ae8d297424" },
    /** Wrap/unwrap with a key and read it: what a service's customer-managed-key identity needs (ACR encryption). */
    keyVaultCryptoServiceEncryptionUser: {
        name: "Key Vault Crypto Service Encryption User",
        guid: "e147488a-f6f5-4113-8e2d-b22465e65bf6",
    },
    /** Pull images and artifacts (signatures) from a container registry; nothing else. */
    acrPull: { name: "AcrPull", guid: "7f951dda-4ed3-4680-a7ca-43fe172d538d" },
    /** Read secret values (get/list) in an RBAC-mode vault: what a tenant's workload identity needs (HC-IAM-06). */
    keyVaultSecretsUser: { name: "Key Vault Secrets User", guid: "4633458b-17de-408a-b874-0445c86b69e6" },
} as const;

export type BuiltInRole = keyof typeof BUILT_IN_ROLES;

/** The subscription-scoped role definition id of a built-in role. */
export function roleDefinitionId(subscriptionId: string, role: BuiltInRole): string {
    return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${BUILT_IN_ROLES[role].guid}`;
}
