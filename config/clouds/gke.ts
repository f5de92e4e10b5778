import { z } from "zod";
import { ConfigProblem } from "../errors";
import { RawConfig } from "../raw";
import { Environment } from "../vocabulary";

/** Google Cloud-only settings, under the `gke` key. */
export const gkeSettingsSchema = z.strictObject({
    /** The project that holds the cluster: 6 to 30 characters, lowercase letters, digits and '-'. */
    projectId: z.string({ error: "a Google Cloud project id such as acme-platform-prod" }).regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, {
        error: "a project id: 6-30 lowercase letters, digits or '-', starting with a letter, not ending with '-'",
    }),
    /** The Workspace / Cloud Identity domain whose gke-security-groups@<domain> group nests the RBAC groups. */
    groupsDomain: z
        .string({ error: "a domain such as example.com" })
        .regex(/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/, { error: "a domain such as example.com" }),
    /** GKE release channel; STABLE in prod and REGULAR elsewhere by default. */
    releaseChannel: z.enum(["RAPID", "REGULAR", "STABLE"], { error: "RAPID, REGULAR or STABLE" }).optional(),
});
export type GkeSettingsInput = z.infer<typeof gkeSettingsSchema>;

/** The GKE settings after defaults. */
export interface GkeSettings {
    readonly projectId: string;
    readonly groupsDomain: string;
    readonly releaseChannel: "RAPID" | "REGULAR" | "STABLE";
}

export function resolveGkeSettings(input: GkeSettingsInput, isProd: boolean): GkeSettings {
    return {
        projectId: input.projectId,
        groupsDomain: input.groupsDomain,
        releaseChannel: input.releaseChannel ?? (isProd ? "STABLE" : "REGULAR"),
    };
}

/** Rules that only apply to this cloud, run on the raw config (see ../rules.ts). */
export function gkeProblems(_raw: RawConfig, _environment: Environment | undefined): ConfigProblem[] {
    return [];
}
