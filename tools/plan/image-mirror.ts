import { unmirroredBaselineImages } from "../../components/kubernetes/baseline-images";
import { BaselineHandover, HANDOVER_OUTPUT } from "../../components/shared/handover";
import { PlanWarning } from "./plan";

function isRecord(value: unknown): value is Record<string, unknown> {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * One warning per baseline image still pulled from its upstream registry although the stack's hand-over configures
 * a mirror (the cloud layer fills `imageMirror` when `registry.mirror` is on). Read from the stack's resolved
 * `baselineHandover` output; nothing without one, or without a mirror.
 */
export function imageMirrorWarnings(stack: string, outputs: Readonly<Record<string, unknown>>): PlanWarning[] {
    const handover = outputs[HANDOVER_OUTPUT];
    if (!isRecord(handover) || !isRecord(handover["imageMirror"])) return [];
    const missing = unmirroredBaselineImages(handover as unknown as BaselineHandover<unknown>);
    return missing.map((image) => ({
        stack,
        kind: "image-mirror" as const,
        message: `the image mirror does not cover ${image}: it is still pulled from its upstream registry (add its host to the mirror)`,
    }));
}
