import * as pulumi from "@pulumi/pulumi";
import { ConfigError, ConfigProblem } from "../../config/errors";
import { loadStackConfig, rawConfigFrom } from "../../config/load";
import { knownProviderKeys } from "../../config/providers/read";
import { GCP_CUSTOM_ENDPOINT_KEY } from "../../config/providers/gcp";
import { AwsConfig, AzureConfig, GcpConfig } from "../../config/types";
import { validateStackConfig } from "../../config/validate";
import { readStackConfig } from "../../tools/mock/stack-files";

/** A shipped stack's flat config (as the CLI hands it over) with keys replaced or removed. */
function flatOf(stack: string, overrides: Record<string, string | undefined> = {}): Record<string, string> {
    const flat = { ...readStackConfig(stack) };
    for (const [key, value] of Object.entries(overrides)) {
        if (value === undefined) delete flat[key];
        else flat[key] = value;
    }
    return flat;
}

function validate(stack: string, overrides: Record<string, string | undefined> = {}) {
    return validateStackConfig(rawConfigFrom(flatOf(stack, overrides)));
}

function problemsOf(stack: string, overrides: Record<string, string | undefined>): readonly ConfigProblem[] {
    try {
        validate(stack, overrides);
    } catch (e) {
        if (e instanceof ConfigError) return e.problems;
        throw e;
    }
    throw new Error("expected the config to be refused");
}

function problemFor(stack: string, overrides: Record<string, string | undefined>, key: string): ConfigProblem {
    const problems = problemsOf(stack, overrides);
    const found = problems.find((p) => p.key === key);
    if (!found) throw new Error(`no problem for ${key}; got ${JSON.stringify(problems)}`);
    return found;
}

/** The keys a provider package documents for its config namespace (the getters of config/vars). */
function documentedKeys(pkg: string): string[] {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return Object.keys(require(`@pulumi/${pkg}/config/vars`) as object);
}

describe("the provider namespaces' key tables", () => {
    test.each([
        ["aws", "aws"],
        ["azure", "azure-native"],
        ["gcp", "gcp"],
    ] as const)("%s: every key the installed package documents is known, and no other", (cloud, pkg) => {
        const documented = documentedKeys(pkg).filter((k) => !GCP_CUSTOM_ENDPOINT_KEY.test(k));
        expect(documented.length).toBeGreaterThan(15);
        expect([...knownProviderKeys(cloud)].sort()).toEqual([...documented].sort());
    });

    test("gcp: every <service>CustomEndpoint key the package documents is accepted", () => {
        const endpoints = documentedKeys("gcp").filter((k) => k.endsWith("CustomEndpoint"));
        expect(endpoints.length).toBeGreaterThan(100);
        const overrides = Object.fromEntries(endpoints.map((k) => [`gcp:${k}`, "https://example.googleapis.com/"]));
        const config = validate("gcp-dev", overrides) as GcpConfig;
        expect(Object.keys(config.providerSettings.customEndpoints ?? {}).sort()).toEqual([...endpoints].sort());
    });
});

describe("reading a provider namespace", () => {
    test("values arrive as text and are parsed by the key's type: lists and objects as JSON, booleans, numbers", () => {
        const config = validate("aws-dev", {
            "aws:profile": "platform-dev",
            "aws:allowedAccountIds": '["123456789012"]',
            "aws:skipMetadataApiCheck": "false",
            "aws:maxRetries": "5",
            "aws:defaultTags": '{"tags":{"cost-centre":"platform"}}',
            "aws:assumeRoles": '[{"roleArn":"arn:aws:iam::123456789012:role/platform-deployer","sessionName":"ci"}]',
        }) as AwsConfig;
        expect(config.providerSettings).toEqual({
            profile: "platform-dev",
            allowedAccountIds: ["123456789012"],
            skipMetadataApiCheck: false,
            maxRetries: 5,
            defaultTags: { tags: { "cost-centre": "platform" } },
            assumeRoles: [{ roleArn: "arn:aws:iam::123456789012:role/platform-deployer", sessionName: "ci" }],
        });
    });

    test("a stack without provider keys has empty settings; other clouds' namespaces are not read", () => {
        const config = validate("aws-dev", { "gcp:project": "someone-elses", "azure-native:tenantId": "not-a-guid" }) as AwsConfig;
        expect(config.providerSettings).toEqual({});
    });

    test("an unknown key is refused in its own namespace, with a suggestion", () => {
        const p = problemFor("aws-dev", { "aws:profil": "platform-dev" }, "aws:profil");
        expect(p.value).toBe("platform-dev");
        expect(p.allowed).toContain('did you mean "aws:profile"?');
        expect(p.allowed).toContain("not a key of the aws provider");
    });

    test("an unknown nested key names its full path and the keys known there", () => {
        const p = problemFor(
            "aws-dev",
            { "aws:assumeRoles": '[{"rolearn":"arn:aws:iam::123456789012:role/x"}]' },
            "aws:assumeRoles[0].rolearn",
        );
        expect(p.allowed).toContain('did you mean "roleArn"?');
        expect(p.allowed).toContain("known keys: roleArn, duration, externalId");
    });

    test("azure-native and gcp keys are named in their namespaces too", () => {
        expect(problemFor("azure-dev", { "azure-native:subscriptionID": "x" }, "azure-native:subscriptionID").allowed).toContain(
            'did you mean "azure-native:subscriptionId"?',
        );
        expect(problemFor("gcp-dev", { "gcp:impersonateServiceAcount": "x" }, "gcp:impersonateServiceAcount").allowed).toContain(
            'did you mean "gcp:impersonateServiceAccount"?',
        );
    });

    test("bad types are refused, every bad key in one error", () => {
        const problems = problemsOf("aws-dev", {
            "aws:maxRetries": "many",
            "aws:allowedAccountIds": "123456789012",
            "aws:insecure": "yes",
            "aws:retryMode": "eager",
        });
        const byKey = Object.fromEntries(problems.map((p) => [p.key, p.allowed]));
        expect(byKey["aws:maxRetries"]).toBe("a whole number");
        expect(byKey["aws:allowedAccountIds"]).toBe("a list of 12-digit account ids");
        expect(byKey["aws:insecure"]).toBe("true or false");
        expect(byKey["aws:retryMode"]).toBe("standard or adaptive");
    });

    test("an account id given as a number (as `config set --path` stores it) is refused with the quoted form", () => {
        expect(problemFor("aws-dev", { "aws:allowedAccountIds": "[123456789012]" }, "aws:allowedAccountIds[0]").allowed).toBe(
            'quoted 12-digit account ids, such as "123456789012"',
        );
    });

    test("an account id that is not 12 digits and a tenant that is not a GUID are refused", () => {
        expect(problemFor("aws-dev", { "aws:allowedAccountIds": '["12345"]' }, "aws:allowedAccountIds[0]").allowed).toContain(
            "12-digit account ids",
        );
        expect(problemFor("azure-dev", { "azure-native:tenantId": "contoso" }, "azure-native:tenantId").allowed).toContain("a GUID");
    });

    test("loadStackConfig reads the chosen cloud's namespace from Pulumi config and reports bad keys as a RunError", () => {
        pulumi.runtime.setAllConfig({
            ...flatOf("azure-dev"),
            "azure-native:useMsi": "true",
            "azure-native:clientId": "00000000-0000-0000-0000-00000000000c",
        });
        const config = loadStackConfig() as AzureConfig;
        expect(config.providerSettings).toEqual({ useMsi: true, clientId: "00000000-0000-0000-0000-00000000000c" });
        expect(config.aks.kubeloginMode).toBe("msi");

        pulumi.runtime.setAllConfig({ ...flatOf("azure-dev"), "azure-native:useMSI": "true" });
        expect(() => loadStackConfig()).toThrow(pulumi.RunError);
        expect(() => loadStackConfig()).toThrow(/azure-native:useMSI: got true; allowed: did you mean "azure-native:useMsi"\?/);
        pulumi.runtime.setAllConfig({});
    });
});

describe("credential material stays out of stack config, and out of error messages", () => {
    const SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    test.each([
        ["aws-dev", "aws:secretKey", SECRET, "AWS_SECRET_ACCESS_KEY"],
        ["aws-dev", "aws:accessKey", "AKIAIOSFODNN7EXAMPLE", "aws:profile"],
        ["azure-dev", "azure-native:clientSecret", SECRET, "ARM_CLIENT_SECRET"],
        ["azure-dev", "azure-native:oidcToken", SECRET, "oidcTokenFilePath"],
        ["gcp-dev", "gcp:accessToken", SECRET, "impersonateServiceAccount"],
        ["gcp-dev", "gcp:credentials", `{"type":"service_account","private_key":"${SECRET}"}`, "the path of a credentials file"],
    ])("%s %s is refused with where to put it instead, and the value is never printed", (stack, key, value, advice) => {
        let message = "";
        try {
            validate(stack, { [key]: value });
        } catch (e) {
            if (!(e instanceof ConfigError)) throw e;
            message = e.message;
            expect(e.problems.find((p) => p.key === key)?.value).toBe("(hidden: credential material)");
        }
        expect(message).toContain(`${key}: got "(hidden: credential material)"`);
        expect(message).toContain(advice);
        expect(message).not.toContain(value.slice(0, 12));
    });

    test("a nested web identity token is refused and hidden; the token file is the way", () => {
        const value = JSON.stringify({ roleArn: "arn:aws:iam::123456789012:role/ci", webIdentityToken: "eyJhbGciOi.secret.token" });
        const p = problemFor("aws-dev", { "aws:assumeRoleWithWebIdentity": value }, "aws:assumeRoleWithWebIdentity.webIdentityToken");
        expect(p.value).toBe("(hidden: credential material)");
        expect(p.allowed).toContain("webIdentityTokenFile");
    });

    test("a credentials file path is accepted", () => {
        const config = validate("gcp-dev", { "gcp:credentials": "/var/run/secrets/gcp/deployer.json" }) as GcpConfig;
        expect(config.providerSettings.credentials).toBe("/var/run/secrets/gcp/deployer.json");
    });
});
