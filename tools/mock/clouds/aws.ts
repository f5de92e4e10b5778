import { CloudAnswers, Inputs, MOCK_IDENTITY } from "../answers";

const account = MOCK_IDENTITY.awsAccountId;

function region(inputs: Inputs): string {
    return typeof inputs["region"] === "string" ? (inputs["region"] as string) : "eu-west-1";
}

export const AWS_ANSWERS: CloudAnswers = {
    typePrefix: "aws:",
    invokes: {
        "aws:index/getCallerIdentity:getCallerIdentity": () => ({
            accountId: account,
            arn: `arn:aws:sts::${account}:assumed-role/platform-deployer/session`,
            userId: "AROAEXAMPLE:session",
            id: account,
        }),
        "aws:iam/getSessionContext:getSessionContext": () => ({
            issuerArn: `arn:aws:iam::${account}:role/platform-deployer`,
            issuerId: "AROAEXAMPLE",
            issuerName: "platform-deployer",
            sessionName: "session",
            arn: `arn:aws:sts::${account}:assumed-role/platform-deployer/session`,
            id: "session",
        }),
        "aws:index/getPartition:getPartition": () => ({ partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" }),
        "aws:index/getRegion:getRegion": (inputs) => ({ name: region(inputs), region: region(inputs), id: region(inputs) }),
        "aws:index/getAvailabilityZones:getAvailabilityZones": (inputs) => {
            const r = region(inputs);
            return { names: [`${r}a`, `${r}b`, `${r}c`], zoneIds: ["euw1-az1", "euw1-az2", "euw1-az3"], id: r };
        },
    },
    defaultOutputs: (name) => ({ arn: `arn:aws:mock:eu-west-1:${account}:${name}` }),
    outputs: {},
};
