import { supportStatus, supportTableDate, KUBERNETES_SUPPORT } from "../core/kubernetes-support";
import { Cloud, KUBERNETES_VERSIONS, KubernetesVersion } from "../core/vocabulary";
import { ConfigProblem } from "./errors";
import { keyName, Path, RawConfig, stringAt, valueAt } from "./raw";

/**
 * Whether a cluster of this cloud runs with the cloud's extended support, which moves the end of all
 * support from the standard end to the extended end (core/kubernetes-support.ts):
 * - EKS: extended support is on unless the cluster's upgrade policy says STANDARD; the blueprint leaves the
 *   default, and a cluster the blueprint did not build most likely does too.
 * - AKS: long-term support needs the Premium tier and the AKSLongTermSupport plan, which the blueprint does not set.
 * - GKE: only the Extended release channel has it; the blueprint offers RAPID, REGULAR and STABLE.
 */
export function extendedSupportInUse(cloud: Cloud | "other"): boolean {
    return cloud === "aws";
}

function isVersion(value: string | undefined): value is KubernetesVersion {
    return KUBERNETES_VERSIONS.some((v) => v === value);
}

/**
 * A version the support table says is out of all support on the stack's cloud, as of
 * the table's own date, is refused (the cluster would get no security patches, and the cloud force-upgrades
 * it). Judged on the table's date, not today's, so validation is deterministic; the offline plan warns
 * with today's date (or --as-of).
 */
export function unsupportedVersionProblems(raw: RawConfig, cloud: Cloud | "other" | undefined, versionPath: Path): ConfigProblem[] {
    const version = stringAt(raw, versionPath);
    if (!cloud || !isVersion(version)) return [];
    const extended = extendedSupportInUse(cloud);
    const status = supportStatus(cloud, version, supportTableDate(), extended);
    if (status.phase !== "unsupported") return [];
    const supported = KUBERNETES_VERSIONS.filter((v) => {
        const phase = supportStatus(cloud, v, supportTableDate(), extended).phase;
        return phase === "standard" || phase === "extended";
    });
    return [
        {
            key: keyName(versionPath),
            value: valueAt(raw, versionPath),
            allowed: `a version ${cloud} still supports (support table v${KUBERNETES_SUPPORT.version} as of ${KUBERNETES_SUPPORT.asOf}): ${supported.join(", ")}; ${version} left all support on ${status.extendedEnd ?? status.standardEnd}`,
        },
    ];
}
