import * as aws from "@pulumi/aws";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";
import { parseConfigurationValues } from "./lib";

/**
 * HC-NET-02 (CIS EKS 4.3.1, 5.4.4). The VPC CNI enforces NetworkPolicy only when its network policy
 * agent is on: configurationValues {"enableNetworkPolicy": "true"} (JSON or YAML). Other add-ons are
 * not this policy's business.
 */
export const awsEksAddonRequireNetworkPolicy = controlResourcePolicy({
    name: "aws-eks-addon-require-network-policy",
    controlId: "HC-NET-02",
    description: "The vpc-cni EKS add-on enables its network policy agent.",
    remediationSteps: 'Set configurationValues to {"enableNetworkPolicy":"true"} on the vpc-cni add-on.',
    validateResource: validateResourceOfType(aws.eks.Addon, (addon, args, report) => {
        if (addon.addonName !== "vpc-cni") return args.notApplicable("only the vpc-cni add-on enforces NetworkPolicy");
        const text = addon.configurationValues;
        const fix = 'set configurationValues to {"enableNetworkPolicy":"true"}';
        if (text === undefined || text.trim() === "") {
            report(`the vpc-cni add-on has no configurationValues, so NetworkPolicy objects are not enforced; ${fix}`);
            return;
        }
        const parsed = parseConfigurationValues(text);
        if (!parsed.ok) {
            report(`the vpc-cni add-on's configurationValues cannot be parsed (${parsed.error}); ${fix}`);
            return;
        }
        const value =
            parsed.value !== null && typeof parsed.value === "object"
                ? (parsed.value as Record<string, unknown>)["enableNetworkPolicy"]
                : undefined;
        if (value !== "true" && value !== true) {
            report(
                `the vpc-cni add-on's enableNetworkPolicy is ${JSON.stringify(value) ?? "unset"}, so NetworkPolicy objects are not enforced; ${fix}`,
            );
        }
    }),
});
