import * as aws from "@pulumi/aws";
import { fixEvaluationDate } from "../../policypacks/lib/clock";
import { exceptionTagKey, formatCarriedException } from "../../core/exception-format";
import { checkException, parseCarried } from "../../policypacks/lib/exceptions";
import { exceptionsRequireValidPolicy } from "../../policypacks/lib/governance";
import { runProgram } from "../harness";
import { evaluatePolicy, violations } from "../harness/policies";
import { keyRotationPolicy } from "./fixtures";

const AS_OF = new Date("2026-11-23T12:00:00Z");
const valid = { expires: "2027-01-31", approver: "jane.doe@example.com", reason: "legacy workload until migration in Q1" };

function keyWithTags(tags: Record<string, string>) {
    return runProgram(() => {
        new aws.kms.Key("unrotated", { enableKeyRotation: false, tags });
    });
}

beforeAll(() => fixEvaluationDate(AS_OF));
afterAll(() => fixEvaluationDate(undefined));

describe("exception parsing", () => {
    test("a well-formed, current exception is valid", () => {
        const check = parseCarried("HC-SEC-02", formatCarriedException(valid), "tag x", AS_OF);
        expect(check).toEqual({ status: "valid", exception: { control: "HC-SEC-02", ...valid, source: "tag x" } });
    });

    test("an exception past its date is expired, naming the date and approver", () => {
        const check = checkException({ control: "HC-SEC-02", ...valid, expires: "2026-11-22", source: "tag x" }, AS_OF);
        expect(check).toMatchObject({ status: "expired", problem: "tag x: expired on 2026-11-22 (approved by jane.doe@example.com)" });
    });

    test("an exception is valid through its expiry day", () => {
        expect(checkException({ control: "HC-SEC-02", ...valid, expires: "2026-11-23", source: "s" }, AS_OF).status).toBe("valid");
    });

    test.each([
        ["no reason", { ...valid, reason: "" }, "a reason of at least 10 characters"],
        ["a bad date", { ...valid, expires: "31/01/2027" }, "is not a YYYY-MM-DD date"],
        ["no approver", { ...valid, approver: "" }, "an approver is required"],
        ["an expiry over a year away", { ...valid, expires: "2028-06-01" }, "more than 365 days away"],
    ])("an exception with %s is malformed", (_label, fields, message) => {
        const check = checkException({ control: "HC-SEC-02", ...fields, source: "s" }, AS_OF);
        expect(check.status).toBe("malformed");
        expect(check.status !== "valid" && check.problem).toContain(message);
    });

    test("a carried value in the wrong shape is malformed", () => {
        const check = parseCarried("HC-SEC-02", "approved by jane", "tag x", AS_OF);
        expect(check).toMatchObject({ status: "malformed", problem: 'tag x must read "expires=YYYY-MM-DD approver=<who> reason=<why>"' });
    });
});

describe("exceptions applied by a control policy", () => {
    test("without an exception the violation is mandatory and names its control", async () => {
        const { resources } = await keyWithTags({});
        const [v] = violations(await evaluatePolicy(keyRotationPolicy, resources));
        expect(v).toMatchObject({ enforcementLevel: "mandatory", controlId: "HC-SEC-02" });
        expect(v.message).toBe("[HC-SEC-02] enableKeyRotation is not true; set it to true");
    });

    test("a valid exception tag turns it into an advisory note that names the exception", async () => {
        const { resources } = await keyWithTags({ [exceptionTagKey("HC-SEC-02")]: formatCarriedException(valid) });
        const outcomes = await evaluatePolicy(keyRotationPolicy, resources);
        expect(violations(outcomes)).toHaveLength(0);
        const [waived] = outcomes.filter((o) => o.status === "waived");
        expect(waived.enforcementLevel).toBe("advisory");
        expect(waived.message).toContain(
            "[HC-SEC-02] waived by exception (tag hardened-cluster-exception-HC-SEC-02; approved by jane.doe@example.com; expires 2027-01-31",
        );
        expect(waived.message).toContain("Finding: enableKeyRotation is not true");
    });

    test("an exception for another control does not waive this one", async () => {
        const { resources } = await keyWithTags({ [exceptionTagKey("HC-API-01")]: formatCarriedException(valid) });
        expect(violations(await evaluatePolicy(keyRotationPolicy, resources))).toHaveLength(1);
    });

    test("an expired exception leaves the violation mandatory and says why", async () => {
        const { resources } = await keyWithTags({
            [exceptionTagKey("HC-SEC-02")]: formatCarriedException({ ...valid, expires: "2026-10-01" }),
        });
        const [v] = violations(await evaluatePolicy(keyRotationPolicy, resources));
        expect(v.enforcementLevel).toBe("mandatory");
        expect(v.message).toContain("(exception not applied: tag hardened-cluster-exception-HC-SEC-02: expired on 2026-10-01");
    });

    test("a malformed exception leaves the violation mandatory", async () => {
        const { resources } = await keyWithTags({ [exceptionTagKey("HC-SEC-02")]: "expires=soon approver=me reason=because I said so" });
        const [v] = violations(await evaluatePolicy(keyRotationPolicy, resources));
        expect(v.enforcementLevel).toBe("mandatory");
        expect(v.message).toContain('expires "soon" is not a YYYY-MM-DD date');
    });

    test("a valid exception in pack config waives the named resource only", async () => {
        const { resources } = await runProgram(() => {
            new aws.kms.Key("legacy", { enableKeyRotation: false });
            new aws.kms.Key("fresh", { enableKeyRotation: false });
        });
        const config = { [keyRotationPolicy.name]: { exceptions: [{ resource: "legacy", ...valid }] } };
        const outcomes = await evaluatePolicy(keyRotationPolicy, resources, config);
        expect(outcomes.filter((o) => o.status === "waived").map((o) => o.urn)).toEqual([expect.stringContaining("::legacy")]);
        expect(violations(outcomes).map((o) => o.urn)).toEqual([expect.stringContaining("::fresh")]);
        expect(outcomes.find((o) => o.status === "waived")?.message).toContain("pack config exception for legacy");
    });
});

describe("HC-GOV-01: carried exceptions must be valid", () => {
    const governance = exceptionsRequireValidPolicy("cluster-exceptions-require-valid");

    test("passes on a valid exception", async () => {
        const { resources } = await keyWithTags({ [exceptionTagKey("HC-SEC-02")]: formatCarriedException(valid) });
        const outcomes = await evaluatePolicy(governance, resources);
        expect(violations(outcomes)).toHaveLength(0);
        expect(outcomes.filter((o) => o.status === "pass")).toHaveLength(1);
    });

    test("an expired exception is itself a mandatory violation", async () => {
        const { resources } = await keyWithTags({
            [exceptionTagKey("HC-SEC-02")]: formatCarriedException({ ...valid, expires: "2026-01-01" }),
        });
        const [v] = violations(await evaluatePolicy(governance, resources));
        expect(v.enforcementLevel).toBe("mandatory");
        expect(v.message).toBe(
            "[HC-GOV-01] expired exception: tag hardened-cluster-exception-HC-SEC-02: expired on 2026-01-01 (approved by jane.doe@example.com)",
        );
    });

    test("an exception for an unknown control is a violation", async () => {
        const { resources } = await keyWithTags({ [exceptionTagKey("HC-NOPE-99")]: formatCarriedException(valid) });
        const [v] = violations(await evaluatePolicy(governance, resources));
        expect(v.message).toBe('[HC-GOV-01] tag hardened-cluster-exception-HC-NOPE-99 names no known control ("HC-NOPE-99")');
    });

    test("a Kubernetes annotation carries exceptions too", async () => {
        const k8s = await import("@pulumi/kubernetes");
        const { resources } = await runProgram(() => {
            const provider = new k8s.Provider("k8s", { kubeconfig: "{}" });
            new k8s.core.v1.Namespace(
                "falco",
                {
                    metadata: {
                        name: "falco",
                        annotations: {
                            "exceptions.hardened-cluster.io/HC-ISO-01": "expires=2025-01-01 approver=a@b.c reason=old and lapsed",
                        },
                    },
                },
                { provider },
            );
        });
        const [v] = violations(
            await evaluatePolicy(
                exceptionsRequireValidPolicy("kubernetes-exceptions-require-valid"),
                resources,
                {},
                "kubernetes-hardening",
            ),
        );
        expect(v.message).toContain("expired exception: annotation exceptions.hardened-cluster.io/HC-ISO-01: expired on 2025-01-01");
    });
});
