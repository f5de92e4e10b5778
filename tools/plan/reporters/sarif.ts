import { CONTROLS } from "../../../policypacks/controls";
import { Outcome } from "../../policy/evaluate";
import { PlanResult } from "../plan";

/**
 * SARIF 2.1.0 for code scanning: one rule per control, one result per finding, located at the stack
 * file with the resource's URN as the logical location. Waivers are results with an external suppression.
 */
const SEVERITY_SCORE = { low: "3.0", medium: "5.5", high: "8.0", critical: "9.5" } as const;

function level(o: Outcome): "error" | "warning" | "note" {
    if (o.status === "violation") return o.enforcementLevel === "mandatory" ? "error" : "warning";
    return "note";
}

/** Not a control: the plan's warning that the cluster's Kubernetes version leaves (or has left) support. */
export const VERSION_SUPPORT_RULE = "kubernetes-version-support";
/** Not a control either: a baseline image the configured mirror does not cover (pulled from upstream). */
export const IMAGE_MIRROR_RULE = "image-mirror";

function sarifRules() {
    const controls = CONTROLS.map((c) => ({
        id: c.id,
        name: c.id.replace(/-/g, ""),
        shortDescription: { text: c.title },
        fullDescription: { text: c.rationale },
        defaultConfiguration: { level: c.severity === "low" ? "note" : c.severity === "medium" ? "warning" : "error" },
        properties: {
            tags: ["security", ...c.themes],
            "security-severity": SEVERITY_SCORE[c.severity],
            policies: c.policies,
            references: c.references,
        },
    }));
    const versionSupport = {
        id: VERSION_SUPPORT_RULE,
        name: "KubernetesVersionSupport",
        shortDescription: { text: "The cluster's Kubernetes version is in the cloud's standard support" },
        fullDescription: {
            text: "Warns when standard support for the stack's Kubernetes version on its cloud ends within 90 days or has ended (support table in core/kubernetes-support.ts).",
        },
        defaultConfiguration: { level: "warning" as const },
        properties: {
            tags: ["maintenance"],
            "security-severity": SEVERITY_SCORE.medium,
            policies: [] as string[],
            references: [] as unknown[],
        },
    };
    const imageMirror = {
        id: IMAGE_MIRROR_RULE,
        name: "BaselineImageMirror",
        shortDescription: { text: "With a mirror configured, every baseline image is pulled through it" },
        fullDescription: {
            text: "Warns when the hand-over configures an image mirror that does not list the upstream host of a baseline image (table in components/kubernetes/image-mirror.ts).",
        },
        defaultConfiguration: { level: "note" as const },
        properties: {
            tags: ["supply-chain"],
            "security-severity": SEVERITY_SCORE.low,
            policies: [] as string[],
            references: [] as unknown[],
        },
    };
    return [...controls, versionSupport, imageMirror];
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
        ruleId: w.kind === "image-mirror" ? IMAGE_MIRROR_RULE : VERSION_SUPPORT_RULE,
        ruleIndex: ruleIndex.get(w.kind === "image-mirror" ? IMAGE_MIRROR_RULE : VERSION_SUPPORT_RULE),
        level: w.kind === "image-mirror" ? ("note" as const) : ("warning" as const),
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
