import { PolicyResource } from "@pulumi/policy";
import { record } from "./objects";

/** Helm v3 Releases and helm v4 Charts: both carry chart, version and repositoryOpts. */
export const HELM_TYPES = ["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"] as const;

/** True when a chart reference names `chart`, however written ("falco", "falcosecurity/falco", "oci://.../falco"). */
export function chartReferenceIs(ref: unknown, chart: string): boolean {
    return typeof ref === "string" && (ref === chart || ref.endsWith(`/${chart}`));
}

/** Helm v3 Releases of a chart. */
export function releasesOfChart(resources: readonly PolicyResource[], chart: string): PolicyResource[] {
    return resources.filter((r) => r.type === HELM_TYPES[0] && chartReferenceIs(r.props["chart"], chart));
}

/** An exact chart version: 1.2.3, optionally v-prefixed, with a pre-release or build suffix; never a range. */
const EXACT_VERSION = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export function isExactVersion(version: unknown): boolean {
    return typeof version === "string" && EXACT_VERSION.test(version);
}

/** undefined when the release pins an exact chart version, else what is wrong. */
export function unpinned(release: PolicyResource): string | undefined {
    const version = release.props["version"];
    return isExactVersion(version)
        ? undefined
        : `Release ${release.name} does not pin an exact chart version (version ${JSON.stringify(version ?? null)})`;
}

/**
 * Where a Helm chart comes from, as Helm resolves the reference:
 * - "url": the chart is itself an https://, http:// or oci:// reference (the version may be in it);
 * - "repository": a chart name in repositoryOpts.repo;
 * - "local": a path in the program's own repository ("./chart", "../chart", "/abs/chart"), reviewed with it;
 * - "unknown": a name or "alias/name" without repositoryOpts.repo, which resolves through the deployer's
 *   own `helm repo add` list (or a same-named local directory): nothing in the program says where from.
 */
export type ChartSource =
    | { readonly kind: "url" | "repository"; readonly location: string }
    | { readonly kind: "local"; readonly location: string }
    | { readonly kind: "unknown"; readonly location: string };

export function chartSource(props: Record<string, unknown>): ChartSource {
    const chart = typeof props["chart"] === "string" ? props["chart"] : "";
    if (/^(https?|oci):\/\//i.test(chart)) return { kind: "url", location: chart };
    if (/^(\.\.?\/|\/)/.test(chart)) return { kind: "local", location: chart };
    const repo = record(props["repositoryOpts"])?.["repo"];
    if (typeof repo === "string" && repo.length > 0) return { kind: "repository", location: repo };
    return { kind: "unknown", location: chart };
}

/** A location is under a trusted repository when it is that repository or a path below it. */
export function isUnderRepository(location: string, trusted: readonly string[]): boolean {
    const normal = location.replace(/\/+$/, "");
    return trusted.some((t) => {
        const entry = t.replace(/\/+$/, "");
        return entry.length > 0 && (normal === entry || normal.startsWith(`${entry}/`));
    });
}
