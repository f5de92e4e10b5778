import { z } from "zod";

/** Settings of the in-cluster baseline (admission, image trust, runtime defence), under the `baseline` key. */
export const baselineSettingsSchema = z.strictObject({
    /** Signed-image verification for tenant namespaces. Keyless identities or PEM public keys that sign trusted images. */
    imageSignatures: z
        .strictObject({
            keyless: z
                .array(
                    z.strictObject({
                        issuer: z.string().url({ error: "an OIDC issuer URL such as https://token.actions.githubusercontent.com" }),
                        subjectRegExp: z.string().min(1, { error: "a regular expression for the signing identity" }),
                    }),
                )
                .optional(),
            publicKeys: z
                .array(z.string().regex(/-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/, { error: "a PEM public key" }))
                .optional(),
        })
        .optional(),
    /** Falco runtime threat detection. On by default in every environment. */
    runtimeDefence: z.boolean({ error: "true or false" }).optional(),
    /** Metrics and logs: the cloud's managed collector, or Fluent Bit and Prometheus in the cluster. */
    monitoring: z.enum(["managed", "in-cluster"], { error: "managed or in-cluster" }).optional(),
});
export type BaselineSettingsInput = z.infer<typeof baselineSettingsSchema>;
