import { Policy } from "@pulumi/policy";
import { enforcementLevelOf, Outcome, PackConfig, policyConfigOf } from "../../tools/policy/evaluate";
import { Diagnostic, ResolvedPolicyConfig } from "./analyzer-calls";

/**
 * What the CLI's policy host should answer, derived from the in-process evaluator: the per-policy
 * config the CLI sends after reading a pack config file, and the diagnostics of every violation and
 * waiver, written as one comparable line each.
 */
export function resolvedConfig(policies: readonly Policy[], config: PackConfig): Record<string, ResolvedPolicyConfig> {
    return Object.fromEntries(
        policies.map((p) => [p.name, { enforcementLevel: enforcementLevelOf(p, config), properties: policyConfigOf(p, config) }]),
    );
}

function line(policy: string, level: string, urn: string, message: string): string {
    return `${policy} ${level} ${urn}\n${message}`;
}

export function expectedDiagnostics(outcomes: readonly Outcome[]): string[] {
    return outcomes
        .filter((o) => o.status === "violation" || o.status === "waived")
        .map((o) => line(o.policy, o.enforcementLevel, o.urn ?? "", o.message ?? ""))
        .sort();
}

/** The host puts the policy's description before a message reported as a plain string; drop it to compare. */
export function receivedDiagnostics(diagnostics: readonly Diagnostic[], policies: readonly Policy[]): string[] {
    const descriptions = new Map(policies.map((p) => [p.name, `${p.description}\n`]));
    return diagnostics
        .map((d) => {
            const prefix = descriptions.get(d.policy) ?? "";
            const message = d.message.startsWith(prefix) ? d.message.slice(prefix.length) : d.message;
            return line(d.policy, d.enforcementLevel, d.urn, message);
        })
        .sort();
}
