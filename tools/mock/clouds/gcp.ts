import { CloudAnswers, Inputs, MOCK_IDENTITY } from "../answers";

function project(inputs: Inputs): string {
    return typeof inputs["project"] === "string" ? (inputs["project"] as string) : "mock-project";
}

export const GCP_ANSWERS: CloudAnswers = {
    typePrefix: "gcp:",
    invokes: {
        "gcp:organizations/getProject:getProject": (inputs) => ({
            projectId: typeof inputs["projectId"] === "string" ? inputs["projectId"] : "mock-project",
            number: MOCK_IDENTITY.gcpProjectNumber,
            name: "mock-project",
            id: `projects/${typeof inputs["projectId"] === "string" ? inputs["projectId"] : "mock-project"}`,
        }),
        "gcp:organizations/getClientConfig:getClientConfig": () => ({
            project: "mock-project",
            region: "europe-west1",
            zone: "europe-west1-b",
            accessToken: "mock-token",
            id: "mock",
        }),
        "gcp:compute/getZones:getZones": (inputs) => {
            const r = typeof inputs["region"] === "string" ? (inputs["region"] as string) : "europe-west1";
            return { names: [`${r}-b`, `${r}-c`, `${r}-d`], id: r };
        },
    },
    defaultOutputs: (name, inputs) => ({
        selfLink: `https://www.googleapis.com/mock/v1/projects/${project(inputs)}/${name}`,
    }),
    outputs: {},
};
