import { CONTROLS } from "../../../policypacks/controls";
import { Outcome } from "../../policy/evaluate";
import { PlanResult } from "../plan";

/**
 * SARIF 2.1.0 for code scanning: one rule per control, one result per finding, located at the stack
 * file with the resource's URN as the logical location. Waivers are results with an external suppression.
 */
const SEVERITY_SCORE = { low: "3.0", medium: "5.5", high: "8.0", critical: "9.5" } as const;

function level(o: Outcome): SarifLevel {
    if (o.status === "violation") return o.enforcementLevel === "mandatory" ? "error" : "warning";
    return "note";
}

type WarningKind = PlanResult["warnings"][number]["kind"];
type SarifLevel = "error" | "warning" | "note";

/** Plan warnings that are not controls, one SARIF rule per warning kind (the rule id is the kind). */
const WARNING_RULES: Record<
    WarningKind,
    { name: string; short: string; full: string; level: SarifLevel; tag: string; severity: keyof typeof SEVERITY_SCORE }
> = {
    "kubernetes-version-support": {
        name: "KubernetesVersionSupport",
        short: "The cluster's Kubernetes version is in the cloud's standard support",
        full: "Warns when standard support for the stack's Kubernetes version on its cloud ends within 90 days or has ended (support table in core/kubernetes-support.ts).",
        level: "warning",
        tag: "maintenance",
        severity: "medium",
    },
    "image-mirror": {
        name: "BaselineImageMirror",
        short: "With a mirror configured, every baseline image is pulled through it",
        full: "Warns when the hand-over configures an image mirror that does not list the upstream host of a baseline image (table in components/kubernetes/image-mirror.ts).",
        level: "note",
        tag: "supply-chain",
        severity: "low",
    },
};
/** The SARIF rule id of the plan's Kubernetes version support warning. */
export const VERSION_SUPPORT_RULE: WarningKind = "kubernetes-version-support";

function sarifRules() {
    const controls = CONTROLS.map((c) => ({
        id: c.id,
        name: c.id.replace(/-/g, ""),
        shortDescription: { text: c.title },
        fullDescription: { text: c.rationale },
        defaultConfiguration: { level: (c.severity === "low" ? "note" : c.severity === "medium" ? "warning" : "error") as SarifLevel },
        properties: {
            tags: ["security", ...c.themes],
            "security-severity": SEVERITY_SCORE[c.severity],
            policies: c.policies,
            references: c.references,
        },
    }));
    const warnings = (Object.keys(WARNING_RULES) as WarningKind[]).map((kind) => {
        const rule = WARNING_RULES[kind];
        return {
            id: kind as string,
            name: rule.name,
            shortDescription: { text: rule.short },
            fullDescription: { text: rule.full },
            defaultConfiguration: { level: rule.level },
            properties: {
                tags: [rule.tag],
                "security-severity": SEVERITY_SCORE[rule.severity],
                policies: [] as string[],
                references: [] as unknown[],
            },
        };
    });
    return [...controls, ...warnings];
}

function sarifRun(plan: PlanResult, rules: ReturnType<typeof sarifRules>) {
    const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
    const results = plan.outcomes
        .filter((o) => o.status !== "pass")
        .map((o) => ({
            ruleId: o.controlId,
            ruleIndex: ruleIndex.get(o.controlId),
            level: level(o),
            message: { text: `${o.policy}: ${o.message ?? o.status}` },
            locations: [
                {
                    physicalLocation: { artifactLocation: { uri: `stacks/Pulumi.${o.stack ?? plan.stack}.yaml` } },
                    logicalLocations: [{ fullyQualifiedName: o.urn ?? `stack:${plan.stack}`, kind: "resource" }],
                },
            ],
            ...(o.status === "waived" ? { suppressions: [{ kind: "external", justification: o.message ?? "reviewed exception" }] } : {}),
            ...(o.status === "not-evaluated" ? { kind: "review" } : {}),
        }));
    const warnings = plan.warnings.map((w) => ({
        ruleId: w.kind,
        ruleIndex: ruleIndex.get(w.kind),
        level: WARNING_RULES[w.kind].level,
        message: { text: w.message },
        locations: [
            {
                physicalLocation: { artifactLocation: { uri: `stacks/Pulumi.${w.stack}.yaml` } },
                logicalLocations: [{ fullyQualifiedName: `stack:${w.stack}`, kind: "resource" }],
            },
        ],
    }));
    return {
        tool: {
            driver: { name: "hardened-cluster", informationUri: "https://www.pulumi.com/docs/iac/crossguard/", version: "0.1.0", rules },
        },
        automationDetails: { id: `hardened-cluster/${plan.stack}` },
        // The preflight of each stack: how its deployer reaches the API server and what the first run needs.
        properties: {
            stacks: plan.stacks.map((s) => ({ stack: s.stack, layer: s.reachability.layer, reachability: s.reachability })),
        },
        results: [...results, ...warnings],
    };
}

/** One SARIF log with a run per planned stack. */
export function renderSarif(plans: readonly PlanResult[]): string {
    const rules = sarifRules();
    const log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: plans.map((plan) => sarifRun(plan, rules)),
    };
    return JSON.stringify(log, null, 2) + "\n";
}
