import { AddonSpec } from "../../components/shared/handover";
import { HandoverError } from "../../components/shared/handover-schema";
import { kubernetesTypeToken } from "../../components/kubernetes/kubernetes-object";
import { withIdentities } from "../../components/kubernetes/platform-identities";
import { REQUIRED_POD_LABELS_ANNOTATION } from "../../components/kubernetes/tenant-namespace";
import { at, CapturedResource, inputsOf, ofType } from "../harness";
import { runBaseline, testConfig } from "./fixture";

/**
 * The hand-over fields later branches fill (cluster add-ons, platform and tenant identities): the baseline
 * already applies them, generically, and a neutral hand-over adds nothing.
 */
const byName = (resources: readonly CapturedResource[], name: string): CapturedResource => {
    const found = resources.find((r) => r.name === name);
    if (!found) throw new Error(`no resource named ${name}; have ${resources.map((r) => r.name).join(", ")}`);
    return found;
};

const KARPENTER: AddonSpec = {
    kind: "helm",
    key: "karpenter",
    namespace: "karpenter",
    createNamespace: { enforce: "restricted" },
    chart: { name: "karpenter", version: "1.6.3", repo: "oci://public.ecr.aws/karpenter" },
    values: { settings: { clusterName: "platform-test" } },
    serviceAccounts: { "karpenter/karpenter": { annotations: ["serviceAccount", "annotations"], podLabels: ["podLabels"] } },
};
const NODE_POOL: AddonSpec = {
    kind: "manifest",
    key: "node-pools",
    objects: [
        { apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "general" }, spec: { limits: { cpu: "100" } } },
        { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "karpenter-notes", namespace: "karpenter" }, data: { note: "x" } },
    ],
};

describe("a neutral hand-over adds nothing", () => {
    test("no add-ons component, no identity service accounts, policy-controller values unchanged", async () => {
        const run = await runBaseline(testConfig());
        expect(ofType(run.resources, "hardened:kubernetes:ClusterAddons")).toEqual([]);
        expect(ofType(run.resources, "kubernetes:core/v1:ServiceAccount")).toEqual([]);
        expect(inputsOf(byName(run.resources, "test-baseline-image-signatures-policy-controller"))["values"]).toEqual({
            installCRDs: true,
        });
    });
});

describe("clusterAddons", () => {
    test("applied in order before the rest of the baseline: a pinned release in its platform namespace, then the manifest's objects", async () => {
        const run = await runBaseline(testConfig(), { handover: { clusterAddons: [KARPENTER, NODE_POOL] } });
        const ns = byName(run.resources, "test-baseline-addons-karpenter-ns");
        expect(at(inputsOf(ns), "metadata.labels")).toMatchObject({
            "pod-security.kubernetes.io/enforce": "restricted",
            "hardened-cluster.io/platform": "true",
        });
        const release = byName(run.resources, "test-baseline-addons-karpenter");
        expect(inputsOf(release)).toMatchObject({
            name: "karpenter",
            chart: "karpenter",
            version: "1.6.3",
            repositoryOpts: { repo: "oci://public.ecr.aws/karpenter" },
            namespace: "karpenter",
            values: { settings: { clusterName: "platform-test" } },
            atomic: true,
            cleanupOnFail: true,
        });
        expect(release.dependencies).toEqual(expect.arrayContaining([run.readyUrn, ns.urn]));

        const nodePool = byName(run.resources, "test-baseline-addons-node-pools-nodepool-general");
        expect(nodePool.type).toBe("kubernetes:karpenter.sh/v1:NodePool");
        expect(inputsOf(nodePool)).toMatchObject({ apiVersion: "karpenter.sh/v1", kind: "NodePool", spec: { limits: { cpu: "100" } } });
        const configMap = byName(run.resources, "test-baseline-addons-node-pools-configmap-karpenter-karpenter-notes");
        expect(configMap.type).toBe("kubernetes:core/v1:ConfigMap");
        for (const object of [nodePool, configMap]) expect(object.dependencies).toContain(release.urn);

        // Everything else of the baseline waits for the last add-on.
        const tenantNs = byName(run.resources, "test-baseline-tenant-payments-ns");
        expect(tenantNs.dependencies).toEqual(expect.arrayContaining([nodePool.urn, configMap.urn, run.readyUrn]));
        expect(byName(run.resources, "test-baseline-runtime-falco").dependencies).toContain(nodePool.urn);
    });

    test("objects go through the cluster's provider under the typed classes' type tokens", async () => {
        const run = await runBaseline(testConfig(), { handover: { clusterAddons: [NODE_POOL] } });
        const nodePool = byName(run.resources, "test-baseline-addons-node-pools-nodepool-general");
        expect(nodePool.provider?.startsWith(`${run.providerUrn}::`)).toBe(true);
        expect(kubernetesTypeToken("v1", "ServiceAccount")).toBe("kubernetes:core/v1:ServiceAccount");
        expect(kubernetesTypeToken("apps/v1", "Deployment")).toBe("kubernetes:apps/v1:Deployment");
    });
});

describe("platformIdentities", () => {
    test("go into the values of the chart that owns the account: an add-on's declared paths, policy-controller's own", async () => {
        const run = await runBaseline(testConfig(), {
            handover: {
                clusterAddons: [KARPENTER],
                platformIdentities: {
                    "karpenter/karpenter": {
                        annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::1:role/karpenter" },
                        podLabels: {},
                    },
                    "cosign-system/policy-controller-webhook": {
                        annotations: { "azure.workload.identity/client-id": "00000000-0000-0000-0000-0000000000c1" },
                        podLabels: { "azure.workload.identity/use": "true" },
                    },
                },
            },
        });
        expect(inputsOf(byName(run.resources, "test-baseline-addons-karpenter"))["values"]).toEqual({
            settings: { clusterName: "platform-test" },
            serviceAccount: { annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::1:role/karpenter" } },
        });
        expect(inputsOf(byName(run.resources, "test-baseline-image-signatures-policy-controller"))["values"]).toEqual({
            installCRDs: true,
            webhook: {
                serviceAccount: { annotations: { "azure.workload.identity/client-id": "00000000-0000-0000-0000-0000000000c1" } },
                customLabels: { "azure.workload.identity/use": "true" },
            },
        });
    });

    test("an identity for an account no installed chart owns is refused, not dropped", async () => {
        const identities = { "kube-system/unknown": { annotations: { a: "b" }, podLabels: {} } };
        await expect(runBaseline(testConfig(), { handover: { platformIdentities: identities } })).rejects.toThrow(HandoverError);
        // policy-controller is not installed where the cloud verifies signatures (GKE): its account is unclaimed then.
        const webhook = { "cosign-system/policy-controller-webhook": { annotations: { a: "b" }, podLabels: {} } };
        await expect(runBaseline(testConfig(), { imageVerification: "cloud", handover: { platformIdentities: webhook } })).rejects.toThrow(
            "baselineHandover.platformIdentities.cosign-system/policy-controller-webhook",
        );
    });

    test("withIdentities merges into existing values and leaves values without identities as they are", () => {
        const paths = { "ns/sa": { annotations: ["a", "sa"], podLabels: ["a", "labels"] } };
        const values = { a: { sa: { keep: "1" }, other: true } };
        expect(withIdentities(values, paths, { "ns/sa": { annotations: { x: "y" }, podLabels: { l: "v" } } })).toEqual({
            a: { sa: { keep: "1", x: "y" }, other: true, labels: { l: "v" } },
        });
        expect(withIdentities(values, paths, {})).toBe(values);
    });

    test("an identity's environment variables go to the chart's env path; a chart without one refuses them", () => {
        const paths = { "ns/sa": { annotations: ["a", "sa"], podLabels: ["a", "labels"], env: ["a", "env"] } };
        const identity = { annotations: {}, podLabels: {}, env: { ACR_NAME: "acmeplatform" } };
        expect(withIdentities({ a: { env: { KEEP: "1" } } }, paths, { "ns/sa": identity })).toEqual({
            a: { env: { KEEP: "1", ACR_NAME: "acmeplatform" } },
        });
        const noEnv = { "ns/sa": { annotations: ["a", "sa"], podLabels: ["a", "labels"] } };
        expect(() => withIdentities({}, noEnv, { "ns/sa": identity })).toThrow(
            "ns/sa: the identity sets environment variables, but its chart has no env path",
        );
    });
});

describe("tenantIdentities", () => {
    test("a service account with the identity's annotations, no token, its pods' labels recorded; a SecretProviderClass", async () => {
        const run = await runBaseline(testConfig(), {
            handover: {
                tenantIdentities: {
                    payments: {
                        serviceAccount: "payments-app",
                        annotations: { "azure.workload.identity/client-id": "00000000-0000-0000-0000-0000000000d1" },
                        podLabels: { "azure.workload.identity/use": "true" },
                        secretProviderClass: { provider: "azure", parameters: { keyvaultName: "kv-payments" } },
                    },
                },
            },
        });
        const sa = byName(run.resources, "test-baseline-tenant-payments-identity");
        expect(sa.type).toBe("kubernetes:core/v1:ServiceAccount");
        expect(at(inputsOf(sa), "metadata.name")).toBe("payments-app");
        expect(at(inputsOf(sa), "metadata.namespace")).toBe("payments");
        expect(at(inputsOf(sa), "metadata.annotations")).toEqual({
            "azure.workload.identity/client-id": "00000000-0000-0000-0000-0000000000d1",
            [REQUIRED_POD_LABELS_ANNOTATION]: '{"azure.workload.identity/use":"true"}',
        });
        expect(inputsOf(sa)["automountServiceAccountToken"]).toBe(false);
        const spc = byName(run.resources, "test-baseline-tenant-payments-secrets");
        expect(spc.type).toBe("kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass");
        expect(inputsOf(spc)).toMatchObject({
            metadata: { name: "tenant-secrets", namespace: "payments" },
            spec: { provider: "azure", parameters: { keyvaultName: "kv-payments" } },
        });
        expect(run.resources.some((r) => r.name === "test-baseline-tenant-search-identity")).toBe(false);
    });
});
