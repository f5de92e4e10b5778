import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { parseDocument, validateResourcesOfTypes } from "./lib";
import { openDocumentFindings } from "./open-principals";

function check(what: string, document: unknown, report: (m: string) => void): void {
    if (document === undefined) return;
    const parsed = parseDocument(document);
    if (!parsed.ok) {
        report(`${what} is not valid JSON (${parsed.error}); give a JSON policy that names its principals`);
        return;
    }
    for (const finding of openDocumentFindings(parsed.value)) {
        report(`${what}: ${finding}; the registry's images would be readable (or writable) from any AWS account`);
    }
}

/**
 * HC-SUP-06. The registry stays private: no repository policy, registry policy or creation template's repository
 * policy allows Principal "*" unless a condition names who (aws:PrincipalAccount, aws:PrincipalOrgID, ...), and none
 * allows with NotPrincipal.
 */
export const awsEcrRepositorypolicyDenyPublic = controlResourcePolicy({
    name: "aws-ecr-repositorypolicy-deny-public",
    controlId: "HC-SUP-06",
    description: 'ECR repository and registry policies grant nothing to Principal "*" without a condition naming the caller.',
    remediationSteps:
        'Name the principals (role ARNs, account roots), or narrow {"AWS": "*"} with aws:PrincipalAccount / aws:PrincipalOrgID.',
    validateResource: validateResourcesOfTypes([
        validateResourceOfType(aws.ecr.RepositoryPolicy, (p, _args, report) =>
            check(`repository policy of ${p.repository}`, p.policy, report),
        ),
        validateResourceOfType(aws.ecr.RegistryPolicy, (p, _args, report) => check("registry policy", p.policy, report)),
        validateResourceOfType(aws.ecr.RepositoryCreationTemplate, (t, _args, report) =>
            check(`repository policy of creation template ${t.prefix}`, t.repositoryPolicy, report),
        ),
    ]),
});
