import { PolicyResource } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";
import { SIGSTORE_INCLUDE_LABEL } from "../../../core/kubernetes-labels";
import { NamespaceDirectory } from "./namespaces";
import { hasKubernetes } from "./of-types";
import { KINDS, list, record, stackObjects } from "./objects";
import { admittedPrefixes, coversRegistry, imageGlobs } from "./registry-lists";
import { releasesOfChart, unpinned } from "./releases";
import { describeSelector, selects } from "./selectors";

const GKE_CLUSTER = "gcp:container/cluster:Cluster";
const BINAUTHZ_POLICY = "gcp:binaryauthorization/policy:Policy";

interface AttestationRule {
    readonly evaluationMode?: string;
    readonly enforcementMode?: string;
    readonly requireAttestationsBies?: readonly unknown[];
}

/**
 * GKE verifies signatures itself only when the cluster enforces the project's Binary Authorization policy
 * and that policy (in the stack: a policy managed elsewhere cannot be judged) requires an attestation by
 * at least one attestor in its default rule, enforced (a dry run only with allowWarn), and exempts no image
 * through an allow-list. A registry allow-list with ALWAYS_DENY checks where images come from, not who
 * signed them. `why` says what is missing, for the message.
 */
function binaryAuthorizationVerdict(resources: readonly PolicyResource[], allowWarn: boolean): { verifies: boolean; why?: string } {
    const enforced = resources.some((r) => {
        if (r.type !== GKE_CLUSTER) return false;
        const config = r.props["binaryAuthorization"] as { evaluationMode?: string } | undefined;
        return config?.evaluationMode === "PROJECT_SINGLETON_POLICY_ENFORCE";
    });
    if (!enforced) return { verifies: false };
    const policies = resources.filter((r) => r.type === BINAUTHZ_POLICY);
    if (policies.length === 0)
        return {
            verifies: false,
            why: "GKE enforces a Binary Authorization policy that is not in the stack, so nothing shows it checks signatures",
        };
    for (const policy of policies) {
        const rule = record(policy.props["defaultAdmissionRule"]) as AttestationRule | undefined;
        const attestors = Array.isArray(rule?.requireAttestationsBies) ? rule.requireAttestationsBies.length : 0;
        if (rule?.evaluationMode !== "REQUIRE_ATTESTATION" || attestors === 0)
            return { verifies: false, why: `Binary Authorization policy ${policy.name} requires no attestor` };
        const mode = rule.enforcementMode;
        if (mode !== "ENFORCED_BLOCK_AND_AUDIT_LOG" && !(allowWarn && mode === "DRYRUN_AUDIT_LOG_ONLY"))
            return {
                verifies: false,
                why: `Binary Authorization policy ${policy.name} does not enforce its attestations (${String(mode)})`,
            };
        if (list(policy.props["admissionWhitelistPatterns"]).length > 0)
            return {
                verifies: false,
                why: `Binary Authorization policy ${policy.name} exempts images from attestation through admissionWhitelistPatterns`,
            };
    }
    return { verifies: true };
}
const CLUSTER_IMAGE_POLICY = /^kubernetes:policy\.sigstore\.dev\/v1(alpha1|beta1)?:ClusterImagePolicy$/;

/**
 * The namespaces the policy-controller's webhooks verify: the chart value webhook.namespaceSelector, by
 * default `policy.sigstore.dev/include In ["true"]` (checked against the chart's values.yaml and
 * values.schema.json, sigstore/helm-charts policy-controller 0.7.x to the pinned 0.10.6).
 */
const DEFAULT_WEBHOOK_NAMESPACE_SELECTOR = { matchExpressions: [{ key: SIGSTORE_INCLUDE_LABEL, operator: "In", values: ["true"] }] };

function webhookValues(release: PolicyResource): Record<string, unknown> | undefined {
    return record(record(release.props["values"])?.["webhook"]);
}

function webhookNamespaceSelector(release: PolicyResource): unknown {
    return webhookValues(release)?.["namespaceSelector"] ?? DEFAULT_WEBHOOK_NAMESPACE_SELECTOR;
}

/**
 * What the controller does with an image no ClusterImagePolicy matches: the chart value
 * webhook.configData is the config-policy-controller ConfigMap, whose `no-match-policy` is deny (the
 * controller's default), warn or allow.
 */
function noMatchPolicy(release: PolicyResource): unknown {
    return record(webhookValues(release)?.["configData"])?.["no-match-policy"];
}

/**
 * HC-SUP-04: image signatures are verified at admission, either in the cluster (Sigstore policy-controller
 * release plus a ClusterImagePolicy with at least one authority, created after the release that installs
 * its CRD) or by the cloud (a GKE cluster enforcing a Binary Authorization policy that requires
 * attestations by an attestor, with no allow-list; see binaryAuthorizationVerdict). A policy in warn mode
 * only passes with `allowWarn` (dev). In-cluster verification only covers namespaces its webhook selects,
 * so every tenant namespace the stack creates must be selected (labelled policy.sigstore.dev/include "true"
 * with the chart's default selector), and images matched by no policy are denied (no-match-policy). The
 * policies' image globs must cover every registry the cluster's admission policies admit
 * (their trusted-registry rule, itself held to the pack's trustedRegistries by
 * kubernetes-workload-require-trusted-registry), so no admitted image escapes verification. Who may sign is
 * judged by kubernetes-imagepolicy-deny-any-signer.
 */
export const stackRequireImageSignatureVerification = controlStackPolicy({
    name: "kubernetes-stack-require-image-signature-verification",
    controlId: "HC-SUP-04",
    description:
        "A stack with a Kubernetes cluster verifies image signatures (policy-controller + ClusterImagePolicy, or GKE Binary Authorization requiring attestations).",
    remediationSteps:
        "Keep baseline image signature verification on, configure baseline.imageSignatures, or enforce GKE Binary Authorization with a policy that requires attestations (REQUIRE_ATTESTATION with an attestor, no allow-list).",
    configProperties: {
        allowWarn: { type: "boolean", default: false, description: "Accept a ClusterImagePolicy in warn mode (dev environments)." },
    },
    validateStack: (args, report) => {
        if (!hasKubernetes(args.resources)) return args.notApplicable("no Kubernetes resources in the stack");
        const allowWarn = args.getConfig<{ allowWarn?: boolean }>().allowWarn === true;
        const gke = binaryAuthorizationVerdict(args.resources, allowWarn);
        if (gke.verifies) return;
        const releases = releasesOfChart(args.resources, "policy-controller");
        const policies = args.resources.filter((r) => CLUSTER_IMAGE_POLICY.test(r.type));
        if (releases.length === 0 || policies.length === 0) {
            const missing = [
                releases.length === 0 ? "a policy-controller Helm release" : undefined,
                policies.length === 0 ? "a ClusterImagePolicy" : undefined,
            ].filter(Boolean);
            const why = gke.why ? ` (${gke.why})` : "";
            report(
                `the stack runs Kubernetes but verifies no image signatures: ${missing.join(" and ")} missing${why}; keep the baseline's image signatures on, or on GKE enforce Binary Authorization with a policy that requires attestations`,
            );
            return;
        }
        for (const release of releases) {
            const problem = unpinned(release);
            if (problem) report(`${problem}; pin the policy-controller chart version`, release.urn);
            const noMatch = noMatchPolicy(release);
            if (noMatch === "allow" || (noMatch === "warn" && !allowWarn)) {
                report(
                    `Release ${release.name} sets values.webhook.configData.no-match-policy to ${JSON.stringify(noMatch)}, so images no ClusterImagePolicy matches are admitted unverified; remove it (the default is deny)`,
                    release.urn,
                );
            }
        }
        const releaseUrns = new Set(releases.map((r) => r.urn));
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
        // Coverage is judged on every policy; one in warn mode is reported above.
        const patterns = policies.flatMap((p) => imageGlobs(record(p.props["spec"]) ?? {}).patterns);
        const admissionPolicies = stackObjects(args.resources, [KINDS.validatingAdmissionPolicy]);
        for (const { resource, object } of admissionPolicies) {
            const { prefixes } = admittedPrefixes(list(record(object.body["spec"])?.["validations"]));
            const unverified = prefixes.filter((prefix) => prefix.endsWith("/") && !coversRegistry(patterns, prefix));
            if (unverified.length > 0) {
                const globs = policies.flatMap((p) => imageGlobs(record(p.props["spec"]) ?? {}).globs);
                report(
                    `${object.label} admits images from ${unverified.join(", ")}, which no ClusterImagePolicy verifies (image globs: ${globs.join(", ") || "none"}); add a glob such as "${unverified[0]}**", or use "**"`,
                    resource.urn,
                );
            }
        }
        const uncovered = new NamespaceDirectory(args.resources)
            .tenants()
            .filter((ns) => !releases.some((release) => selects(webhookNamespaceSelector(release), ns.labels)));
        for (const ns of uncovered) {
            report(
                `Namespace ${ns.name} is a tenant namespace outside the policy-controller webhook's namespaceSelector (${releases.map((r) => describeSelector(webhookNamespaceSelector(r))).join("; ")}), so its images are not verified; label it ${SIGSTORE_INCLUDE_LABEL}: "true"`,
                ns.resource.urn,
            );
        }
    },
});
