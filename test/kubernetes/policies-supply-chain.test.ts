import * as k8s from "@pulumi/kubernetes";
import { trustedRegistryValidation } from "../../core/admission-cel";
import { CHARTS } from "../../components/kubernetes/charts";
import { CapturedResource } from "../harness";
import { passes, violations } from "../harness/policies";
import { capture, edit, messages, statusesOf, unknownAt, without } from "./edits";
import { RELEASE_SIGNER, runBaseline, testConfig } from "./fixture";
import { evaluate } from "./policy-helpers";
import { TRUSTED } from "./samples";
import { nonEmpty } from "../harness/non-empty";

let prod: CapturedResource[];
let devAnySigner: CapturedResource[];
beforeAll(async () => {
    prod = (await runBaseline(testConfig())).resources;
    devAnySigner = (await runBaseline(testConfig({ environment: "dev", baseline: { imageSignatures: {} } }))).resources;
});

const CIP = "test-baseline-image-signatures-policy";
const RELEASE = "test-baseline-image-signatures-policy-controller";
const PROVENANCE = "test-baseline-admission-image-provenance";

describe("kubernetes-imagepolicy-deny-any-signer (HC-SUP-04)", () => {
    const NAME = "kubernetes-imagepolicy-deny-any-signer";
    const IDENTITY = "spec.authorities.0.keyless.identities.0";

    test("the baseline with a named release workflow passes", async () => {
        const outcomes = await evaluate(NAME, prod);
        expect(violations(outcomes)).toEqual([]);
        expect(passes(outcomes, NAME)).toHaveLength(1);
    });

    test("the blueprint's own fallback with no identities (dev) accepts anyone and is reported", async () => {
        expect(messages(await evaluate(NAME, devAnySigner))).toEqual([
            '[HC-SUP-04] ClusterImagePolicy hardened-signed-images accepts images signed by anyone: authority any-sigstore-identity identity 1 accepts strangers: issuerRegExp ".*" matches a stranger\'s "https://issuer.evil.example", subjectRegExp ".*" matches a stranger\'s "https://github.com/attacker/evil/.github/workflows/release.yml@refs/heads/main"; name your build\'s exact issuer and subject (or an anchored subjectRegExp), or a public key (set hardened-cluster:baseline.imageSignatures)',
        ]);
    });

    test("wrong value: a subject pattern that matches any GitHub repository", async () => {
        const stack = edit(
            prod,
            CIP,
            `${IDENTITY}.subjectRegExp`,
            "^https://github\\.com/.+/\\.github/workflows/release\\.yml@refs/heads/main$",
        );
        expect(messages(await evaluate(NAME, stack))).toEqual([
            '[HC-SUP-04] ClusterImagePolicy hardened-signed-images accepts images signed by anyone: authority keyless identity 1 accepts strangers: subjectRegExp "^https://github\\\\.com/.+/\\\\.github/workflows/release\\\\.yml@refs/heads/main$" matches a stranger\'s "https://github.com/attacker/evil/.github/workflows/release.yml@refs/heads/main"; name your build\'s exact issuer and subject (or an anchored subjectRegExp), or a public key (set hardened-cluster:baseline.imageSignatures)',
        ]);
    });

    test("unset: identities removed, or the subject removed", async () => {
        expect(messages(await evaluate(NAME, edit(prod, CIP, "spec.authorities.0.keyless.identities", undefined)))).toEqual([
            "[HC-SUP-04] ClusterImagePolicy hardened-signed-images accepts images signed by anyone: authority keyless is keyless without identities (any identity the CA certifies); name your build's exact issuer and subject (or an anchored subjectRegExp), or a public key (set hardened-cluster:baseline.imageSignatures)",
        ]);
        expect(messages(await evaluate(NAME, edit(prod, CIP, `${IDENTITY}.subjectRegExp`, undefined)))).toEqual([
            "[HC-SUP-04] ClusterImagePolicy hardened-signed-images accepts images signed by anyone: authority keyless identity 1 accepts strangers: no subject; name your build's exact issuer and subject (or an anchored subjectRegExp), or a public key (set hardened-cluster:baseline.imageSignatures)",
        ]);
    });

    test("added: a static pass policy fails; a key authority and an exact subject pass", async () => {
        const resources = await capture(() => {
            new k8s.apiextensions.CustomResource("pass-all", {
                apiVersion: "policy.sigstore.dev/v1beta1",
                kind: "ClusterImagePolicy",
                metadata: { name: "pass-all" },
                spec: { images: [{ glob: "**" }], authorities: [{ name: "anything", static: { action: "pass" } }] },
            });
            new k8s.apiextensions.CustomResource("vendor", {
                apiVersion: "policy.sigstore.dev/v1beta1",
                kind: "ClusterImagePolicy",
                metadata: { name: "vendor" },
                spec: {
                    images: [{ glob: "registry.vendor.example/**" }],
                    authorities: [
                        { key: { kms: "awskms:///arn:aws:kms:eu-west-1:123456789012:key/vendor" } },
                        {
                            keyless: {
                                identities: [
                                    {
                                        issuer: RELEASE_SIGNER.issuer,
                                        subject: "https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main",
                                    },
                                ],
                            },
                        },
                    ],
                },
            });
        });
        const outcomes = await evaluate(NAME, resources);
        expect(messages(outcomes)).toEqual([
            "[HC-SUP-04] ClusterImagePolicy pass-all accepts images signed by anyone: authority anything is static pass (admits every image, signed or not); name your build's exact issuer and subject (or an anchored subjectRegExp), or a public key (set hardened-cluster:baseline.imageSignatures)",
        ]);
        expect(passes(outcomes, NAME)).toHaveLength(1);
    });

    test("preview: unknown identities are not evaluated", async () => {
        expect(statusesOf(await evaluate(NAME, unknownAt(prod, CIP, "spec.authorities.0.keyless.identities")))).toEqual(["not-evaluated"]);
    });
});

describe("kubernetes-helm-release-require-trusted-chart (HC-SUP-07)", () => {
    const NAME = "kubernetes-helm-release-require-trusted-chart";
    const REPOS = { trustedChartRepositories: Object.values(CHARTS).map((c) => c.repo) };
    const FALCO = "test-baseline-runtime-falco";

    test("the baseline's pinned charts from the listed repositories pass", async () => {
        expect(statusesOf(await evaluate(NAME, prod, REPOS))).toEqual(["pass"]);
    });

    test("wrong value: plain http, an untrusted repository, a version range", async () => {
        expect(
            messages(await evaluate(NAME, edit(prod, FALCO, "repositoryOpts.repo", "http://falcosecurity.github.io/charts"), REPOS)),
        ).toEqual([
            '[HC-SUP-07] Release test-baseline-runtime-falco (chart "falco") comes from http://falcosecurity.github.io/charts over plain HTTP; use the repository\'s https:// URL',
        ]);
        expect(
            messages(await evaluate(NAME, edit(prod, FALCO, "repositoryOpts.repo", "https://charts.evil.example/falco"), REPOS)),
        ).toEqual([
            `[HC-SUP-07] Release test-baseline-runtime-falco (chart "falco") comes from https://charts.evil.example/falco, which is not a trusted chart repository (${REPOS.trustedChartRepositories.join(", ")}); add it to trustedChartRepositories after review, or mirror the chart into one`,
        ]);
        expect(messages(await evaluate(NAME, edit(prod, FALCO, "version", "^9.1.0"), REPOS))).toEqual([
            '[HC-SUP-07] Release test-baseline-runtime-falco (chart "falco") does not pin an exact chart version (version "^9.1.0"); set version to the exact version you reviewed, e.g. 1.2.3',
        ]);
    });

    test("unset: version, the repository, or the pack's list of repositories", async () => {
        expect(messages(await evaluate(NAME, edit(prod, FALCO, "version", undefined), REPOS))).toEqual([
            '[HC-SUP-07] Release test-baseline-runtime-falco (chart "falco") does not pin an exact chart version (version null); set version to the exact version you reviewed, e.g. 1.2.3',
        ]);
        expect(messages(await evaluate(NAME, edit(prod, FALCO, "repositoryOpts", undefined), REPOS))).toEqual([
            '[HC-SUP-07] Release test-baseline-runtime-falco (chart "falco") names no repository, so the chart comes from whatever the deployer\'s local helm repo list holds; set repositoryOpts.repo to a trusted https:// repository',
        ]);
        // Every release of the prod baseline (policy-controller, Falco and the mesh's four) fails without the list.
        const unconfigured = messages(await evaluate(NAME, prod));
        expect(unconfigured).toHaveLength(6);
        for (const m of nonEmpty(unconfigured))
            expect(m).toContain(
                "but no trusted chart repositories are configured: set trustedChartRepositories in the kubernetes-hardening pack config",
            );
    });

    test("added: an OCI chart from an untrusted registry and an unpinned helm.v4.Chart fail; a pinned URL chart and a local chart pass", async () => {
        const resources = await capture(() => {
            new k8s.helm.v3.Release("oci", { chart: "oci://ghcr.io/evil/charts/miner", version: "1.0.0" });
            new k8s.helm.v4.Chart("v4", { chart: "policy-controller", repositoryOpts: { repo: CHARTS.policyController.repo } });
            new k8s.helm.v3.Release("tgz", { chart: `${CHARTS.falco.repo}/falco-9.1.1.tgz` });
            new k8s.helm.v3.Release("local", { chart: "./charts/app" });
        });
        expect(messages(await evaluate(NAME, resources, REPOS)).sort()).toEqual([
            '[HC-SUP-07] Chart v4 (chart "policy-controller") does not pin an exact chart version (version null); set version to the exact version you reviewed, e.g. 1.2.3',
            `[HC-SUP-07] Release oci (chart "oci://ghcr.io/evil/charts/miner") comes from oci://ghcr.io/evil/charts/miner, which is not a trusted chart repository (${REPOS.trustedChartRepositories.join(", ")}); add it to trustedChartRepositories after review, or mirror the chart into one`,
        ]);
        expect(
            violations(
                await evaluate(NAME, resources, {
                    trustedChartRepositories: [...REPOS.trustedChartRepositories, "oci://ghcr.io/evil/charts"],
                }),
            ),
        ).toHaveLength(1);
    });

    test("preview: an unknown version is not evaluated", async () => {
        expect(statusesOf(await evaluate(NAME, unknownAt(prod, FALCO, "version"), REPOS))).toEqual(["not-evaluated"]);
    });
});

describe("kubernetes-workload-require-trusted-registry (HC-SUP-02): the in-cluster registry list", () => {
    const NAME = "kubernetes-workload-require-trusted-registry";
    const CONFIG = { trustedRegistries: TRUSTED };
    const VALIDATION = "spec.validations.0.expression";

    test("the baseline's image-provenance policy admits exactly the trusted registries", async () => {
        expect(violations(await evaluate(NAME, prod, CONFIG))).toEqual([]);
        expect(passes(await evaluate(NAME, prod, CONFIG), NAME)).toHaveLength(3);
    });

    test("wrong value: the admission policy's list widened to Docker Hub", async () => {
        const wider = trustedRegistryValidation([...TRUSTED, "docker.io"]).expression;
        expect(messages(await evaluate(NAME, edit(prod, PROVENANCE, VALIDATION, wider, "ValidatingAdmissionPolicy"), CONFIG))).toEqual([
            `[HC-SUP-02] ValidatingAdmissionPolicy hardened-image-provenance admits images from docker.io/, docker.io:, docker.io@, which the pack does not trust; trusted registries are ${TRUSTED.join(", ")}`,
        ]);
    });

    test("unset: the trusted-registry rule removed from the image-provenance policy", async () => {
        const stack = edit(prod, PROVENANCE, "spec.validations.0", undefined, "ValidatingAdmissionPolicy");
        expect(messages(await evaluate(NAME, stack, CONFIG))).toEqual([
            "[HC-SUP-02] ValidatingAdmissionPolicy hardened-image-provenance has no trusted-registry validation, so tenant pods may run images from any registry; restore the rule that admits only the trusted registries",
        ]);
    });

    test("compliant: a stack that trusts fewer registries than the pack passes", async () => {
        const narrower = trustedRegistryValidation([TRUSTED[0]]).expression;
        expect(violations(await evaluate(NAME, edit(prod, PROVENANCE, VALIDATION, narrower, "ValidatingAdmissionPolicy"), CONFIG))).toEqual(
            [],
        );
    });

    test("preview: unknown validations are not evaluated", async () => {
        const outcomes = await evaluate(NAME, unknownAt(prod, PROVENANCE, "spec.validations", "ValidatingAdmissionPolicy"), CONFIG);
        expect(outcomes.find((o) => o.urn?.endsWith(`::${PROVENANCE}`) && o.urn.includes("ValidatingAdmissionPolicy::"))?.status).toBe(
            "not-evaluated",
        );
    });
});

describe("kubernetes-stack-require-image-signature-verification (HC-SUP-04): what the verifier covers", () => {
    const NAME = "kubernetes-stack-require-image-signature-verification";

    test("wrong value: globs narrowed so the ECR images the cluster admits are no longer verified", async () => {
        expect(messages(await evaluate(NAME, edit(prod, CIP, "spec.images", [{ glob: "ghcr.io/acme/**" }])))).toEqual([
            '[HC-SUP-04] ValidatingAdmissionPolicy hardened-image-provenance admits images from 123456789012.dkr.ecr.eu-west-1.amazonaws.com/, which no ClusterImagePolicy verifies (image globs: ghcr.io/acme/**); add a glob such as "123456789012.dkr.ecr.eu-west-1.amazonaws.com/**", or use "**"',
        ]);
    });

    test("unset: a policy without image globs verifies nothing", async () => {
        expect(messages(await evaluate(NAME, edit(prod, CIP, "spec.images", undefined)))).toEqual([
            '[HC-SUP-04] ValidatingAdmissionPolicy hardened-image-provenance admits images from 123456789012.dkr.ecr.eu-west-1.amazonaws.com/, ghcr.io/acme/, which no ClusterImagePolicy verifies (image globs: none); add a glob such as "123456789012.dkr.ecr.eu-west-1.amazonaws.com/**", or use "**"',
        ]);
    });

    test("a tenant namespace without the opt-in label, or a webhook selector that skips it, is not verified", async () => {
        const ns = prod.find((r) => r.name === "test-baseline-tenant-search-ns")!;
        const labels = { ...(ns.props["metadata"] as { labels: Record<string, string> }).labels };
        delete labels["policy.sigstore.dev/include"];
        const unlabelled = messages(await evaluate(NAME, edit(prod, "test-baseline-tenant-search-ns", "metadata.labels", labels)));
        expect(unlabelled).toEqual([
            '[HC-SUP-04] Namespace search is a tenant namespace outside the policy-controller webhook\'s namespaceSelector ({"matchExpressions":[{"key":"policy.sigstore.dev/include","operator":"In","values":["true"]}]}), so its images are not verified; label it policy.sigstore.dev/include: "true"',
        ]);
        const selector = { matchLabels: { "policy.sigstore.dev/include": "true", team: "platform" } };
        expect(messages(await evaluate(NAME, edit(prod, RELEASE, "values.webhook.namespaceSelector", selector)))).toHaveLength(2);
    });

    test("the controller told to admit images no policy matches", async () => {
        expect(messages(await evaluate(NAME, edit(prod, RELEASE, "values.webhook.configData", { "no-match-policy": "allow" })))).toEqual([
            '[HC-SUP-04] Release test-baseline-image-signatures-policy-controller sets values.webhook.configData.no-match-policy to "allow", so images no ClusterImagePolicy matches are admitted unverified; remove it (the default is deny)',
        ]);
    });

    test("compliant: an extra policy for one registry next to the baseline's ** passes; removing the release is caught", async () => {
        const extra = await capture(() => {
            new k8s.apiextensions.CustomResource("vendor", {
                apiVersion: "policy.sigstore.dev/v1beta1",
                kind: "ClusterImagePolicy",
                metadata: { name: "vendor" },
                spec: { images: [{ glob: "ghcr.io/acme/vendor/**" }], authorities: [{ key: { kms: "awskms:///alias/vendor" } }] },
            });
        });
        const withDependency = extra.map((r) => ({ ...r, dependencies: [prod.find((p) => p.name === RELEASE)!.urn] }));
        expect(violations(await evaluate(NAME, [...prod, ...withDependency]))).toEqual([]);
        expect(messages(await evaluate(NAME, without(prod, RELEASE)))).toEqual([
            "[HC-SUP-04] the stack runs Kubernetes but verifies no image signatures: a policy-controller Helm release missing; keep the baseline's image signatures on, or on GKE enforce Binary Authorization with a policy that requires attestations",
        ]);
    });

    test("preview: unknown globs are not evaluated", async () => {
        expect(statusesOf(await evaluate(NAME, unknownAt(prod, CIP, "spec.images")))).toEqual(["not-evaluated"]);
    });
});
