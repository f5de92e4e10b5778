import { controlStackPolicy } from "../../lib/define";
import { hasKubernetes } from "./of-types";
import { releasesOfChart, unpinned } from "./releases";

const GKE_CLUSTER = "gcp:container/cluster:Cluster";
const CLUSTER_IMAGE_POLICY = /^kubernetes:policy\.sigstore\.dev\/v1(alpha1|beta1)?:ClusterImagePolicy$/;

/**
 * HC-SUP-04: image signatures are verified at admission, either in the cluster (Sigstore policy-controller
 * release plus a ClusterImagePolicy with at least one authority, created after the release that installs
 * its CRD) or by the cloud (a GKE cluster whose Binary Authorization is enforced). A policy in warn mode
 * only passes with `allowWarn` (dev).
 */
export const stackRequireImageSignatureVerification = controlStackPolicy({
    name: "kubernetes-stack-require-image-signature-verification",
    controlId: "HC-SUP-04",
    description:
        "A stack with a Kubernetes cluster verifies image signatures (policy-controller + ClusterImagePolicy, or GKE Binary Authorization enforced).",
    remediationSteps:
        "Keep baseline image signature verification on, configure baseline.imageSignatures, or enforce GKE Binary Authorization.",
    configProperties: {
        allowWarn: { type: "boolean", default: false, description: "Accept a ClusterImagePolicy in warn mode (dev environments)." },
    },
    validateStack: (args, report) => {
        if (!hasKubernetes(args.resources)) return args.notApplicable("no Kubernetes resources in the stack");
        const binaryAuthorization = args.resources.some((r) => {
            if (r.type !== GKE_CLUSTER) return false;
            const config = r.props["binaryAuthorization"] as { evaluationMode?: string } | undefined;
            return config?.evaluationMode === "PROJECT_SINGLETON_POLICY_ENFORCE";
        });
        if (binaryAuthorization) return;
        const releases = releasesOfChart(args.resources, "policy-controller");
        const policies = args.resources.filter((r) => CLUSTER_IMAGE_POLICY.test(r.type));
        if (releases.length === 0 || policies.length === 0) {
            const missing = [
                releases.length === 0 ? "a policy-controller Helm release" : undefined,
                policies.length === 0 ? "a ClusterImagePolicy" : undefined,
            ].filter(Boolean);
            report(
                `the stack runs Kubernetes but verifies no image signatures: ${missing.join(" and ")} missing; keep the baseline's image signatures on, or enforce GKE Binary Authorization`,
            );
            return;
        }
        for (const release of releases) {
            const problem = unpinned(release);
            if (problem) report(`${problem}; pin the policy-controller chart version`, release.urn);
        }
        const releaseUrns = new Set(releases.map((r) => r.urn));
        const allowWarn = args.getConfig<{ allowWarn?: boolean }>().allowWarn === true;
        for (const policy of policies) {
            const spec = (policy.props["spec"] ?? {}) as { mode?: string; authorities?: readonly unknown[] };
            if ((spec.authorities ?? []).length === 0)
                report(`ClusterImagePolicy ${policy.name} lists no authorities; add keyless identities or public keys`, policy.urn);
            if (spec.mode === "warn" && !allowWarn)
                report(`ClusterImagePolicy ${policy.name} is in warn mode; set mode to enforce`, policy.urn);
            if (!policy.dependencies.some((d) => releaseUrns.has(d.urn))) {
                report(
                    `ClusterImagePolicy ${policy.name} does not depend on the policy-controller release that installs its CRD; add dependsOn the release`,
                    policy.urn,
                );
            }
        }
    },
});
