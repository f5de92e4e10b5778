import { BaselineHandover } from "../shared/handover";
import { CHARTS } from "./charts";
import { CHART_IMAGES, ChartImage, mirroredImage, pinnedChartKey } from "./image-mirror";

type ImageHandover = Pick<
    BaselineHandover<unknown>,
    "imageMirror" | "imageVerification" | "baseline" | "trafficEncryption" | "clusterAddons" | "runtimeAlerts"
>;

/** One Helm release the baseline installs for this hand-over, with its chart's images (undefined: not in CHART_IMAGES). */
export interface BaselineRelease {
    readonly release: string;
    readonly images: readonly ChartImage[] | undefined;
}

/** The Helm releases the baseline installs for a hand-over, cluster add-ons first (as the baseline applies them). */
export function baselineReleases(handover: ImageHandover): BaselineRelease[] {
    const releases: BaselineRelease[] = [];
    for (const addon of handover.clusterAddons) {
        if (addon.kind !== "helm") continue;
        const key = pinnedChartKey(addon.chart);
        releases.push({ release: addon.key, images: key ? CHART_IMAGES[key].images : undefined });
    }
    const pinned = (release: string, key: keyof typeof CHARTS) => releases.push({ release, images: CHART_IMAGES[key].images });
    if (handover.trafficEncryption.kind === "istio-ambient") {
        pinned("istiod", "istiod");
        pinned("istio-cni", "istioCni");
        pinned("ztunnel", "ztunnel");
    }
    if (handover.imageVerification === "in-cluster") pinned("policy-controller", "policyController");
    if (handover.baseline.runtimeDefence) {
        const forward = Object.keys(handover.runtimeAlerts.falcosidekickConfig).length > 0;
        const images = CHART_IMAGES.falco.images.filter((i) => forward || !i.upstream.endsWith("/falcosidekick"));
        releases.push({ release: "falco", images });
    }
    if (handover.baseline.monitoring === "in-cluster") {
        pinned("fluent-bit", "fluentBit");
        pinned("kube-prometheus-stack", "kubePrometheusStack");
    }
    return releases;
}

/**
 * With a mirror configured (a non-empty imageMirror), what the baseline still pulls from elsewhere: each image
 * whose host the mirror does not list, "<release>: <image>", and each add-on chart whose images the blueprint does
 * not know. [] without a mirror: then every image comes from its upstream registry by design.
 */
export function unmirroredBaselineImages(handover: ImageHandover): string[] {
    const mirror = handover.imageMirror;
    if (!mirror || Object.keys(mirror).length === 0) return [];
    const missing: string[] = [];
    for (const { release, images } of baselineReleases(handover)) {
        if (images === undefined) {
            missing.push(`${release}: the add-on's images are not in the blueprint's mirror table (components/kubernetes/image-mirror.ts)`);
            continue;
        }
        for (const image of images)
            if (mirroredImage(image.upstream, mirror, image.values.kind === "hub") === undefined)
                missing.push(`${release}: ${image.upstream}`);
    }
    return missing;
}
