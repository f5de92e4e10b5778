import * as keyvault from "@pulumi/azure-native/keyvault";
import { CapturedResource, runStack } from "../harness";
import { passes, violations } from "../harness/policies";
import { added, edited, messages, ofType, outcomes, Props, statuses, TYPES } from "./fixture";

let blueprint: CapturedResource[];

beforeAll(async () => {
    blueprint = (await runStack("azure-prod")).resources;
});

describe("azure-keyvault-vault-require-rbac-authorization", () => {
    const name = "azure-keyvault-vault-require-rbac-authorization";
    const vault = ofType(TYPES.vault, "platform-prod-kv");
    const properties = (p: Props) => p["properties"] as Props;

    test("passes the blueprint's RBAC-mode vault", async () => {
        const found = await outcomes(name, blueprint);
        expect(violations(found)).toEqual([]);
        expect(passes(found, name)).toHaveLength(2); // the KMS vault and the payments tenant's vault
    });

    test("fails a vault switched to access policies (set wrong), counting them", async () => {
        const rs = edited(blueprint, vault, (p) => {
            properties(p)["enableRbacAuthorization"] = false;
            properties(p)["accessPolicies"] = [{ tenantId: "t", objectId: "o", permissions: { keys: ["all"] } }];
        });
        expect(await messages(name, rs)).toEqual([
            "[HC-SEC-03] properties.enableRbacAuthorization is false (also what an unset value becomes), so its 1 vault access policy decides who uses keys and reads secrets, outside Azure RBAC, " +
                "and anyone who can write the vault can add a policy for themselves; set enableRbacAuthorization true and grant Key Vault data roles per principal",
        ]);
    });

    test("fails a vault without the setting (unset): the SDK sends the API's default, false", async () => {
        const rs = await added(() => {
            new keyvault.Vault("teammate-kv", {
                resourceGroupName: "rg-platform-prod",
                properties: { tenantId: "00000000-0000-0000-0000-000000000002", sku: { family: "A", name: "standard" } },
            });
        });
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("enableRbacAuthorization is false (also what an unset value becomes)"),
        ]);
        const wire = edited(blueprint, vault, (p) => delete properties(p)["enableRbacAuthorization"]);
        expect(await messages(name, wire)).toEqual([expect.stringContaining("vault access policies decide who uses keys")]);
    });

    test("is decided in preview (the setting is a literal even while the vault name is unknown)", async () => {
        const { resources } = await runStack("azure-prod", {}, { preview: true });
        expect(statuses(await outcomes(name, resources))).toEqual(["pass", "pass"]);
    });
});

describe("azure-keyvault-vault-deny-platform-access", () => {
    const name = "azure-keyvault-vault-deny-platform-access";
    const vault = ofType(TYPES.vault, "platform-prod-kv");
    const properties = (p: Props) => p["properties"] as Props;

    test("passes the blueprint's vault (every switch false), in preview too", async () => {
        expect(statuses(await outcomes(name, blueprint))).toEqual(["pass", "pass"]);
        const { resources } = await runStack("azure-prod", {}, { preview: true });
        expect(statuses(await outcomes(name, resources))).toEqual(["pass", "pass"]);
    });

    test("fails template deployment and disk encryption access (set wrong), naming both", async () => {
        const rs = edited(blueprint, vault, (p) => {
            properties(p)["enabledForTemplateDeployment"] = true;
            properties(p)["enabledForDiskEncryption"] = true;
        });
        expect(await messages(name, rs)).toEqual([
            "[HC-SEC-03] properties.enabledForTemplateDeployment is true (ARM template deployments retrieve secrets); " +
                "properties.enabledForDiskEncryption is true (Azure Disk Encryption retrieves secrets and unwraps keys), " +
                "so anyone allowed to deploy into the subscription can have them copied out past the vault's role assignments; set enabledForTemplateDeployment, enabledForDiskEncryption false",
        ]);
    });

    test("fails a teammate's vault that lets VM deployments fetch secrets; unset switches are the API's false", async () => {
        const rs = await added(() => {
            new keyvault.Vault("teammate-kv", {
                resourceGroupName: "rg-platform-prod",
                properties: {
                    tenantId: "00000000-0000-0000-0000-000000000002",
                    sku: { family: "A", name: "standard" },
                    enableRbacAuthorization: true,
                    enabledForDeployment: true,
                },
            });
        });
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("properties.enabledForDeployment is true (Virtual Machines retrieve"),
        ]);
        const unset = edited(blueprint, vault, (p) => delete properties(p)["enabledForDeployment"]);
        expect(statuses(await outcomes(name, unset))).toEqual(["pass", "pass"]);
    });
});

describe("azure-keyvault-key-deny-export", () => {
    const name = "azure-keyvault-key-deny-export";
    const key = (r: CapturedResource) => ofType("azure-native:keyvault:Key")(r) && r.name.endsWith("-etcd-key");
    const properties = (p: Props) => p["properties"] as Props;

    test("passes the blueprint's keys (etcd, registry; not exportable, no release policy), in preview too", async () => {
        expect(statuses(await outcomes(name, blueprint))).toEqual(["pass", "pass"]);
        const { resources } = await runStack("azure-prod", {}, { preview: true });
        expect(statuses(await outcomes(name, resources))).toEqual(["pass", "pass"]);
    });

    test("fails the etcd key made exportable (set wrong)", async () => {
        const rs = edited(blueprint, key, (p) => ((properties(p)["attributes"] as Props)["exportable"] = true));
        expect(await messages(name, rs)).toEqual([
            "[HC-SEC-03] properties.attributes.exportable is true, so the private key can be released out of the vault (Secure Key Release) to whatever the release policy accepts; " +
                "remove the release policy and set exportable false: the key must only ever be used inside Key Vault",
        ]);
    });

    test("fails a teammate's key with a release policy; exportable left unset is not exportable", async () => {
        const rs = await added(() => {
            new keyvault.Key("teammate-key", {
                resourceGroupName: "rg-platform-prod",
                vaultName: "kv-platform-prod",
                properties: { kty: "RSA-HSM", releasePolicy: { contentType: "application/json; charset=utf-8", data: "e30" } },
            });
        });
        expect(await messages(name, rs)).toEqual([
            expect.stringContaining("properties.releasePolicy is set, so the private key can be released"),
        ]);
        const unset = edited(blueprint, key, (p) => delete (properties(p)["attributes"] as Props)["exportable"]);
        expect(statuses(await outcomes(name, unset))).toEqual(["pass", "pass"]);
    });
});

describe("azure-aks-stack-require-private-kms-vault", () => {
    const name = "azure-aks-stack-require-private-kms-vault";
    const vault = (r: CapturedResource) => r.type === TYPES.vault && /^platform-(prod|dev)-kv$/.test(r.name);
    const properties = (p: Props) => p["properties"] as Props;

    test("passes prod's private KMS vault, in preview too (decided from dependencies, not from unknown ids)", async () => {
        const found = await outcomes(name, blueprint);
        expect(violations(found)).toEqual([]);
        expect(passes(found, name)).toHaveLength(1);
        const { resources } = await runStack("azure-prod", {}, { preview: true });
        expect(statuses(await outcomes(name, resources))).toEqual(["pass"]);
    });

    test("fails the KMS vault with public network access enabled (set wrong), naming vault, cluster and fix", async () => {
        const rs = edited(blueprint, vault, (p) => (properties(p)["publicNetworkAccess"] = "Enabled"));
        expect(await messages(name, rs)).toEqual([
            `[HC-SEC-03] Key Vault platform-prod-kv holds AKS cluster platform-prod-aks's KMS key and its publicNetworkAccess is "Enabled", so the key that unwraps every etcd Secret answers on the internet to any holder of a crypto-role token; ` +
                'set properties.publicNetworkAccess "Disabled", reach the vault through a private endpoint and use KMS keyVaultNetworkAccess "Private"',
        ]);
    });

    test("fails the KMS vault without the setting (unset): the API's default is Enabled", async () => {
        const rs = edited(blueprint, vault, (p) => delete properties(p)["publicNetworkAccess"]);
        expect(await messages(name, rs)).toEqual([expect.stringContaining('publicNetworkAccess is not set (the API\'s "Enabled")')]);
    });

    test("finds the vault through the key alone (keyId only, Public mode) as well as through keyVaultResourceId", async () => {
        const viaKeyOnly = edited(
            blueprint,
            ofType(TYPES.cluster),
            () => undefined,
            (deps) => {
                deps["securityProfile"] = (deps["securityProfile"] ?? []).filter((urn) => !urn.includes("keyvault:Vault::"));
            },
        );
        const open = edited(viaKeyOnly, vault, (p) => (properties(p)["publicNetworkAccess"] = "Enabled"));
        expect(await messages(name, open)).toEqual([expect.stringContaining("holds AKS cluster platform-prod-aks's KMS key")]);
    });

    test("dev's public vault is waived by its reviewed exception tag, and the waiver names approver and expiry", async () => {
        const dev = (await runStack("azure-dev")).resources;
        const found = await outcomes(name, dev);
        expect(violations(found)).toEqual([]);
        expect(found.map((o) => o.status)).toEqual(["waived", "waived"]); // the KMS vault and the payments tenant's vault
        expect(found[0].message).toMatch(/waived by exception .*approved by platform-security@example\.com; expires 2027-06-30/);
        const untagged = edited(dev, vault, (p) => delete (p["tags"] as Props)["hardened-cluster-exception-HC-SEC-03"]);
        expect(await messages(name, untagged)).toEqual([expect.stringContaining('publicNetworkAccess is "Enabled"')]);
    });

    test("a public vault that holds no cluster's KMS key is not this policy's business", async () => {
        const rs = await added(() => {
            new keyvault.Vault("teammate-kv", {
                resourceGroupName: "rg-platform-prod",
                properties: { tenantId: "t", sku: { family: "A", name: "standard" }, publicNetworkAccess: "Enabled" },
            });
        });
        expect(rs.some((r) => r.name === "teammate-kv")).toBe(true);
        const found = await outcomes(name, [...blueprint, ...rs]);
        expect(violations(found)).toEqual([]);
        expect(statuses(found)).toEqual(["pass"]);
    });
});
