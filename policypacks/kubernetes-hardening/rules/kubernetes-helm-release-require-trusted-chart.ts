import { controlStackPolicy } from "../../lib/define";
import { chartSource, HELM_TYPES, isExactVersion, isUnderRepository } from "./releases";

/**
 * HC-SUP-07: every Helm chart (helm.v3.Release, helm.v4.Chart) comes from a trusted repository over HTTPS
 * (or an OCI registry) and is pinned to an exact version.
 * - The repository (repositoryOpts.repo, or the chart's own https:// / oci:// reference) must be listed in
 *   pack config `trustedChartRepositories` (a repository URL, or a path below one). The list is pack config
 *   for the same reason as trustedRegistries: the program must not choose its own allow-list. Empty (the
 *   default) refuses every chart until the organisation lists its repositories.
 * - http:// is refused whatever the list says: the chart could be swapped in transit.
 * - A chart name without repositoryOpts.repo ("falco", "falcosecurity/falco") resolves through the
 *   deployer's local `helm repo` list, which the program does not control: refused.
 * - `version` must be an exact version (1.2.3), never a range or unset (Helm then takes the newest).
 * A chart from a path in the program's repository ("./charts/app") is reviewed with the program and not
 * judged here. helm.v3.Chart renders in the program and registers no chart reference; its objects are
 * judged by the other policies.
 */
export const helmReleaseRequireTrustedChart = controlStackPolicy({
    name: "kubernetes-helm-release-require-trusted-chart",
    controlId: "HC-SUP-07",
    description: "Helm charts come from a repository listed in trustedChartRepositories, over HTTPS or OCI, at an exact version.",
    remediationSteps:
        "Set repositoryOpts.repo to a trusted https:// repository (or an oci:// chart reference), pin version to an exact chart version, and list new repositories in trustedChartRepositories after review.",
    configProperties: {
        trustedChartRepositories: {
            type: "array",
            items: { type: "string" },
            default: [],
            description: "Helm repository URLs (https://...) or OCI locations (oci://registry/path) charts may come from.",
        },
    },
    validateStack: (args, report) => {
        const charts = args.resources.filter((r) => (HELM_TYPES as readonly string[]).includes(r.type));
        if (charts.length === 0) return args.notApplicable("no Helm release in the stack");
        const trusted = args.getConfig<{ trustedChartRepositories?: string[] }>().trustedChartRepositories ?? [];
        for (const release of charts) {
            const props = release.props as Record<string, unknown>;
            const what = `${release.type.endsWith(":Release") ? "Release" : "Chart"} ${release.name} (chart ${JSON.stringify(props["chart"] ?? null)})`;
            const source = chartSource(props);
            const problems: string[] = [];
            if (source.kind === "unknown") {
                problems.push(
                    "names no repository, so the chart comes from whatever the deployer's local helm repo list holds; set repositoryOpts.repo to a trusted https:// repository",
                );
            } else if (source.kind !== "local") {
                if (/^http:\/\//i.test(source.location)) {
                    problems.push(`comes from ${source.location} over plain HTTP; use the repository's https:// URL`);
                } else if (!/^(https|oci):\/\//i.test(source.location)) {
                    problems.push(`comes from ${source.location}, which is not an https:// or oci:// location`);
                } else if (!isUnderRepository(source.location, trusted)) {
                    problems.push(
                        trusted.length > 0
                            ? `comes from ${source.location}, which is not a trusted chart repository (${trusted.join(", ")}); add it to trustedChartRepositories after review, or mirror the chart into one`
                            : `comes from ${source.location}, but no trusted chart repositories are configured: set trustedChartRepositories in the kubernetes-hardening pack config`,
                    );
                }
                const pinnedByUrl = source.kind === "url" && /\.tgz$/i.test(source.location);
                if (!pinnedByUrl && !isExactVersion(props["version"])) {
                    problems.push(
                        `does not pin an exact chart version (version ${JSON.stringify(props["version"] ?? null)}); set version to the exact version you reviewed, e.g. 1.2.3`,
                    );
                }
            }
            if (problems.length > 0) report(`${what} ${problems.join("; ")}`, release.urn);
        }
    },
});
