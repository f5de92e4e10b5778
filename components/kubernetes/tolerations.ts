import * as k8s from "@pulumi/kubernetes";
import { HardenedConfig } from "../../config/types";

/** Tolerations for every node pool's taints, so node agents (Falco, log and metrics collectors) cover every node. */
export function nodeAgentTolerations(config: HardenedConfig): k8s.types.input.core.v1.Toleration[] {
    const pools = Object.values(config.nodePools);
    const seen = new Set<string>();
    const tolerations: k8s.types.input.core.v1.Toleration[] = [];
    for (const taint of pools.flatMap((p) => p.taints)) {
        const id = `${taint.key}=${taint.value}:${taint.effect}`;
        if (seen.has(id)) continue;
        seen.add(id);
        tolerations.push({ key: taint.key, operator: "Equal", value: taint.value, effect: taint.effect });
    }
    return tolerations;
}
