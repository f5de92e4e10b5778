import { PolicyResource } from "@pulumi/policy";
import { ISTIO_DATAPLANE_MODE_LABEL } from "../../../core/kubernetes-labels";
import { KINDS, KubeObject, list, record, stackObjects } from "./objects";
import { releasesOfChart } from "./releases";

/** The peer-authentication modes that let plaintext in: PERMISSIVE accepts both, DISABLE only plaintext. */
export const PLAINTEXT_MODES = ["PERMISSIVE", "DISABLE"] as const;

/** Every mTLS mode a PeerAuthentication sets: its own and each port's, with where it is set. */
export function peerAuthenticationModes(object: KubeObject): { readonly where: string; readonly mode: unknown }[] {
    const spec = record(object.body["spec"]);
    const modes: { where: string; mode: unknown }[] = [];
    const own = record(spec?.["mtls"])?.["mode"];
    if (own !== undefined) modes.push({ where: "mtls.mode", mode: own });
    const ports = record(spec?.["portLevelMtls"]) ?? {};
    for (const [port, setting] of Object.entries(ports))
        modes.push({ where: `portLevelMtls[${port}].mode`, mode: record(setting)?.["mode"] });
    return modes;
}

/** Mesh-wide: in the root namespace, applying to every workload (no selector). */
export function isMeshWide(object: KubeObject, rootNamespace: string): boolean {
    const spec = record(object.body["spec"]);
    const selector = record(spec?.["selector"]);
    const matchLabels = record(selector?.["matchLabels"]) ?? {};
    return (
        object.meta.namespace === rootNamespace &&
        Object.keys(matchLabels).length === 0 &&
        list(selector?.["matchExpressions"]).length === 0
    );
}

/** What shows that a stack runs Istio in ambient mode: a ztunnel release or a namespace enrolled in ambient. */
export function ambientEvidence(resources: readonly PolicyResource[]): string | undefined {
    const ztunnel = releasesOfChart(resources, "ztunnel");
    if (ztunnel.length > 0) return `Helm release ${ztunnel[0].name} installs ztunnel`;
    const enrolled = stackObjects(resources, [KINDS.namespace]).find(
        ({ object }) => record(object.meta.labels)?.[ISTIO_DATAPLANE_MODE_LABEL] === "ambient",
    );
    return enrolled ? `${enrolled.object.label} is labelled ${ISTIO_DATAPLANE_MODE_LABEL}=ambient` : undefined;
}
