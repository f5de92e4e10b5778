import { createClusterAccess } from "../../components/azure/access";
import { planAddresses } from "../../components/azure/address-plan";
import { createControlPlaneIdentity, grantControlPlaneAccess } from "../../components/azure/identity";
import { createEtcdKey } from "../../components/azure/keyvault";
import { planKms } from "../../components/azure/kms-plan";
import { createAuditDiagnostics, createAuditWorkspace } from "../../components/azure/logging";
import { createNetwork } from "../../components/azure/network";
import { planRoleGrants } from "../../components/azure/role-plan";
import { inputsOf, ofType, runProgram, single } from "../harness";
import { nonEmpty } from "../harness/non-empty";

/** Each part of the component runs alone, without the component or a stack file. */
const placement = { resourceGroupName: "rg-t", location: "westeurope", tags: { environment: "dev" } };

test("network alone: VNet, node subnet, NSG, NAT gateway and its single public IP", async () => {
    const plan = planAddresses({
        cidr: "10.1.0.0/20",
        podCidr: "10.244.0.0/16",
        serviceCidr: "172.20.0.0/16",
        zones: 1,
        natLayout: "single",
    });
    const { resources } = await runProgram(() => createNetwork("t", { ...placement, plan, privateControlPlane: false }, {}));
    expect(
        resources
            .filter((r) => r.custom)
            .map((r) => r.type)
            .sort(),
    ).toEqual(
        [
            "azure-native:network:NatGateway",
            "azure-native:network:NetworkSecurityGroup",
            "azure-native:network:PublicIPAddress",
            "azure-native:network:Subnet",
            "azure-native:network:VirtualNetwork",
        ].sort(),
    );
    expect(inputsOf(single(resources, "azure-native:network:Subnet"))["addressPrefix"]).toBe("10.1.0.0/21");
});

test("etcd key alone: protection follows the flag", async () => {
    const { resources } = await runProgram(() =>
        createEtcdKey(
            "t",
            {
                ...placement,
                clusterName: "c",
                tenantId: "tenant",
                subscriptionId: "sub",
                instanceSeed: "p1",
                kms: planKms({ environment: "dev" }),
                deletionProtection: true,
            },
            {},
        ),
    );
    expect(single(resources, "azure-native:keyvault:Vault").protect).toBe(true);
    expect(single(resources, "azure-native:keyvault:Key").protect).toBe(true);
    expect(inputsOf(single(resources, "azure-native:keyvault:Vault"))["vaultName"]).toMatch(/^kv-c-[0-9a-f]{6}$/);
});

test("identity alone: two grants to the new identity, named by stable GUIDs", async () => {
    const { resources } = await runProgram(() =>
        grantControlPlaneAccess(
            "t",
            { subscriptionId: "sub", guidNamespace: "ns", vnetId: "/vnet", etcdKeyId: "/key" },
            createControlPlaneIdentity("t", placement, {}),
            {},
        ),
    );
    const grants = ofType(resources, "azure-native:authorization:RoleAssignment").map((r) => inputsOf(r));
    expect(grants.map((g) => g["scope"]).sort()).toEqual(["/key", "/vnet"]);
    for (const g of nonEmpty(grants)) expect(g["roleAssignmentName"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("logging alone: the diagnostic setting targets the given resource and workspace", async () => {
    const { resources } = await runProgram(() => {
        const ws = createAuditWorkspace("t", { ...placement, clusterName: "c", retentionInDays: 90, deletionProtection: false }, {});
        createAuditDiagnostics("t", { clusterId: "/aks", workspaceId: ws.id }, {});
    });
    expect(inputsOf(single(resources, "azure-native:monitor:DiagnosticSetting"))).toMatchObject({
        resourceUri: "/aks",
        logs: expect.arrayContaining([{ category: "kube-audit", enabled: true }]),
    });
});

test("access alone: no grants but the deployer's for a plan with nobody else", async () => {
    const grants = planRoleGrants(
        { access: { admins: [], developers: [], viewers: [] }, tenants: [] },
        {
            principalId: "me",
            principalType: "ServicePrincipal",
        },
    );
    const { resources } = await runProgram(() =>
        createClusterAccess("t", { clusterId: "/aks", subscriptionId: "sub", guidNamespace: "ns", grants }, {}),
    );
    expect(ofType(resources, "azure-native:authorization:RoleAssignment").map((r) => inputsOf(r)["principalId"])).toEqual(["me"]);
});

test("access alone: a plan without the deployer's grant is a programming error", () => {
    expect(() => createClusterAccess("t", { clusterId: "/aks", subscriptionId: "sub", guidNamespace: "ns", grants: [] }, {})).toThrow(
        "the role plan has no grant for the deployer",
    );
});
