import * as operationalinsights from "@pulumi/azure-native/operationalinsights";
import { validateResourceOfType } from "@pulumi/policy";
import { controlResourcePolicy } from "../../lib/define";

/** Azure's retention when `retentionInDays` is not set on a PerGB2018 workspace. */
export const AZURE_DEFAULT_RETENTION_DAYS = 30;

export const azureOperationalinsightsWorkspaceRequireRetention = controlResourcePolicy({
    name: "azure-operationalinsights-workspace-require-retention",
    controlId: "HC-AUD-02",
    description: "Log Analytics workspaces keep logs for at least the environment's minimum (minimumDays).",
    remediationSteps: "Set retentionInDays to at least minimumDays (the environment's pack config sets it: 30 dev, 90 staging, 365 prod).",
    configProperties: {
        minimumDays: { type: "integer", minimum: 1, default: 365 },
    },
    validateResource: validateResourceOfType(operationalinsights.Workspace, (workspace, args, report) => {
        const { minimumDays } = args.getConfig<{ minimumDays: number }>();
        const days = workspace.retentionInDays;
        if (days === undefined) {
            report(
                `retentionInDays is not set, so Azure keeps logs ${AZURE_DEFAULT_RETENTION_DAYS} days; set it to at least ${minimumDays}`,
            );
        } else if (days < minimumDays) {
            report(`retentionInDays is ${days}; set it to at least ${minimumDays} days`);
        }
    }),
});
