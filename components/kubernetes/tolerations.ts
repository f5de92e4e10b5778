import * as k8s from "@pulumi/kubernetes";
import { Taint } from "../../config/types";

/** Tolerations for every node pool's taints, so node agents (Falco, log and metrics collectors) cover every node. */
export function nodeAgentTolerations(taints: readonly Taint[]): k8s.types.input.core.v1.Toleration[] {
    return taints.map((taint) => ({ key: taint.key, operator: "Equal", value: taint.value, effect: taint.effect }));
}
