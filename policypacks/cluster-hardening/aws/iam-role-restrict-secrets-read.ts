import * as aws from "@pulumi/aws";
import { PolicyResource } from "@pulumi/policy";
import { controlStackPolicy } from "../../lib/define";
import { UnknownValueError, UNKNOWN_STRING } from "../../lib/sdk-internals";
import { dependencyUrns, validateStackWithRelated } from "../../lib/stack";
import { parseDocument, statementLabel } from "./lib";

const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACHMENT = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const MANAGED_POLICY = "aws:iam/policy:Policy";
const POD_IDENTITY = "pods.eks.amazonaws.com";
const EC2 = "ec2.amazonaws.com";
/** The calls that return a secret's value. */
const READ_ACTIONS = ["secretsmanager:GetSecretValue", "secretsmanager:BatchGetSecretValue"];
/** Pod Identity's session tag naming the pod's namespace: a resource-tag condition on it scopes reads to the tenant. */
const NAMESPACE_SESSION_TAG = "${aws:PrincipalTag/kubernetes-namespace}";

type Kind = "pod" | "node";

/** Reads a value that may be unknown during preview; undefined when unknown. */
function known<T>(read: () => T): T | undefined {
    try {
        const value = read();
        return value === UNKNOWN_STRING ? undefined : value;
    } catch (e) {
        if (e instanceof UnknownValueError) return undefined;
        throw e;
    }
}

function list(value: unknown): unknown[] {
    if (value === undefined || value === null) return [];
    return Array.isArray(value) ? value : [value];
}

function strings(value: unknown): string[] {
    return list(value).filter((v): v is string => typeof v === "string");
}

/** An IAM action pattern ("*", "secretsmanager:Get*") matching an action, case-insensitively as IAM does. */
function actionMatches(pattern: string, action: string): boolean {
    const re = new RegExp(
        `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, "\\$&")
            .replace(/\*/g, ".*")
            .replace(/\?/g, ".")}$`,
        "i",
    );
    return re.test(action);
}

function hasWildcard(s: string): boolean {
    return /[*?]/.test(s);
}

/** Services that may assume the role (Allow statements of its trust policy). */
function trustedServices(role: PolicyResource): string[] | undefined {
    const doc = known(() => role.props["assumeRolePolicy"]);
    if (doc === undefined) return undefined;
    const parsed = parseDocument(doc);
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== "object") return undefined;
    return list((parsed.value as Record<string, unknown>)["Statement"])
        .filter((s): s is Record<string, unknown> => s !== null && typeof s === "object")
        .filter((s) => s["Effect"] === "Allow")
        .flatMap((s) => {
            const principal = s["Principal"];
            return principal !== null && typeof principal === "object" ? strings((principal as Record<string, unknown>)["Service"]) : [];
        });
}

function kindOf(role: PolicyResource): Kind | undefined {
    const services = trustedServices(role);
    if (!services) return undefined;
    if (services.includes(POD_IDENTITY)) return "pod";
    if (services.includes(EC2)) return "node";
    return undefined;
}

/**
 * Whether a secret resource stays inside one tenant's prefix `<cluster>/<tenant>/...`: an exact secret, or a
 * pattern whose first two name segments, region and account are literal. Non-secret ARNs (a KMS key) are not
 * secret grants at all (null).
 */
function withinOneTenant(resource: string): boolean | null {
    if (!resource.startsWith("arn:")) return hasWildcard(resource) ? false : null;
    const [, , service = "", region = "", account = "", ...rest] = resource.split(":");
    if (!hasWildcard(service) && service !== "secretsmanager") return null;
    if (hasWildcard(service) || hasWildcard(region) || hasWildcard(account)) return false;
    const path = rest.join(":");
    if (!path.startsWith("secret:")) return hasWildcard(path) ? false : null;
    const name = path.slice("secret:".length);
    if (!hasWildcard(name)) return true;
    const segments = name.split("/");
    return segments.length >= 3 && segments.slice(0, 2).every((s) => s.length > 0 && !hasWildcard(s));
}

/** A statement scoped by a resource-tag condition equal to the pod's namespace session tag (ABAC per tenant). */
function scopedByNamespaceTag(condition: unknown): boolean {
    if (condition === null || typeof condition !== "object") return false;
    const equals = (condition as Record<string, unknown>)["StringEquals"];
    if (equals === null || typeof equals !== "object") return false;
    return Object.entries(equals as Record<string, unknown>).some(
        ([key, value]) => /^(aws|secretsmanager):ResourceTag\//i.test(key) && strings(value).includes(NAMESPACE_SESSION_TAG),
    );
}

/** Why a policy document breaks HC-IAM-06 for a role of this kind; empty when it does not (or is not known). */
function findings(document: unknown, kind: Kind): string[] {
    if (document === undefined) return [];
    const parsed = parseDocument(document);
    if (!parsed.ok || parsed.value === null || typeof parsed.value !== "object") return [];
    const out: string[] = [];
    list((parsed.value as Record<string, unknown>)["Statement"]).forEach((raw, i) => {
        if (raw === null || typeof raw !== "object") return;
        const s = raw as Record<string, unknown>;
        if (s["Effect"] !== "Allow") return;
        const label = statementLabel({ sid: typeof s["Sid"] === "string" ? s["Sid"] : undefined }, i);
        const actions = strings(s["Action"]);
        if (kind === "node") {
            const grants = actions.filter((a) => actionMatches(a.split(":")[0] ?? "", "secretsmanager") || a === "*");
            const notAction = strings(s["NotAction"]).length > 0;
            if (grants.length > 0 || notAction) {
                out.push(`${label} grants Secrets Manager [${grants.length > 0 ? grants.join(", ") : "NotAction"}]`);
            }
            return;
        }
        const reads = actions.filter((a) => READ_ACTIONS.some((r) => actionMatches(a, r)));
        if (reads.length === 0 && strings(s["NotAction"]).length === 0) return;
        if (scopedByNamespaceTag(s["Condition"])) return;
        const wide = s["NotResource"] !== undefined ? ["NotResource"] : strings(s["Resource"]).filter((r) => withinOneTenant(r) === false);
        if (wide.length > 0) out.push(`${label} allows ${reads.length > 0 ? reads.join(", ") : "NotAction"} on [${wide.join(", ")}]`);
    });
    return out;
}

function managedPolicyName(arn: string): string {
    return arn.split("/").pop() ?? arn;
}

/** An AWS managed policy that grants Secrets Manager (SecretsManagerReadWrite, AWSSecretsManagerClientReadOnlyAccess, ...). */
function isSecretsManagerManagedPolicy(arn: string): boolean {
    return /^arn:[^:]+:iam::aws:policy\//.test(arn) && /secretsmanager/i.test(managedPolicyName(arn));
}

function belongsTo(r: PolicyResource, property: string, role: PolicyResource): boolean {
    if (dependencyUrns(r, property).includes(role.urn)) return true;
    const value = known(() => r.props[property]);
    if ((r.propertyDependencies[property] ?? []).length > 0 || typeof value !== "string") return false;
    return value === known(() => role.props["name"]) || value === known(() => role.props["id"]);
}

/**
 * HC-IAM-06. A Pod Identity role (trusted by pods.eks.amazonaws.com) may read secret values only inside one
 * tenant's prefix `<cluster>/<tenant>/...` (or under a resource-tag condition on the pod's namespace session
 * tag); a node role (trusted by ec2.amazonaws.com) gets no Secrets Manager action at all. Judged over the
 * role's inline policies (RolePolicy, Role.inlinePolicies), customer-managed policies attached by
 * RolePolicyAttachment, and AWS managed Secrets Manager policies (attached or in Role.managedPolicyArns),
 * whoever created them. A document not known yet (preview) is not judged.
 */
export const awsIamRoleRestrictSecretsRead = controlStackPolicy({
    name: "aws-iam-role-restrict-secrets-read",
    controlId: "HC-IAM-06",
    description:
        "A Pod Identity role reads Secrets Manager values only under one tenant's prefix <cluster>/<tenant>/; the node role has no Secrets Manager grant.",
    remediationSteps:
        "Scope a workload role's secretsmanager:GetSecretValue to arn:...:secret:<cluster>/<tenant>/* (one role per tenant, blueprint: secretStore.enabled); remove every Secrets Manager grant from the node role.",
    validateStack: validateStackWithRelated(aws.iam.Role, (roles, all, report) => {
        const managed = new Map(all.filter((r) => r.type === MANAGED_POLICY).map((p) => [p.urn, p]));
        for (const role of roles) {
            const kind = kindOf(role);
            if (!kind) continue;
            const who = kind === "pod" ? `Pod Identity role ${role.name}` : `node role ${role.name}`;
            const fix =
                kind === "pod"
                    ? "use one tenant's prefix arn:...:secret:<cluster>/<tenant>/* as its resource"
                    : "nodes never read secrets; give the workload its own Pod Identity role";
            const judge = (source: string, document: unknown, urn: string) => {
                const found = findings(document, kind);
                if (found.length > 0) report(`${source} of ${who}: ${found.join("; ")}; ${fix}`, urn);
            };
            const managedArns = (arns: string[], source: string, urn: string) => {
                for (const arn of arns.filter(isSecretsManagerManagedPolicy)) {
                    report(`${source} attaches ${arn} to ${who}: it grants Secrets Manager on every secret; ${fix}`, urn);
                }
            };
            for (const [i, inline] of list(known(() => role.props["inlinePolicies"])).entries()) {
                if (inline !== null && typeof inline === "object")
                    judge(`inline policy ${i}`, (inline as Record<string, unknown>)["policy"], role.urn);
            }
            managedArns(strings(known(() => role.props["managedPolicyArns"])), "managedPolicyArns", role.urn);
            for (const r of all) {
                if (r.type === ROLE_POLICY && belongsTo(r, "role", role)) {
                    judge(
                        `role policy ${r.name}`,
                        known(() => r.props["policy"]),
                        r.urn,
                    );
                } else if (r.type === ATTACHMENT && belongsTo(r, "role", role)) {
                    const policies = dependencyUrns(r, "policyArn").flatMap((u) => (managed.has(u) ? [managed.get(u)!] : []));
                    for (const p of policies)
                        judge(
                            `managed policy ${p.name} (attached by ${r.name})`,
                            known(() => p.props["policy"]),
                            r.urn,
                        );
                    const arn = known(() => r.props["policyArn"]);
                    if (typeof arn === "string") managedArns([arn], `attachment ${r.name}`, r.urn);
                }
            }
        }
    }),
});
