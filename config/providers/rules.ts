import { Cloud, Environment } from "../../core/vocabulary";
import { ConfigProblem } from "../errors";
import { keyName, RawConfig, stringAt, valueAt } from "../raw";
import { VNET_ID } from "../clouds/aks";
import { compatibleKubeloginModes, KUBELOGIN_MODES } from "./kubelogin";
import { PROVIDER_NAMESPACES, providerKeyName } from "./namespaces";
import { HIDDEN_VALUE, valueAtPath } from "./read";

/**
 * Rules that relate a provider namespace to the stack: the explicit provider must deploy where the
 * stack says, prod must carry an identity guard, and the kubeconfig's exec plugin must be able to
 * reach the provider's identity. Lenient like ../rules.ts: a value of the wrong shape is the schema's
 * problem and is skipped here. Credential material is refused (and never printed): the exec plugins
 * cannot read Pulumi config, so a secret kept there would authenticate the provider as one identity
 * and the kubeconfig as another (or as nobody), after the cluster has been built.
 */
type Values = Readonly<Record<string, unknown>>;
type Path = readonly (string | number)[];

interface Context {
    readonly values: Values;
    readonly raw: RawConfig;
    readonly environment: Environment | undefined;
    readonly problem: (path: Path, allowed: string, hidden?: boolean) => ConfigProblem;
    readonly set: (path: Path) => boolean;
}

function contextFor(cloud: Cloud, values: Values, raw: RawConfig, environment: Environment | undefined): Context {
    const namespace = PROVIDER_NAMESPACES[cloud];
    return {
        values,
        raw,
        environment,
        problem: (path, allowed, hidden = false) => ({
            key: providerKeyName(namespace, path),
            value: hidden ? HIDDEN_VALUE : valueAtPath(values, path),
            allowed,
        }),
        set: (path) => valueAtPath(values, path) !== undefined,
    };
}

const arrayOf = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);
const textOf = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The stack's own location setting wins only by agreement: a different provider value is an error. */
function sameAs(ctx: Context, key: string, stackKey: string, stackValue: string | undefined): ConfigProblem[] {
    const given = textOf(ctx.values[key]);
    if (given === undefined || stackValue === undefined || given === stackValue) return [];
    return [
        ctx.problem([key], `${stackValue} (as ${keyName([stackKey])}) or unset: the stack's own setting decides where everything lands`),
    ];
}

function awsProblems(ctx: Context): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const { values } = ctx;
    for (const key of ["accessKey", "secretKey", "token"]) {
        if (ctx.set([key])) {
            problems.push(
                ctx.problem(
                    [key],
                    "not in stack config: the kubeconfig's `aws eks get-token` cannot read it and would sign in as another identity; use aws:profile, aws:assumeRoles or aws:assumeRoleWithWebIdentity, or export AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN on the runner (the provider and the AWS CLI both read them)",
                    true,
                ),
            );
        }
    }
    problems.push(...sameAs(ctx, "region", "region", stringAt(ctx.raw, ["region"])));
    const allowed = arrayOf(values["allowedAccountIds"]);
    if (ctx.environment === "prod" && allowed.length === 0) {
        problems.push(
            ctx.problem(
                ["allowedAccountIds"],
                'the account id(s) this stack deploys into, such as ["123456789012"] (required in prod: the provider then refuses credentials of any other account before it creates anything)',
            ),
        );
    }
    if (ctx.set(["allowedAccountIds"]) && ctx.set(["forbiddenAccountIds"])) {
        problems.push(
            ctx.problem(["forbiddenAccountIds"], "unset when aws:allowedAccountIds is set (the provider takes one or the other)"),
        );
    }
    if (values["skipRequestingAccountId"] === true && (ctx.set(["allowedAccountIds"]) || ctx.set(["forbiddenAccountIds"]))) {
        problems.push(
            ctx.problem(
                ["skipRequestingAccountId"],
                "false or unset with aws:allowedAccountIds / aws:forbiddenAccountIds: the account guard needs the account id",
            ),
        );
    }
    if (ctx.environment === "prod" && values["insecure"] === true) {
        problems.push(ctx.problem(["insecure"], "false or unset in prod: TLS certificates of the AWS APIs are always verified"));
    }
    const roles = arrayOf(values["assumeRoles"]);
    if (roles.length > 1) {
        problems.push(
            ctx.problem(
                ["assumeRoles"],
                "at most one role: the kubeconfig's `aws eks get-token --role-arn` assumes one role; for a chain, define an AWS CLI profile (role_arn + source_profile) and set aws:profile",
            ),
        );
    }
    roles.forEach((_, i) => {
        for (const field of ["externalId", "sourceIdentity"]) {
            if (ctx.set(["assumeRoles", i, field])) {
                problems.push(
                    ctx.problem(
                        ["assumeRoles", i, field],
                        `unset: \`aws eks get-token\` cannot pass ${field}, so the kubeconfig could not assume the same role; define an AWS CLI profile that sets it and use aws:profile`,
                    ),
                );
            }
        }
    });
    const webIdentity = values["assumeRoleWithWebIdentity"];
    if (webIdentity !== undefined) {
        if (ctx.set(["assumeRoleWithWebIdentity", "webIdentityToken"])) {
            problems.push(
                ctx.problem(
                    ["assumeRoleWithWebIdentity", "webIdentityToken"],
                    "not in stack config: set webIdentityTokenFile, the file the provider and the kubeconfig's AWS CLI (AWS_WEB_IDENTITY_TOKEN_FILE) both read",
                    true,
                ),
            );
        } else if (!ctx.set(["assumeRoleWithWebIdentity", "webIdentityTokenFile"])) {
            problems.push(
                ctx.problem(
                    ["assumeRoleWithWebIdentity", "webIdentityTokenFile"],
                    "the path of the web identity token file (the kubeconfig's AWS CLI reads it through AWS_WEB_IDENTITY_TOKEN_FILE)",
                ),
            );
        }
        if (ctx.set(["profile"])) {
            problems.push(
                ctx.problem(
                    ["profile"],
                    "unset with aws:assumeRoleWithWebIdentity: one source of base credentials, which the kubeconfig's AWS CLI follows too",
                ),
            );
        }
    }
    for (const key of ["sharedConfigFiles", "sharedCredentialsFiles"]) {
        if (arrayOf(values[key]).length > 1) {
            problems.push(
                ctx.problem(
                    [key],
                    `one file: the kubeconfig's AWS CLI reads one (${key === "sharedConfigFiles" ? "AWS_CONFIG_FILE" : "AWS_SHARED_CREDENTIALS_FILE"})`,
                ),
            );
        }
    }
    problems.push(...assumedRoleIsDeployerOrAdmin(ctx));
    return problems;
}

/**
 * The kubeconfig signs its requests as the role the provider assumes. That role must hold cluster-admin:
 * be the deployer (which gets cluster-admin) or one of the admins.
 */
function assumedRoleIsDeployerOrAdmin(ctx: Context): ConfigProblem[] {
    const assumed =
        textOf(valueAtPath(ctx.values, ["assumeRoles", 0, "roleArn"])) ??
        textOf(valueAtPath(ctx.values, ["assumeRoleWithWebIdentity", "roleArn"]));
    const deployer = stringAt(ctx.raw, ["access", "deployer"]);
    if (assumed === undefined || deployer === undefined) return [];
    const admins = arrayOf(valueAt(ctx.raw, ["access", "admins"])).filter((a): a is string => typeof a === "string");
    const same = (a: string) => a.toLowerCase() === assumed.toLowerCase();
    if (same(deployer) || admins.some(same)) return [];
    return [
        {
            key: keyName(["access", "deployer"]),
            value: deployer,
            allowed: `${assumed} (the role the aws provider assumes), unless that role is one of access.admins: the kubeconfig signs in as the assumed role, which must hold cluster-admin`,
        },
    ];
}

const AZURE_CREDENTIAL_ADVICE: Readonly<Record<string, string>> = {
    clientSecret:
        "not in stack config: kubelogin cannot read it, so the kubeconfig would sign in as someone else; export ARM_CLIENT_SECRET on the runner (azure-native reads it, and the kubeconfig's kubelogin spn mode reads it with --use-azurerm-env-vars)",
    clientCertificatePassword:
        "not in stack config: export ARM_CLIENT_CERTIFICATE_PASSWORD on the runner (azure-native reads it, and the kubeconfig's kubelogin spn mode reads it with --use-azurerm-env-vars)",
    oidcToken:
        "not in stack config: set azure-native:oidcTokenFilePath, the file azure-native and the kubeconfig's kubelogin (workloadidentity mode) both read",
    oidcRequestToken:
        "not in stack config: a per-run CI token; azure-native reads it from the runner's environment (ARM_OIDC_REQUEST_TOKEN or the CI's own variable)",
};

function azureProblems(ctx: Context): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const { values } = ctx;
    for (const [key, advice] of Object.entries(AZURE_CREDENTIAL_ADVICE)) {
        if (ctx.set([key])) problems.push(ctx.problem([key], advice, true));
    }
    problems.push(...sameAs(ctx, "location", "region", stringAt(ctx.raw, ["region"])));
    if (ctx.environment === "prod") {
        if (!ctx.set(["subscriptionId"])) {
            problems.push(
                ctx.problem(
                    ["subscriptionId"],
                    "the subscription id this stack deploys into (required in prod: the run checks the signed-in client against it before it creates anything)",
                ),
            );
        }
        if (!ctx.set(["tenantId"])) {
            problems.push(
                ctx.problem(["tenantId"], "the Entra ID tenant id of the subscription (required in prod, checked like the subscription)"),
            );
        }
    }
    if (values["useMsi"] === true && values["useOidc"] === true) {
        problems.push(ctx.problem(["useOidc"], "false or unset with azure-native:useMsi: one way to sign in, which kubelogin follows too"));
    }
    problems.push(...kubeloginModeMatches(ctx));
    problems.push(...runnerPeeringInSubscription(ctx));
    return problems;
}

/**
 * aks.runnerVnet's own peering (peerFromRunner, the default) is created through the stack's provider,
 * which works in azure-native:subscriptionId only: a runner VNet in another subscription needs its owner
 * to create that side.
 */
function runnerPeeringInSubscription(ctx: Context): ConfigProblem[] {
    const path = ["aks", "runnerVnet", "id"];
    const id = stringAt(ctx.raw, path);
    const subscription = textOf(ctx.values["subscriptionId"]);
    const match = id === undefined ? null : VNET_ID.exec(id);
    if (!match || subscription === undefined || valueAt(ctx.raw, ["aks", "runnerVnet", "peerFromRunner"]) === false) return [];
    if (match[1].toLowerCase() === subscription.toLowerCase()) return [];
    return [
        {
            key: keyName(path),
            value: id,
            allowed: `a VNet in azure-native:subscriptionId (${subscription}), or set aks.runnerVnet.peerFromRunner: false and have the VNet's owner create the runner side: the stack's provider creates that peering in its own subscription only`,
        },
    ];
}

function kubeloginModeMatches(ctx: Context): ConfigProblem[] {
    const settings = {
        useMsi: ctx.values["useMsi"] === true,
        useOidc: ctx.values["useOidc"] === true,
        useDefaultAzureCredential: ctx.values["useDefaultAzureCredential"] === true,
        clientId: textOf(ctx.values["clientId"]),
        clientCertificatePath: textOf(ctx.values["clientCertificatePath"]),
        oidcTokenFilePath: textOf(ctx.values["oidcTokenFilePath"]),
    };
    const compatible = compatibleKubeloginModes(settings);
    const path = ["aks", "kubeloginMode"];
    const chosen = stringAt(ctx.raw, path);
    if (chosen !== undefined && !(KUBELOGIN_MODES as readonly string[]).includes(chosen)) return [];
    const how = settings.useMsi
        ? "azure-native:useMsi"
        : settings.useOidc
          ? "azure-native:useOidc"
          : settings.useDefaultAzureCredential
            ? "azure-native:useDefaultAzureCredential"
            : "a service principal (azure-native:clientId / clientCertificatePath)";
    if (chosen === undefined && compatible.length === 0) {
        const options = settings.useOidc
            ? "workloadidentity with azure-native:oidcTokenFilePath (kubelogin reads the same token file), or azurecli after `az login --federated-token` as the same client"
            : "the mode that signs in as the same identity as the provider's credential chain (azurecli, workloadidentity, spn or msi)";
        return [{ key: keyName(path), value: undefined, allowed: `set with ${how}: ${options}` }];
    }
    if (chosen !== undefined && compatible.length > 0 && !compatible.includes(chosen as never)) {
        return [
            {
                key: keyName(path),
                value: chosen,
                allowed: `${compatible.join(" or ")}: the provider signs in with ${how}, and the kubeconfig must sign in as the same identity`,
            },
        ];
    }
    return [];
}

function gcpProblems(ctx: Context): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const { values } = ctx;
    if (ctx.set(["accessToken"])) {
        problems.push(
            ctx.problem(
                ["accessToken"],
                "not in stack config: the kubeconfig's gke-gcloud-auth-plugin cannot read it; use gcp:impersonateServiceAccount or a credentials file path (gcp:credentials or GOOGLE_APPLICATION_CREDENTIALS)",
                true,
            ),
        );
    }
    if (ctx.set(["externalCredentials"])) {
        problems.push(
            ctx.problem(
                ["externalCredentials"],
                "not in stack config: it holds an identity token the kubeconfig's plugin cannot read; point gcp:credentials (or GOOGLE_APPLICATION_CREDENTIALS) at an external-account configuration file instead",
                true,
            ),
        );
    }
    const credentials = textOf(values["credentials"]);
    if (credentials !== undefined && credentials.trim().startsWith("{")) {
        problems.push(
            ctx.problem(
                ["credentials"],
                "the path of a credentials file, not its contents: the kubeconfig's plugin reads the same file, and a key never belongs in stack config",
                true,
            ),
        );
    }
    problems.push(...sameAs(ctx, "project", "gke.projectId", stringAt(ctx.raw, ["gke", "projectId"])));
    problems.push(...sameAs(ctx, "region", "region", stringAt(ctx.raw, ["region"])));
    const zone = textOf(values["zone"]);
    const region = stringAt(ctx.raw, ["region"]);
    if (zone !== undefined && region !== undefined && !zone.startsWith(`${region}-`)) {
        problems.push(ctx.problem(["zone"], `a zone of ${region} (${region}-b, ...) or unset`));
    }
    return problems;
}

/** Rules relating the chosen cloud's provider namespace to the stack config. */
export function providerRuleProblems(cloud: Cloud, values: Values, raw: RawConfig, environment: Environment | undefined): ConfigProblem[] {
    const ctx = contextFor(cloud, values, raw, environment);
    switch (cloud) {
        case "aws":
            return awsProblems(ctx);
        case "azure":
            return azureProblems(ctx);
        case "gcp":
            return gcpProblems(ctx);
    }
}
