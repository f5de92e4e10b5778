import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { HardenedConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { KubernetesBaseline } from "../../components/kubernetes";
import { BaselineHandover } from "../../components/shared/handover";
import { handoverFromConfig } from "../../components/shared/handover-plan";
import { runProgram, RunResult } from "../harness";

/** A fake cloud hand-over, as a cloud component would give it, with subjects and an EBS storage plan. */
export const FAKE_SUBJECTS = {
    admins: ["platform:admins"],
    viewers: ["platform:auditors"],
    developers: ["platform:developers"],
    tenants: {
        payments: { editors: ["team:payments"], viewers: ["team:payments-readonly"] },
        search: { editors: ["team:search"], viewers: [] },
    },
};

export const ROLE = (name: string) => `arn:aws:iam::123456789012:role/${name}`;

/** The signing identity the shipped prod stacks trust: the acme organisation's release workflow on main. */
export const RELEASE_SIGNER = {
    issuer: "https://token.actions.githubusercontent.com",
    subjectRegExp: "^https://github\\.com/acme/.+/\\.github/workflows/release\\.yml@refs/heads/main$",
};

/**
 * A validated AWS prod config (cluster layer) with two tenants; `overrides` replace top-level keys, except `baseline`,
 * whose keys are merged over the default signer (prod must name its image signers).
 */
export function testConfig(overrides: Record<string, unknown> = {}): HardenedConfig {
    const { baseline, ...rest } = overrides;
    return validateStackConfig({
        layer: "cluster",
        cloud: "aws",
        environment: "prod",
        clusterName: "platform-test",
        region: "eu-west-1",
        kubernetesVersion: "1.35",
        "aws:allowedAccountIds": ["123456789012"],
        access: {
            admins: [ROLE("platform-admins")],
            developers: [ROLE("platform-developers")],
            viewers: [ROLE("platform-auditors")],
            deployer: ROLE("platform-deployer"),
        },
        tenants: [
            { name: "payments", editors: [ROLE("team-payments")], quota: { cpu: "8", memory: "16Gi", pods: 50 } },
            { name: "search", quota: { cpu: "4", memory: "8Gi", pods: 30 }, allowLoadBalancer: true, allowSameNamespaceTraffic: false },
        ],
        trustedRegistries: ["123456789012.dkr.ecr.eu-west-1.amazonaws.com/", "ghcr.io/acme"],
        baseline: { imageSignatures: { keyless: [RELEASE_SIGNER] }, ...(baseline as Record<string, unknown> | undefined) },
        ...rest,
    });
}

export interface FakeClusterOptions {
    readonly imageVerification?: "in-cluster" | "cloud";
    /** Later-filled hand-over fields (identities, add-ons, ...) replacing the neutral defaults. */
    readonly handover?: Partial<BaselineHandover<pulumi.Input<string>>>;
}

export interface BaselineRun extends RunResult<unknown> {
    readonly providerUrn: string;
    readonly readyUrn: string;
}

/** The hand-over a cloud component would give for `config`, with the fake subjects and an EBS storage plan. */
export function fakeHandover(config: HardenedConfig, options: FakeClusterOptions = {}): BaselineHandover<pulumi.Input<string>> {
    return {
        ...handoverFromConfig<pulumi.Input<string>>(config, {
            subjects: FAKE_SUBJECTS,
            storageClass: {
                provisioner: "ebs.csi.aws.com",
                parameters: { type: "gp3", encrypted: "true", kmsKeyId: "arn:aws:kms:eu-west-1:123456789012:key/test" },
            },
            imageVerification: options.imageVerification ?? "in-cluster",
        }),
        ...options.handover,
    };
}

/** Runs the baseline alone on a fake cluster under mocks: the hand-over, a provider and one ready resource. */
export async function runBaseline(config: HardenedConfig, options: FakeClusterOptions = {}): Promise<BaselineRun> {
    let provider: k8s.Provider | undefined;
    let ready: pulumi.Resource | undefined;
    const result = await runProgram(() => {
        provider = new k8s.Provider("fake-k8s", { kubeconfig: "{}" });
        // Stands in for the node pools / CNI add-on the cloud component hands over as readyResources.
        ready = new k8s.core.v1.ConfigMap("cni-ready", { metadata: { name: "cni-ready", namespace: "kube-system" } }, { provider });
        new KubernetesBaseline("test-baseline", { handover: fakeHandover(config, options), provider, dependsOn: [ready] });
    });
    const providerUrn = await new Promise<string>((resolve) => provider!.urn.apply(resolve));
    const readyUrn = await new Promise<string>((resolve) => ready!.urn.apply(resolve));
    return { ...result, providerUrn, readyUrn };
}
