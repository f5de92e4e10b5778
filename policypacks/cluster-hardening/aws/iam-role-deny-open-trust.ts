import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { parseDocument, StatementView, statementLabel, statementsOf } from "./lib";
import { openStatementFinding, principalsOfType } from "./open-principals";

const MATCHING = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike)$/i;

/** The condition values a statement puts on one key, through matching operators only. */
function matchedValues(condition: unknown, key: string): string[] {
    if (condition === null || typeof condition !== "object") return [];
    const values: string[] = [];
    for (const [operator, block] of Object.entries(condition as Record<string, unknown>)) {
        if (!MATCHING.test(operator) || block === null || typeof block !== "object") continue;
        for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
            if (k.toLowerCase() !== key.toLowerCase()) continue;
            for (const x of Array.isArray(v) ? v : [v]) if (typeof x === "string") values.push(x);
        }
    }
    return values;
}

/**
 * A web-identity trust in an OIDC provider (IRSA, CI) must say which subject may assume the role: without
 * a "<provider>:sub" condition any identity the provider vouches for (every service account of the
 * cluster, every repository of the CI provider) can.
 */
function oidcFinding(s: StatementView, index: number): string | undefined {
    if (s.effect !== "Allow") return undefined;
    const providers = principalsOfType(s.principal, "Federated").filter((p) => p.includes(":oidc-provider/"));
    for (const provider of providers) {
        const host = provider.slice(provider.indexOf(":oidc-provider/") + ":oidc-provider/".length);
        const subjects = matchedValues(s.condition, `${host}:sub`);
        if (subjects.length === 0 || subjects.some((v) => /^[*?]*$/.test(v.trim()))) {
            return `${statementLabel(s, index)} trusts the OIDC provider ${host} without a "${host}:sub" condition naming the subject, so any identity it issues can assume the role; add StringEquals "${host}:sub" (e.g. system:serviceaccount:<namespace>:<name>)`;
        }
    }
    return undefined;
}

/**
 * HC-IAM-04. A role's trust policy never lets anyone assume it: no Allow to Principal "*" (or
 * {"AWS": "*"}) unless a condition names who (aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalOrgID
 * or, for a service acting for a resource, aws:SourceAccount / aws:SourceArn, with concrete values, not
 * wildcards), no Allow with NotPrincipal, and no web-identity trust in an OIDC provider without a
 * subject condition. sts:ExternalId alone is not accepted as narrowing: with Principal "*" it is a
 * shared string that anyone who learns it can present from any account; name the third party's account
 * and keep the external id on top.
 */
export const awsIamRoleDenyOpenTrust = controlResourcePolicy({
    name: "aws-iam-role-deny-open-trust",
    controlId: "HC-IAM-04",
    description:
        "Role trust policies name who may assume the role: no open Principal without a narrowing condition, no NotPrincipal, OIDC trusts pinned to a subject.",
    remediationSteps:
        'Name the trusted principal (service, account or role ARN), or keep Principal "*" only with a condition on aws:PrincipalArn / aws:PrincipalAccount / aws:PrincipalOrgID / aws:SourceAccount / aws:SourceArn; for OIDC add a "<provider>:sub" condition.',
    validateResource: validateResourceOfType(aws.iam.Role, (role, _args, report) => {
        const parsed = parseDocument(role.assumeRolePolicy);
        if (!parsed.ok) {
            report(`assumeRolePolicy is not valid JSON (${parsed.error}); give a JSON trust policy that names the trusted principal`);
            return;
        }
        statementsOf(parsed.value).forEach((s, i) => {
            const open = openStatementFinding(s, i);
            if (open) report(`assumeRolePolicy ${open}`);
            const oidc = oidcFinding(s, i);
            if (oidc) report(`assumeRolePolicy ${oidc}`);
        });
    }),
});
