import { awsEksClusterRequireDeletionProtection } from "../../policypacks/cluster-hardening/aws/eks-cluster-require-deletion-protection";
import { azureAksStackRequireDeletionLock } from "../../policypacks/cluster-hardening/azure/require-deletion-lock";
import { gkeClusterRequireDeletionProtection } from "../../policypacks/cluster-hardening/gcp/gcp-gke-cluster-require-deletion-protection";
import { PackConfig } from "../../tools/policy/evaluate";
import { readPackConfig } from "../../tools/policy/packs";
import { expectPasses, messages, mutated } from "../aws/policy-fixture";
import { CapturedResource, runStack } from "../harness";

/** HC-RES-01: the cloud refuses to delete a prod cluster (EKS and GKE deletion protection, an AKS management lock). */
const EKS = "aws:eks/cluster:Cluster";
const GKE = "gcp:container/cluster:Cluster";
const AKS = "azure-native:containerservice:ManagedCluster";
const LOCK = "azure-native:authorization:ManagementLockByScope";

const dev = (): PackConfig => readPackConfig("cluster-hardening", "dev");

describe("aws-eks-cluster-require-deletion-protection (HC-RES-01)", () => {
    const policy = awsEksClusterRequireDeletionProtection;
    let awsProd: CapturedResource[];
    beforeAll(async () => {
        awsProd = (await runStack("aws-prod")).resources;
    });

    test("passes on aws-prod (deletionProtection is forced on in prod) and on aws-dev with dev's pack config", async () => {
        await expectPasses(policy, awsProd);
        await expectPasses(policy, (await runStack("aws-dev")).resources, dev());
    });

    test("wrong value and unset: a prod cluster without deletion protection is refused", async () => {
        const off = mutated(awsProd, EKS, (p) => (p["deletionProtection"] = false));
        expect(await messages(policy, off)).toEqual([
            "[HC-RES-01] deletionProtection is false, so one DeleteCluster call from anyone with eks:DeleteCluster removes the cluster and every workload on it; set deletionProtection true",
        ]);
        const unset = mutated(awsProd, EKS, (p) => delete p["deletionProtection"]);
        expect(await messages(policy, unset)).toEqual([
            "[HC-RES-01] deletionProtection is unset (EKS's default: off), so one DeleteCluster call from anyone with eks:DeleteCluster removes the cluster and every workload on it; set deletionProtection true",
        ]);
    });

    test("dev's pack config (required: false) accepts a cluster without it", async () => {
        const off = mutated(awsProd, EKS, (p) => (p["deletionProtection"] = false));
        expect(await messages(policy, off, dev())).toEqual([]);
    });
});

describe("gcp-gke-cluster-require-deletion-protection (HC-RES-01)", () => {
    const policy = gkeClusterRequireDeletionProtection;
    let gcpProd: CapturedResource[];
    beforeAll(async () => {
        gcpProd = (await runStack("gcp-prod")).resources;
    });

    test("passes on gcp-prod, and on an unset value (the provider's default is true)", async () => {
        await expectPasses(policy, gcpProd);
        await expectPasses(
            policy,
            mutated(gcpProd, GKE, (p) => delete p["deletionProtection"]),
        );
    });

    test("wrong value: deletionProtection false in prod is refused; dev's pack config accepts it", async () => {
        const off = mutated(gcpProd, GKE, (p) => (p["deletionProtection"] = false));
        expect(await messages(policy, off)).toEqual([
            "[HC-RES-01] deletionProtection is false, so a destroy, or a change that replaces the cluster, deletes it and every workload on it; set deletionProtection true (or leave it unset)",
        ]);
        expect(await messages(policy, off, dev())).toEqual([]);
    });
});

describe("azure-aks-stack-require-deletion-lock (HC-RES-01)", () => {
    const policy = azureAksStackRequireDeletionLock;
    let azureProd: CapturedResource[];
    beforeAll(async () => {
        azureProd = (await runStack("azure-prod")).resources;
    });
    const missing =
        "[HC-RES-01] AKS cluster platform-prod-aks has no CanNotDelete or ReadOnly management lock on it or on its resource group, so one delete from anyone with Microsoft.ContainerService/managedClusters/delete removes it; add a ManagementLockByScope with scope: cluster.id and level CanNotDelete";

    test("passes on azure-prod (its CanNotDelete lock is scoped to the cluster), also in a preview where the cluster id is unknown", async () => {
        expect(azureProd.filter((r) => r.type === LOCK)).toHaveLength(1);
        await expectPasses(policy, azureProd);
        await expectPasses(policy, (await runStack("azure-prod", {}, { preview: true })).resources);
    });

    test("unset: the lock removed is refused in prod, accepted with dev's pack config", async () => {
        const unlocked = azureProd.filter((r) => r.type !== LOCK);
        expect(await messages(policy, unlocked)).toEqual([missing]);
        expect(await messages(policy, unlocked, dev())).toEqual([]);
    });

    test("wrong value: a lock that does not stop deletes, or one scoped elsewhere, does not count", async () => {
        const notDelete = mutated(azureProd, LOCK, (p) => (p["level"] = "NotSpecified"));
        expect(await messages(policy, notDelete)).toEqual([missing]);
        const elsewhere = azureProd.map((r) =>
            r.type === LOCK ? { ...r, propertyDependencies: { ...r.propertyDependencies, scope: [] } } : r,
        );
        expect(await messages(policy, elsewhere)).toEqual([missing]);
    });

    test("a CanNotDelete lock on the cluster's resource group counts", async () => {
        const cluster = azureProd.find((r) => r.type === AKS);
        expect(cluster).toBeDefined();
        const groupLock: CapturedResource = {
            ...(azureProd.find((r) => r.type === LOCK) as CapturedResource),
            urn: "urn:pulumi:azure-prod::hardened-cluster::azure-native:authorization:ManagementLockAtResourceGroupLevel::rg-lock",
            type: "azure-native:authorization:ManagementLockAtResourceGroupLevel",
            name: "rg-lock",
            props: { level: "CanNotDelete", resourceGroupName: cluster?.props["resourceGroupName"] },
            propertyDependencies: { resourceGroupName: cluster?.propertyDependencies["resourceGroupName"] ?? [] },
        };
        await expectPasses(policy, [...azureProd.filter((r) => r.type !== LOCK), groupLock]);
    });
});
