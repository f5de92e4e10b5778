import { CloudAnswers, MOCK_IDENTITY } from "../answers";

const { azureSubscriptionId, azureTenantId, azureClientObjectId } = MOCK_IDENTITY;

export const AZURE_ANSWERS: CloudAnswers = {
    typePrefix: "azure-native:",
    invokes: {
        "azure-native:authorization:getClientConfig": () => ({
            clientId: "00000000-0000-0000-0000-000000000004",
            objectId: azureClientObjectId,
            subscriptionId: azureSubscriptionId,
            tenantId: azureTenantId,
        }),
    },
    defaultOutputs: (name, inputs) => {
        const group = typeof inputs["resourceGroupName"] === "string" ? inputs["resourceGroupName"] : "rg";
        return {
            id: `/subscriptions/${azureSubscriptionId}/resourceGroups/${String(group)}/providers/mock/${name}`,
        };
    },
    outputs: {},
};
