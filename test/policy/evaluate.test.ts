import * as aws from "@pulumi/aws";
import { controlStackPolicy } from "../../policypacks/lib/define";
import { runProgram } from "../harness";
import { evaluatePolicy, violations } from "../harness/policies";
import { enforcementLevelOf, policyConfigOf } from "../../tools/policy/evaluate";
import { everyKeyHasAliasPolicy, keyRotationPolicy, logGroupKeyPolicy } from "./fixtures";

function keyAndLogGroup(preview: boolean) {
    return runProgram(
        () => {
            const key = new aws.kms.Key("audit", { enableKeyRotation: true });
            new aws.kms.Alias("audit", { name: "alias/audit", targetKeyId: key.keyId });
            new aws.cloudwatch.LogGroup("audit", { kmsKeyId: key.arn, retentionInDays: 365 });
        },
        { preview },
    );
}

describe("unknown values", () => {
    test("a resource policy that reads a value unknown during preview is reported as not evaluated", async () => {
        const { resources } = await keyAndLogGroup(true);
        const outcomes = await evaluatePolicy(logGroupKeyPolicy, resources);
        expect(outcomes).toEqual([expect.objectContaining({ status: "not-evaluated", policy: "test-cloudwatch-loggroup-require-key" })]);
        expect(outcomes[0].message).toContain("can't be known during preview");
    });

    test("the same policy evaluates once the value is known", async () => {
        const { resources } = await keyAndLogGroup(false);
        const outcomes = await evaluatePolicy(logGroupKeyPolicy, resources);
        expect(outcomes.map((o) => o.status)).toEqual(["pass"]);
    });

    test("a stack policy that matches through property dependencies still decides during preview", async () => {
        const { resources } = await keyAndLogGroup(true);
        expect((await evaluatePolicy(everyKeyHasAliasPolicy, resources)).map((o) => o.status)).toEqual(["pass"]);
    });

    test("a stack policy that reads an unknown value is not evaluated, not passed", async () => {
        const readsKeyIds = controlStackPolicy({
            name: "test-kms-stack-read-ids",
            controlId: "HC-SEC-02",
            description: "Reads alias targets by id.",
            validateStack: (args, report) => {
                for (const r of args.resources)
                    if (r.type === "aws:kms/alias:Alias" && !String(r.props["targetKeyId"]).length) report("no key", r.urn);
            },
        });
        const { resources } = await keyAndLogGroup(true);
        expect((await evaluatePolicy(readsKeyIds, resources)).map((o) => o.status)).toEqual(["not-evaluated"]);
    });

    test("a stack policy with nothing to check is not applicable rather than passed", async () => {
        const { resources } = await runProgram(() => {
            new aws.cloudwatch.LogGroup("lonely", { retentionInDays: 30 });
        });
        expect(await evaluatePolicy(everyKeyHasAliasPolicy, resources)).toEqual([]);
    });

    test("a stack policy names the offending resource", async () => {
        const { resources } = await runProgram(() => {
            new aws.kms.Key("orphan", { enableKeyRotation: true });
        });
        const [v] = violations(await evaluatePolicy(everyKeyHasAliasPolicy, resources));
        expect(v.urn).toMatch(/::orphan$/);
        expect(v.message).toBe("[HC-SEC-02] the key has no alias");
    });
});

describe("enforcement levels and policy config", () => {
    test("the pack default is mandatory", () => {
        expect(enforcementLevelOf(keyRotationPolicy, {})).toBe("mandatory");
    });

    test("'all' sets every policy, a policy's own entry wins", () => {
        expect(enforcementLevelOf(keyRotationPolicy, { all: "advisory" })).toBe("advisory");
        expect(
            enforcementLevelOf(keyRotationPolicy, { all: "advisory", [keyRotationPolicy.name]: { enforcementLevel: "mandatory" } }),
        ).toBe("mandatory");
    });

    test("a disabled policy reports nothing", async () => {
        const { resources } = await runProgram(() => {
            new aws.kms.Key("k", { enableKeyRotation: false });
        });
        expect(await evaluatePolicy(keyRotationPolicy, resources, { [keyRotationPolicy.name]: "disabled" })).toEqual([]);
    });

    test("an advisory policy's violations are advisory", async () => {
        const { resources } = await runProgram(() => {
            new aws.kms.Key("k", { enableKeyRotation: false });
        });
        const [v] = violations(await evaluatePolicy(keyRotationPolicy, resources, { [keyRotationPolicy.name]: "advisory" }));
        expect(v.enforcementLevel).toBe("advisory");
    });

    test("config properties get their schema defaults, overridden by pack config", () => {
        expect(policyConfigOf(keyRotationPolicy, {})).toEqual({ exceptions: [] });
        const given = { [keyRotationPolicy.name]: { enforcementLevel: "advisory" as const, exceptions: [{ resource: "x" }] } };
        expect(policyConfigOf(keyRotationPolicy, given)).toEqual({ exceptions: [{ resource: "x" }] });
    });

    test("every control policy carries its control's id, severity and an exceptions config schema", () => {
        expect(keyRotationPolicy.description).toBe("[HC-SEC-02] KMS keys rotate.");
        expect(keyRotationPolicy.severity).toBe("high");
        expect(keyRotationPolicy.tags).toContain("HC-SEC-02");
        expect(Object.keys(keyRotationPolicy.configSchema?.properties ?? {})).toContain("exceptions");
    });
});
