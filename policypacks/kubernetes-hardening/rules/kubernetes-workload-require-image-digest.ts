import { controlResourcePolicy } from "../../lib/define";
import { containersOf, describeContainer, validateWorkload } from "./workload";

const DIGEST = /@sha256:[0-9a-f]{64}$/;

/** HC-SUP-03: images are pinned by digest (advisory in the shipped dev pack config, mandatory elsewhere). */
export const workloadRequireImageDigest = controlResourcePolicy({
    name: "kubernetes-workload-require-image-digest",
    controlId: "HC-SUP-03",
    description: "Every image reference ends in @sha256:<digest>.",
    remediationSteps: "Reference images as registry/repo@sha256:<digest> (a tag may be kept before the digest).",
    validateResource: validateWorkload(({ description, podSpec }, _args, report) => {
        for (const { kind, container } of containersOf(podSpec)) {
            const image = container.image ?? "";
            if (!DIGEST.test(image)) {
                report(
                    `${description} ${describeContainer(kind, container)} image "${image}" is not pinned by digest; reference it as <image>@sha256:<digest>`,
                );
            }
        }
    }),
});
