import { z } from "zod";

/** Field schemas shared by the provider namespaces' tables. Messages say what is allowed. */

export const text = (what: string) => z.string({ error: what }).min(1, { error: what });
export const flag = z.boolean({ error: "true or false" });
export const textList = (what: string) => z.array(text(what), { error: `a list of ${what}` });
export const stringMap = z.record(z.string(), z.string({ error: "a string value" }), { error: "an object of string values" });
export const guid = z
    .string({ error: "a GUID such as 00000000-0000-0000-0000-000000000000" })
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, {
        error: "a GUID such as 00000000-0000-0000-0000-000000000000",
    });
export const url = z.string({ error: "an https URL" }).url({ error: "an https URL" });

/**
 * A key that would put credential material (a key, a secret, a token) into stack config. The schema
 * accepts its shape so that the key is known (no "did you mean"); a rule refuses it and never prints it.
 */
export const credential = z.unknown().optional();
