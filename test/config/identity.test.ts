import { ConfigError, ConfigProblem } from "../../config/errors";
import { rawConfigFrom } from "../../config/load";
import { AwsConfig, AzureConfig, GcpConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { readStackConfig } from "../../tools/mock/stack-files";

/**
 * The identity guards prod requires, the provider settings that must agree with the stack, the
 * deployer, and the kubelogin mode: one rule per test, each on a shipped stack with one key changed.
 */
function rawOf(stack: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const raw: Record<string, unknown> = { ...rawConfigFrom(readStackConfig(stack)) };
    for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) delete raw[key];
        else raw[key] = value;
    }
    return raw;
}

function problemsOf(stack: string, overrides: Record<string, unknown>): readonly ConfigProblem[] {
    try {
        validateStackConfig(rawOf(stack, overrides));
    } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
    }
    return [];
}

function problemFor(stack: string, overrides: Record<string, unknown>, key: string): ConfigProblem {
    const problems = problemsOf(stack, overrides);
    const found = problems.find((p) => p.key === key);
    if (!found) throw new Error(`no problem for ${key}; got ${JSON.stringify(problems)}`);
    return found;
}

const accessOf = (stack: string) => rawOf(stack)["access"] as Record<string, unknown>;

describe("prod carries an identity guard", () => {
    test("aws: aws:allowedAccountIds is required in prod, not in dev", () => {
        const p = problemFor("aws-prod", { "aws:allowedAccountIds": undefined }, "aws:allowedAccountIds");
        expect(p.allowed).toContain("required in prod");
        expect(problemsOf("aws-dev", {})).toEqual([]);
        const prod = validateStackConfig(rawOf("aws-prod")) as AwsConfig;
        expect(prod.providerSettings.allowedAccountIds).toEqual(["123456789012"]);
    });

    test("azure: subscription and tenant are both required in prod", () => {
        const problems = problemsOf("azure-prod", { "azure-native:subscriptionId": undefined, "azure-native:tenantId": undefined });
        expect(problems.map((p) => p.key)).toEqual(["azure-native:subscriptionId", "azure-native:tenantId"]);
        expect(problems[0].allowed).toContain("required in prod");
    });

    test("gcp: gke.projectNumber is required in prod, a number or a digit string", () => {
        const gke = rawOf("gcp-prod")["gke"] as Record<string, unknown>;
        const p = problemFor("gcp-prod", { gke: { ...gke, projectNumber: undefined } }, "hardened-cluster:gke.projectNumber");
        expect(p.allowed).toContain("required in prod");
        const numeric = validateStackConfig(rawOf("gcp-prod", { gke: { ...gke, projectNumber: 123456789012 } })) as GcpConfig;
        expect(numeric.gke.projectNumber).toBe("123456789012");
        expect(problemFor("gcp-prod", { gke: { ...gke, projectNumber: "12-34" } }, "hardened-cluster:gke.projectNumber").allowed).toBe(
            "the project's number, such as 123456789012",
        );
    });

    test("aws: the account guard cannot be switched off by the provider's own flags", () => {
        expect(problemFor("aws-prod", { "aws:skipRequestingAccountId": "true" }, "aws:skipRequestingAccountId").allowed).toContain(
            "the account guard needs the account id",
        );
        expect(problemFor("aws-prod", { "aws:forbiddenAccountIds": '["210987654321"]' }, "aws:forbiddenAccountIds").allowed).toContain(
            "one or the other",
        );
        expect(problemFor("aws-prod", { "aws:insecure": "true" }, "aws:insecure").allowed).toContain("false or unset in prod");
        expect(problemsOf("aws-dev", { "aws:insecure": "true" })).toEqual([]);
    });
});

describe("the explicit provider deploys where the stack says", () => {
    test("aws:region equal to the stack's region is accepted; a different one is refused", () => {
        expect(problemsOf("aws-dev", { "aws:region": "eu-west-1" })).toEqual([]);
        const p = problemFor("aws-dev", { "aws:region": "us-east-1" }, "aws:region");
        expect(p.value).toBe("us-east-1");
        expect(p.allowed).toBe("eu-west-1 (as hardened-cluster:region) or unset: the stack's own setting decides where everything lands");
    });

    test("azure-native:location must agree with the stack's region", () => {
        expect(problemFor("azure-dev", { "azure-native:location": "northeurope" }, "azure-native:location").allowed).toContain(
            "westeurope (as hardened-cluster:region)",
        );
    });

    test("gcp:project must equal gke.projectId; gcp:region and gcp:zone must be the stack's region", () => {
        expect(problemsOf("gcp-dev", { "gcp:project": "acme-platform-dev" })).toEqual([]);
        expect(problemFor("gcp-dev", { "gcp:project": "acme-platform-prod" }, "gcp:project").allowed).toContain(
            "acme-platform-dev (as hardened-cluster:gke.projectId)",
        );
        expect(problemFor("gcp-dev", { "gcp:region": "us-central1" }, "gcp:region").allowed).toContain("europe-west1");
        expect(problemFor("gcp-dev", { "gcp:zone": "us-central1-a" }, "gcp:zone").allowed).toBe(
            "a zone of europe-west1 (europe-west1-b, ...) or unset",
        );
    });
});

describe("the kubeconfig can sign in as the provider's identity", () => {
    const ROLE = "arn:aws:iam::123456789012:role/platform-deployer";

    test("aws: one assumed role at most, with nothing get-token cannot pass", () => {
        const two = JSON.stringify([{ roleArn: ROLE }, { roleArn: "arn:aws:iam::123456789012:role/next" }]);
        expect(problemFor("aws-dev", { "aws:assumeRoles": two }, "aws:assumeRoles").allowed).toContain("at most one role");
        const external = JSON.stringify([{ roleArn: ROLE, externalId: "acme" }]);
        expect(problemFor("aws-dev", { "aws:assumeRoles": external }, "aws:assumeRoles[0].externalId").allowed).toContain(
            "cannot pass externalId",
        );
    });

    test("aws: web identity needs a token file, and no profile beside it", () => {
        const noFile = JSON.stringify({ roleArn: ROLE });
        expect(
            problemFor("aws-dev", { "aws:assumeRoleWithWebIdentity": noFile }, "aws:assumeRoleWithWebIdentity.webIdentityTokenFile")
                .allowed,
        ).toContain("AWS_WEB_IDENTITY_TOKEN_FILE");
        const withFile = JSON.stringify({ roleArn: ROLE, webIdentityTokenFile: "/tmp/token" });
        expect(problemsOf("aws-dev", { "aws:assumeRoleWithWebIdentity": withFile })).toEqual([]);
        expect(problemFor("aws-dev", { "aws:assumeRoleWithWebIdentity": withFile, "aws:profile": "ci" }, "aws:profile").allowed).toContain(
            "one source of base credentials",
        );
    });

    test("aws: one shared config file and one credentials file (the AWS CLI reads one each)", () => {
        expect(problemFor("aws-dev", { "aws:sharedConfigFiles": '["/a/config","/b/config"]' }, "aws:sharedConfigFiles").allowed).toContain(
            "AWS_CONFIG_FILE",
        );
        expect(problemsOf("aws-dev", { "aws:sharedCredentialsFiles": '["/a/credentials"]' })).toEqual([]);
    });

    test("aws: the role the provider assumes must be the deployer or an admin", () => {
        const other = JSON.stringify([{ roleArn: "arn:aws:iam::123456789012:role/someone-else" }]);
        const p = problemFor("aws-prod", { "aws:assumeRoles": other }, "hardened-cluster:access.deployer");
        expect(p.allowed).toContain("arn:aws:iam::123456789012:role/someone-else (the role the aws provider assumes)");
        expect(problemsOf("aws-prod", { "aws:assumeRoles": JSON.stringify([{ roleArn: ROLE }]) })).toEqual([]);
        const admin = JSON.stringify([{ roleArn: "arn:aws:iam::123456789012:role/Platform-Admins" }]);
        expect(problemsOf("aws-prod", { "aws:assumeRoles": admin })).toEqual([]);
    });

    test.each([
        [{}, "azurecli"],
        [{ "azure-native:useMsi": "true" }, "msi"],
        [{ "azure-native:useOidc": "true", "azure-native:oidcTokenFilePath": "/var/run/token" }, "workloadidentity"],
        [{ "azure-native:clientId": "00000000-0000-0000-0000-00000000000c" }, "spn"],
        [{ "azure-native:clientCertificatePath": "/etc/sp.pfx", "azure-native:clientId": "00000000-0000-0000-0000-00000000000c" }, "spn"],
    ])("azure: %j signs in with kubelogin %s by default", (settings, mode) => {
        expect((validateStackConfig(rawOf("azure-dev", settings)) as AzureConfig).aks.kubeloginMode).toBe(mode);
    });

    test("azure: OIDC without a token file needs an explicit kubelogin mode; azurecli is accepted", () => {
        const p = problemFor("azure-dev", { "azure-native:useOidc": "true" }, "hardened-cluster:aks.kubeloginMode");
        expect(p.allowed).toContain("workloadidentity with azure-native:oidcTokenFilePath");
        const config = validateStackConfig(
            rawOf("azure-dev", {
                "azure-native:useOidc": "true",
                aks: { kubeloginMode: "azurecli", registry: { name: "acmeplatformdev" } },
            }),
        ) as AzureConfig;
        expect(config.aks.kubeloginMode).toBe("azurecli");
    });

    test("azure: a kubelogin mode that signs in as another identity than the provider's is refused", () => {
        const p = problemFor(
            "azure-dev",
            { "azure-native:useMsi": "true", aks: { kubeloginMode: "spn" } },
            "hardened-cluster:aks.kubeloginMode",
        );
        expect(p.allowed).toBe(
            "msi or azurecli: the provider signs in with azure-native:useMsi, and the kubeconfig must sign in as the same identity",
        );
        expect(problemFor("azure-dev", { aks: { kubeloginMode: "devicecode" } }, "hardened-cluster:aks.kubeloginMode").allowed).toBe(
            "azurecli, workloadidentity, spn, msi",
        );
    });
});

describe("access.deployer", () => {
    test("required in prod on aws and azure; the caller is the default elsewhere", () => {
        const awsAccess = { ...accessOf("aws-prod"), deployer: undefined };
        expect(problemFor("aws-prod", { access: awsAccess }, "hardened-cluster:access.deployer").allowed).toContain("required in prod");
        const azureAccess = { ...accessOf("azure-prod"), deployer: undefined };
        expect(problemFor("azure-prod", { access: azureAccess }, "hardened-cluster:access.deployer").allowed).toContain("required in prod");
        expect((validateStackConfig(rawOf("aws-dev")) as AwsConfig).access.deployer).toBeUndefined();
    });

    test("named in each cloud's terms", () => {
        expect(
            problemFor("aws-dev", { access: { ...accessOf("aws-dev"), deployer: "platform-deployer" } }, "hardened-cluster:access.deployer")
                .allowed,
        ).toContain("an IAM role ARN");
        expect(
            problemFor(
                "azure-dev",
                { access: { ...accessOf("azure-dev"), deployer: "00000000-0000-0000-0000-000000000003" } },
                "hardened-cluster:access.deployer",
            ).allowed,
        ).toContain("ServicePrincipal:00000000-0000-0000-0000-000000000000");
    });

    test("azure: a group deployer must be an admin group (HC-IAM-05)", () => {
        const developers = accessOf("azure-prod")["developers"] as string[];
        const p = problemFor(
            "azure-prod",
            { access: { ...accessOf("azure-prod"), deployer: `Group:${developers[0]}` } },
            "hardened-cluster:access.deployer",
        );
        expect(p.allowed).toContain("a group deployer must be one of access.admins");
        const admins = accessOf("azure-prod")["admins"] as string[];
        expect(problemsOf("azure-prod", { access: { ...accessOf("azure-prod"), deployer: `Group:${admins[0].toUpperCase()}` } })).toEqual(
            [],
        );
    });

    test("gcp: refused, the deployer's rights come from its project IAM role", () => {
        const p = problemFor(
            "gcp-dev",
            { access: { ...accessOf("gcp-dev"), deployer: "serviceAccount:ci@acme-platform-dev.iam.gserviceaccount.com" } },
            "hardened-cluster:access.deployer",
        );
        expect(p.allowed).toContain("unset on gcp");
    });
});
