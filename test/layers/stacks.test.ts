import * as pulumi from "@pulumi/pulumi";
import { HANDOVER_OUTPUT, KUBECONFIG_OUTPUT } from "../../components/shared/handover";
import { parseHandover } from "../../components/shared/handover-schema";
import { runStackWithDependencies } from "../../tools/mock/stack-runs";
import { OFFLINE_SECRET_PLACEHOLDER } from "../../tools/mock/stack-files";
import { at, inputsOf, isSecretOutput, ofStack, runProgram, runStack, single, StackRunResult } from "../harness";
import { nonEmpty } from "../harness/non-empty";

/**
 * The layer split end to end under mocks: a cluster-layer stack exports the hand-over and the secret
 * kubeconfig; its paired baseline-layer stack reads them through a StackReference and builds the
 * baseline from them alone; a baseline stack on a cluster the blueprint did not build needs no other stack.
 */
let awsProd: StackRunResult;
beforeAll(async () => {
    awsProd = await runStack("aws-prod");
});

describe("a cluster stack and its paired baseline stack", () => {
    test("runStack runs both, cluster first, every resource tagged with its stack", () => {
        expect(awsProd.runs.map((r) => r.stack)).toEqual(["aws-prod", "aws-prod-baseline"]);
        expect(nonEmpty(awsProd.resources).every((r) => r.stack === "aws-prod" || r.stack === "aws-prod-baseline")).toBe(true);
        expect(awsProd.resources.filter((r) => r.stack === undefined)).toEqual([]);
        expect(single(awsProd.resources, "aws:eks/cluster:Cluster").urn).toMatch(/^urn:pulumi:aws-prod::/);
    });

    test("the cluster stack holds the cloud layer only, the baseline stack the Kubernetes baseline only", () => {
        const cluster = ofStack(awsProd.resources, "aws-prod");
        const baseline = ofStack(awsProd.resources, "aws-prod-baseline");
        expect(cluster.filter((r) => r.type.startsWith("aws:")).length).toBeGreaterThan(60);
        expect(cluster.filter((r) => r.type.startsWith("kubernetes:") || r.type === "pulumi:providers:kubernetes")).toEqual([]);
        expect(baseline.filter((r) => r.type.startsWith("kubernetes:")).length).toBeGreaterThan(30);
        expect(baseline.filter((r) => r.type.startsWith("aws:") || r.type === "pulumi:providers:aws")).toEqual([]);
        expect(single(baseline, "hardened:kubernetes:Baseline").name).toBe("platform-prod-baseline");
    });

    test("the cluster stack's outputs: the kubeconfig is secret, the hand-over plain data that reads back", async () => {
        expect(await isSecretOutput(awsProd.outputs[KUBECONFIG_OUTPUT] as pulumi.Output<string>)).toBe(true);
        expect(awsProd.runs[0].resolved.secretOutputNames).toEqual([KUBECONFIG_OUTPUT]);
        const handover = awsProd.runs[0].resolved.outputs[HANDOVER_OUTPUT];
        expect(parseHandover(handover, "aws-prod")).toMatchObject({ cloud: "aws", environment: "prod", clusterName: "platform-prod" });
        expect(awsProd.runs[0].resolved.outputs["layer"]).toBe("cluster");
    });

    test("the baseline stack's provider uses the referenced kubeconfig, secret; its objects carry the hand-over's data", async () => {
        const baseline = ofStack(awsProd.resources, "aws-prod-baseline");
        const provider = single(baseline, "pulumi:providers:kubernetes");
        const kubeconfig = inputsOf(provider)["kubeconfig"] as string;
        expect(JSON.parse(kubeconfig).users[0].user.exec.command).toBe("aws");
        expect(JSON.stringify(provider.props["kubeconfig"])).toContain("4dabf18193072939515e22adb298388d");
        const storageClass = single(baseline, "kubernetes:storage.k8s.io/v1:StorageClass");
        expect(at(inputsOf(storageClass), "parameters.kmsKeyId")).toMatch(/^arn:aws:kms:eu-west-1:123456789012:key\//);
        expect(
            ofStack(awsProd.resources, "aws-prod-baseline")
                .filter((r) => r.type === "kubernetes:core/v1:Namespace")
                .map((r) => at(inputsOf(r), "metadata.name")),
        ).toEqual(expect.arrayContaining(["payments", "search", "falco", "cosign-system"]));
        expect(awsProd.runs[1].resolved.outputs).toMatchObject({
            layer: "baseline",
            cloud: "aws",
            environment: "prod",
            clusterName: "platform-prod",
        });
    });

    test("a tenant added in the cluster stack's file reaches the baseline stack through the hand-over", async () => {
        const { runs } = await runStack("aws-dev", {
            "hardened-cluster:tenants": [{ name: "ledger", quota: { cpu: "2", memory: "4Gi", pods: 10 } }],
        });
        const namespaces = runs[1].resources
            .filter((r) => r.type === "kubernetes:core/v1:Namespace")
            .map((r) => at(inputsOf(r), "metadata.name"));
        expect(namespaces).toContain("ledger");
        expect(namespaces).not.toContain("payments");
    });

    test("a baseline stack run alone runs the stack it reads first, and returns only itself", async () => {
        const { runs } = await runStack("azure-dev-baseline");
        expect(runs.map((r) => r.stack)).toEqual(["azure-dev-baseline"]);
        expect(runs[0].resources.some((r) => r.type.startsWith("azure-native:"))).toBe(false);
        expect(runs[0].resources.filter((r) => r.type === "kubernetes:core/v1:Namespace").length).toBeGreaterThan(2);
    });

    test("in a preview the baseline stack still reads the deployed cluster stack's outputs", async () => {
        const { runs } = await runStack("aws-dev", {}, { preview: true });
        expect(runs.map((r) => r.stack)).toEqual(["aws-dev", "aws-dev-baseline"]);
        expect(runs[1].resources.filter((r) => r.type.startsWith("kubernetes:")).length).toBeGreaterThan(20);
    });
});

describe("both layers in one stack (layer all)", () => {
    test("gcp-dev runs as one stack with the cluster and the baseline, and exports the hand-over too", async () => {
        const { runs } = await runStack("gcp-dev");
        expect(runs.map((r) => r.stack)).toEqual(["gcp-dev"]);
        const resources = runs[0].resources;
        expect(resources.some((r) => r.type === "gcp:container/cluster:Cluster")).toBe(true);
        expect(resources.some((r) => r.type === "hardened:kubernetes:Baseline")).toBe(true);
        expect(parseHandover(runs[0].resolved.outputs[HANDOVER_OUTPUT], "gcp-dev")).toMatchObject({ imageVerification: "cloud" });
    });
});

describe("the baseline on a cluster the blueprint did not build", () => {
    test("existing-cluster: the baseline alone, through a provider on the (offline placeholder) kubeconfig, kept secret", async () => {
        const { runs } = await runStack("existing-cluster");
        expect(runs.map((r) => r.stack)).toEqual(["existing-cluster"]);
        const provider = single(runs[0].resources, "pulumi:providers:kubernetes");
        expect(inputsOf(provider)["kubeconfig"]).toBe(OFFLINE_SECRET_PLACEHOLDER);
        expect(JSON.stringify(provider.props["kubeconfig"])).toContain("4dabf18193072939515e22adb298388d");
        expect(runs[0].resources.filter((r) => r.type.startsWith("aws:"))).toEqual([]);
        expect(at(inputsOf(single(runs[0].resources, "kubernetes:storage.k8s.io/v1:StorageClass")), "provisioner")).toBe("ebs.csi.aws.com");
        expect(runs[0].resolved.outputs).toMatchObject({
            layer: "baseline",
            cloud: "aws",
            environment: "prod",
            clusterName: "legacy-prod",
        });
    });
});

describe("the mock engine answers StackReferences", () => {
    test("from the outputs it is given, secret ones as secrets", async () => {
        const { outputs } = await runProgram(
            async () => {
                const ref = new pulumi.StackReference("ref", { name: "acme/hardened-cluster/aws-prod" });
                const plain = await ref.getOutputDetails("clusterName");
                const secret = await ref.getOutputDetails("kubeconfig");
                return { plain, secret };
            },
            {
                stackOutputs: {
                    "acme/hardened-cluster/aws-prod": {
                        outputs: { clusterName: "platform-prod", kubeconfig: "{}" },
                        secretOutputNames: ["kubeconfig"],
                    },
                },
            },
        );
        expect(outputs).toEqual({ plain: { value: "platform-prod" }, secret: { secretValue: "{}" } });
    });

    test("a reference to a stack that was not run fails the run", async () => {
        await expect(
            runProgram(async () => {
                await new pulumi.StackReference("ref", { name: "acme/hardened-cluster/nowhere" }).getOutputDetails("x");
            }),
        ).rejects.toThrow("the mock engine has no outputs for stack acme/hardened-cluster/nowhere: run the referenced stack first");
    });

    test("a baseline stack reading a stack with no hand-over stops with the hand-over error, before any Kubernetes object", async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const program = require("../../index") as () => unknown;
        const sink: { type: string }[] = [];
        let error: Error | undefined;
        try {
            await runProgram(program, {
                config: { "hardened-cluster:layer": "baseline", "hardened-cluster:clusterStack": "organization/hardened-cluster/empty" },
                stackOutputs: { "organization/hardened-cluster/empty": { outputs: {}, secretOutputNames: [] } },
                sink: sink as never,
            });
        } catch (e) {
            error = e as Error;
        }
        expect(pulumi.RunError.isInstance(error)).toBe(true);
        expect(error?.message).toContain("The hand-over read from organization/hardened-cluster/empty has 1 problem");
        expect(error?.message).toContain("run `pulumi up` on organization/hardened-cluster/empty first");
        expect(sink.filter((r) => r.type.startsWith("kubernetes:") || r.type === "pulumi:providers:kubernetes")).toEqual([]);
    });

    test("an offline run of a stack reading something that is not a stack file here says so", async () => {
        await expect(
            runStackWithDependencies("orphan-baseline", () => undefined, { stacksDir: `${__dirname}/../fixtures/stacks` }),
        ).rejects.toThrow("stack orphan-baseline reads organization/hardened-cluster/not-here, which is not a stack file here");
    });
});
