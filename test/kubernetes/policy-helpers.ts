import { Policy } from "@pulumi/policy";
import { KUBERNETES_POLICIES } from "../../policypacks/kubernetes-hardening/rules";
import { PackConfig } from "../../tools/policy/evaluate";
import { CapturedResource } from "../harness";
import { evaluatePolicy } from "../harness/policies";

export function policyNamed(name: string): Policy {
    const policy = KUBERNETES_POLICIES.find((p) => p.name === name);
    if (!policy) throw new Error(`no policy ${name} in KUBERNETES_POLICIES`);
    return policy;
}

/** Runs one kubernetes-hardening policy; `settings` is the policy's own pack-config entry. */
export async function evaluate(name: string, resources: readonly CapturedResource[], settings: Record<string, unknown> = {}) {
    const config: PackConfig = { [name]: { ...settings } };
    return evaluatePolicy(policyNamed(name), resources, config, "kubernetes-hardening");
}

export function statuses(outcomes: readonly { status: string }[]): string[] {
    return [...new Set(outcomes.map((o) => o.status))];
}
