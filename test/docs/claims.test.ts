import * as fs from "fs";
import { CONTROLS } from "../../policypacks/controls";
import { CLAIM_SCOPES, checkClaims, controlVerdict, parseClaims, splitStatements, StackEvidence } from "../../tools/docs/claims";
import { evidenceOf } from "../../tools/docs/claims-evidence";
import { README } from "../../tools/docs/control-matrix";
import { planStack } from "../../tools/plan/plan";
import { nonEmpty } from "../harness/non-empty";
import { EVIDENCE, GOOD, KNOWN } from "./fixtures/claims";

/**
 * The claims check (tools/docs/claims.ts): fixtures that hold, fixtures that fail for each reason, and the
 * real README's blocks parsed and judged against a real offline plan.
 */
function problems(readme: string, evidence: readonly StackEvidence[] = EVIDENCE): string[] {
    return checkClaims(readme, KNOWN, evidence).map((p) => `${p.line}: ${p.message}`);
}

function withBlock(scope: string, body: string): string {
    return `intro\n\n<!-- claims:${scope} -->\n${body}\n<!-- /claims -->\n`;
}

describe("statements", () => {
    test("a block is cut at semicolons and full stops, not inside code, parentheses or tags", () => {
        const pieces = splitStatements("One `a; b. c` (x; y. z) [HC-API-01]; two [HC-SEC-01]. Three v1.2 ok? four");
        expect(pieces.map((p) => p.text)).toEqual(["One `a; b. c` (x; y. z) [HC-API-01];", "two [HC-SEC-01].", "Three v1.2 ok?", "four"]);
    });

    test("the passing fixture parses into its statements with their tags and qualifiers", () => {
        const { blocks, problems: found } = parseClaims(GOOD, KNOWN);
        expect(found).toEqual([]);
        expect(blocks.map((b) => b.scope)).toEqual(["aws", "gcp", "baseline"]);
        const baseline = blocks[2].statements;
        expect(
            baseline.map((s) => s.controls.map((c) => `${c.id}${c.waived ? " waived" : ""}${c.environments.map((e) => ` ${e}`).join("")}`)),
        ).toEqual([["HC-ISO-02"], ["HC-ISO-01 waived"], ["HC-SUP-04 prod"]]);
        expect(blocks[0].statements.find((s) => s.exempt)?.text).toBe("*Verify*: things on a real account.");
        expect(blocks[0].statements[0].line).toBe(6);
    });

    test("the passing fixture holds on the evidence", () => {
        expect(problems(GOOD)).toEqual([]);
    });
});

describe("fixtures that fail", () => {
    test.each([
        [
            "a statement without a tag",
            withBlock("aws", "The endpoint is private [HC-API-01]; keys rotate."),
            /"keys rotate\.": a security statement names no control/,
        ],
        ["a control not in the catalogue", withBlock("aws", "Private [HC-API-99]."), /HC-API-99 is not in the control catalogue/],
        ["a malformed id", withBlock("aws", "Private [HC-API-01, api]."), /"api" is not a control id/],
        ["an unknown qualifier", withBlock("aws", "Private [HC-API-01 sometimes]."), /unknown qualifier "sometimes"/],
        ["a tag after the full stop", withBlock("aws", "Private. [HC-API-01]"), /"Private\.": a security statement names no control/],
        ["an unknown scope", withBlock("azure-ish", "Private [HC-API-01]."), /unknown claims scope "azure-ish"/],
        ["an unclosed block", "<!-- claims:aws -->\nPrivate [HC-API-01].\n", /without its closing/],
        ["a stray close", "Private.\n<!-- /claims -->\n", /without an opening/],
        [
            "a nested block",
            "<!-- claims:aws -->\nA [HC-API-01].\n<!-- claims:gcp -->\nB [HC-API-01].\n<!-- /claims -->\n",
            /opened inside another one/,
        ],
        ["an empty block", withBlock("aws", "  "), /is empty/],
        ["no blocks at all", "# Title\n\nNothing claimed.\n", /has no claims blocks/],
    ])("%s", (_name, readme, expected) => {
        expect(problems(readme).join("\n")).toMatch(expected);
    });

    test("a control that does not report on a covered stack", () => {
        expect(problems(withBlock("aws", "Nodes reach AWS APIs privately [HC-NET-04]."))).toEqual([
            '4: "Nodes reach AWS APIs privately [HC-NET-04].": no policy of HC-NET-04 reports on aws-dev',
            '4: "Nodes reach AWS APIs privately [HC-NET-04].": no policy of HC-NET-04 reports on aws-prod',
        ]);
    });

    test("a control that is advisory (and violated) on a covered stack", () => {
        expect(problems(withBlock("aws", "Only named signers [HC-SUP-04]."))).toEqual([
            `4: "Only named signers [HC-SUP-04].": HC-SUP-04 is not mandatory in dev's pack config (hc-sup-04-policy) on aws-dev`,
        ]);
    });

    test("a mandatory control with a violation, or not evaluated", () => {
        const broken = EVIDENCE.map((e) =>
            e.stack === "aws-prod"
                ? { ...e, outcomes: e.outcomes.map((o) => (o.controlId === "HC-API-01" ? { ...o, status: "violation" as const } : o)) }
                : e,
        );
        expect(problems(withBlock("aws", "Private [HC-API-01]."), broken)).toEqual([
            '4: "Private [HC-API-01].": HC-API-01 has violations on aws-prod (hc-api-01-policy)',
        ]);
        const unknown = EVIDENCE.map((e) => ({ ...e, outcomes: e.outcomes.map((o) => ({ ...o, status: "not-evaluated" as const })) }));
        expect(problems(withBlock("gcp", "Private [HC-API-01]."), unknown)).toEqual([
            '4: "Private [HC-API-01].": HC-API-01 is not evaluated on gcp-prod (hc-api-01-policy)',
        ]);
    });

    test("waived findings must be admitted, and an admission must be current", () => {
        expect(problems(withBlock("baseline", "Restricted Pod Security [HC-ISO-01]."))).toHaveLength(4);
        expect(problems(withBlock("baseline", "Restricted Pod Security [HC-ISO-01]."))[0]).toMatch(
            /has waived findings on aws-dev .*tag it "HC-ISO-01 waived"/,
        );
        expect(problems(withBlock("baseline", "Default deny [HC-ISO-02 waived]."))).toEqual([
            '4: "Default deny [HC-ISO-02 waived].": HC-ISO-02 is tagged waived but has no waived finding: drop "waived"',
        ]);
    });

    test("scopes: cloud controls do not hold on a baseline-only stack, and a scope may cover no stack", () => {
        expect(problems(withBlock("baseline", "Private [HC-API-01]."))).toEqual([
            '4: "Private [HC-API-01].": no policy of HC-API-01 reports on existing',
        ]);
        expect(problems(withBlock("all", "Private [HC-API-01]."))).toEqual([]);
        expect(problems(withBlock("azure", "Private [HC-API-01]."))).toEqual([
            '4: "Private [HC-API-01].": HC-API-01 covers no shipped stack (scope azure)',
        ]);
        expect(problems(withBlock("gcp", "Private [HC-API-01 staging]."))).toEqual([
            '4: "Private [HC-API-01 staging].": HC-API-01 covers no shipped stack (scope gcp)',
        ]);
    });
});

describe("the README", () => {
    const readme = fs.readFileSync(README, "utf8");
    const known = new Set(CONTROLS.map((c) => c.id));

    test("has a claims block for every scope, and every statement in them is well-formed and tagged", () => {
        const { blocks, problems: found } = parseClaims(readme, known);
        expect(found).toEqual([]);
        expect(new Set(blocks.map((b) => b.scope))).toEqual(new Set(CLAIM_SCOPES));
        for (const block of nonEmpty(blocks)) expect(block.statements.some((s) => s.controls.length > 0)).toBe(true);
    });

    test("its AWS and baseline statements hold on the offline plan of aws-dev, and fail when a control is advisory", async () => {
        const evidence = evidenceOf(await planStack("aws-dev"));
        const { blocks } = parseClaims(readme, known);
        const refs = blocks
            .filter((b) => b.scope === "aws" || b.scope === "all" || b.scope === "baseline")
            .flatMap((b) => b.statements.flatMap((s) => s.controls))
            .filter((r) => r.environments.length === 0 || r.environments.includes("dev"));
        for (const ref of nonEmpty(refs, "tagged controls")) expect([ref.id, controlVerdict(ref, evidence)]).toEqual([ref.id, undefined]);
        const weakened = {
            ...evidence,
            outcomes: evidence.outcomes.map((o) => (o.controlId === "HC-API-01" ? { ...o, configuredLevel: "advisory" } : o)),
        };
        expect(controlVerdict({ id: "HC-API-01", environments: [], waived: false }, weakened)).toMatch(
            /HC-API-01 is not mandatory in dev's pack config/,
        );
    });
});
