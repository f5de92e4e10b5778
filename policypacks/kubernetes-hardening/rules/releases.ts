import * as k8s from "@pulumi/kubernetes";
import { PolicyResource } from "@pulumi/policy";

/** Helm v3 Releases of a chart, however it is referenced ("falco", "falcosecurity/falco", "oci://.../falco"). */
export function releasesOfChart(resources: readonly PolicyResource[], chart: string): PolicyResource[] {
    return resources.filter((r) => {
        if (!r.isType(k8s.helm.v3.Release)) return false;
        const ref = r.props["chart"];
        return typeof ref === "string" && (ref === chart || ref.endsWith(`/${chart}`));
    });
}

/** undefined when the release pins an exact chart version, else what is wrong. */
export function unpinned(release: PolicyResource): string | undefined {
    const version = release.props["version"];
    return typeof version === "string" && /^\d+\.\d+\.\d+/.test(version)
        ? undefined
        : `Release ${release.name} does not pin an exact chart version (version ${JSON.stringify(version ?? null)})`;
}
