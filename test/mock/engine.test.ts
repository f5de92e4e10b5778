import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { inputsOf, runProgram, single, valueOf } from "../harness";
import { UNKNOWN_STRING } from "../../policypacks/lib/sdk-internals";

class Box extends pulumi.ComponentResource {
    readonly key: aws.kms.Key;
    constructor(name: string, opts?: pulumi.ComponentResourceOptions) {
        super("test:index:Box", name, {}, opts);
        this.key = new aws.kms.Key(`${name}-key`, { enableKeyRotation: true, deletionWindowInDays: 30 }, { parent: this, protect: true });
        new aws.cloudwatch.LogGroup(
            `${name}-logs`,
            { kmsKeyId: this.key.arn, retentionInDays: 365 },
            { parent: this, retainOnDelete: true, dependsOn: [this.key] },
        );
        this.registerOutputs({});
    }
}

describe("mock engine", () => {
    test("records type, name, inputs, parent, options and dependencies of every registration", async () => {
        const { resources } = await runProgram(() => {
            new Box("audit");
        });
        const box = single(resources, "test:index:Box");
        const key = single(resources, "aws:kms/key:Key");
        const logs = single(resources, "aws:cloudwatch/logGroup:LogGroup");
        expect(box.custom).toBe(false);
        expect(key.parent).toBe(box.urn);
        expect(key.protect).toBe(true);
        expect(logs.retainOnDelete).toBe(true);
        expect(logs.dependencies).toContain(key.urn);
        expect(logs.propertyDependencies["kmsKeyId"]).toEqual([key.urn]);
        expect(inputsOf(key)).toMatchObject({ enableKeyRotation: true, deletionWindowInDays: 30 });
        expect(inputsOf(logs)["kmsKeyId"]).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\/audit-key-/);
    });

    test("answers invokes like the clouds do", async () => {
        const { outputs } = await runProgram(async () => {
            const zones = await aws.getAvailabilityZones({ state: "available" });
            const identity = await aws.getCallerIdentity({});
            return { zones: zones.names, account: identity.accountId };
        });
        expect(outputs).toEqual({ zones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"], account: "123456789012" });
    });

    test("an invoke the mocks do not know fails the run instead of answering nothing", async () => {
        await expect(runProgram(() => aws.ec2.getInternetGateway({ internetGatewayId: "igw-1" }))).rejects.toThrow(
            "the mock engine has no answer for invoke aws:ec2/getInternetGateway:getInternetGateway",
        );
    });

    test("in preview mode, cloud-computed outputs stay unknown in the inputs that use them", async () => {
        const { resources } = await runProgram(
            () => {
                new Box("audit");
            },
            { preview: true },
        );
        const logs = single(resources, "aws:cloudwatch/logGroup:LogGroup");
        expect(logs.props["kmsKeyId"]).toBe(UNKNOWN_STRING);
        expect(logs.props["retentionInDays"]).toBe(365);
    });

    test("outputs resolve and secrets stay secret", async () => {
        const { outputs } = await runProgram(() => ({ token: pulumi.secret("s3cr3t"), arn: new aws.kms.Key("k", {}).arn }));
        expect(await valueOf(outputs.arn)).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\/k-/);
        expect(await pulumi.isSecret(outputs.token)).toBe(true);
    });

    test("runs are independent: each starts with no resources", async () => {
        await runProgram(() => new aws.kms.Key("first", {}));
        const { resources } = await runProgram(() => new aws.kms.Key("second", {}));
        expect(resources.filter((r) => r.custom).map((r) => r.name)).toEqual(["second"]);
    });

    test("programs run without stack-trace capture (the suite's main cost), restored afterwards and on failure", async () => {
        const before = Error.stackTraceLimit;
        const { outputs } = await runProgram(() => ({ during: Error.stackTraceLimit }));
        expect(outputs.during).toBe(0);
        expect(Error.stackTraceLimit).toBe(before);
        await expect(
            runProgram(() => {
                throw new Error("bad config");
            }),
        ).rejects.toThrow("bad config");
        expect(Error.stackTraceLimit).toBe(before);
    });

    test("HC_MOCK_STACK_TRACES=1 keeps stack traces for debugging", async () => {
        const before = Error.stackTraceLimit;
        process.env.HC_MOCK_STACK_TRACES = "1";
        try {
            const { outputs } = await runProgram(() => ({ during: Error.stackTraceLimit }));
            expect(outputs.during).toBe(before);
            expect(before).toBeGreaterThan(0);
        } finally {
            delete process.env.HC_MOCK_STACK_TRACES;
        }
    });
});
