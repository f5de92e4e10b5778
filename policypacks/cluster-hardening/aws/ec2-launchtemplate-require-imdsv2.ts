import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/**
 * HC-NODE-02. Instance metadata answers only session-token (IMDSv2) requests, and only one network hop
 * away, so containers behind the node's network namespace cannot fetch the node role's credentials.
 * Unset values fail: AL2023 AMIs default to a hop limit of 2. Turning the endpoint off also passes.
 */
export const awsEc2LaunchtemplateRequireImdsv2 = controlResourcePolicy({
    name: "aws-ec2-launchtemplate-require-imdsv2",
    controlId: "HC-NODE-02",
    description: "Launch templates require IMDSv2 tokens with a response hop limit of 1.",
    remediationSteps: 'Set metadataOptions { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1 }.',
    validateResource: validateResourceOfType(aws.ec2.LaunchTemplate, (template, _args, report) => {
        const options = template.metadataOptions;
        if (options?.httpEndpoint === "disabled") return;
        if (options?.httpTokens !== "required") {
            report(`metadataOptions.httpTokens is ${options?.httpTokens ?? "unset"}; set it "required" (IMDSv2 only)`);
        }
        if (options?.httpPutResponseHopLimit !== 1) {
            report(
                `metadataOptions.httpPutResponseHopLimit is ${options?.httpPutResponseHopLimit ?? "unset"}; set it 1 so pods cannot reach the node's credentials`,
            );
        }
    }),
});
