import { Policy } from "@pulumi/policy";
import { PackName } from "../../policypacks/controls/types";
import { planUnits } from "../mock/stack-runs";
import { PlanResult, planStack } from "../plan/plan";
import { enforcementLevelOf } from "../policy/evaluate";
import { PACK_POLICIES, readPackConfig } from "../policy/packs";
import { StackEvidence } from "./claims";

/**
 * The evidence the claims check judges statements by: the offline plan of every plan unit (`npm run plan
 * -- --all`: each cluster stack with its paired baseline stack, the GKE and existing-cluster stacks alone),
 * evaluated with both packs and the stack's environment's shipped pack config, as CI runs them.
 */
export function evidenceOf(plan: PlanResult): StackEvidence {
    const configs = new Map((Object.keys(PACK_POLICIES) as PackName[]).map((pack) => [pack, readPackConfig(pack, plan.policyConfig)]));
    const policies = new Map<string, Policy>();
    for (const pack of Object.keys(PACK_POLICIES) as PackName[]) for (const p of PACK_POLICIES[pack]) policies.set(`${pack}/${p.name}`, p);
    return {
        stack: plan.stack,
        cloud: plan.cloud,
        environment: plan.environment,
        buildsCluster: plan.stacks.some((s) => s.config.layer !== "baseline"),
        outcomes: plan.outcomes.map((o) => {
            const policy = policies.get(`${o.pack}/${o.policy}`);
            return {
                controlId: o.controlId,
                policy: o.policy,
                status: o.status,
                configuredLevel: policy ? enforcementLevelOf(policy, configs.get(o.pack)) : o.enforcementLevel,
            };
        }),
    };
}

/** Plans every shipped plan unit, one after another (the SDK's mock state is process-global). */
export async function gatherEvidence(): Promise<StackEvidence[]> {
    const evidence: StackEvidence[] = [];
    for (const stack of planUnits()) evidence.push(evidenceOf(await planStack(stack)));
    return evidence;
}
