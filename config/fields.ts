import { z } from "zod";
import { isIpv4Cidr } from "../core/cidr";

/** Reusable field schemas. Each message says what is allowed; the key and value are added by the formatter. */

export const dnsLabel = (maxLength: number) =>
    z
        .string({ error: `a string of lowercase letters, digits and '-', at most ${maxLength} characters` })
        .regex(new RegExp(`^[a-z]([a-z0-9-]{0,${maxLength - 2}}[a-z0-9])?$`), {
            error: `lowercase letters, digits and '-', starting with a letter, at most ${maxLength} characters`,
        });

export const ipv4Cidr = z
    .string({ error: "an IPv4 CIDR block such as 10.0.0.0/16" })
    .refine(isIpv4Cidr, { error: "an IPv4 CIDR block such as 10.0.0.0/16, with the network address (host bits zero)" });

/** A Kubernetes resource quantity, non-negative: 500m, 2, 1.5, 512Mi, 8Gi. */
export const quantity = z
    .string({ error: 'a Kubernetes quantity string such as "4", "500m" or "8Gi"' })
    .regex(/^\d+(\.\d+)?(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/, {
        error: 'a non-negative Kubernetes quantity such as "4", "500m" or "8Gi"',
    });

export const positiveInt = (max: number) =>
    z
        .number({ error: `a whole number from 1 to ${max}` })
        .int({ error: `a whole number from 1 to ${max}` })
        .min(1, { error: `a whole number from 1 to ${max}` })
        .max(max, { error: `a whole number from 1 to ${max}` });

export const nonNegativeInt = (max: number) =>
    z
        .number({ error: `a whole number from 0 to ${max}` })
        .int({ error: `a whole number from 0 to ${max}` })
        .min(0, { error: `a whole number from 0 to ${max}` })
        .max(max, { error: `a whole number from 0 to ${max}` });

/** A principal string; its cloud-specific format is checked by the cross-field rules. */
export const principal = z.string({ error: "a principal string in the cloud's IAM terms" }).min(1);

export const labelValue = z
    .string({ error: "a Kubernetes label value" })
    .regex(/^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/, { error: "a Kubernetes label value (63 characters, alphanumeric ends)" });
