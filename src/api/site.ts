/**
 * A site as a harness target: the harness tests any relying party through its own pages. The file
 * names the page, how a person starts a registration and a sign-in there (fields to fill, buttons to
 * click, or a small script), and how the site's answer shows. The harness drives the page in the lab
 * browser with a virtual authenticator, captures each ceremony with the site's own HTTP exchange (the
 * inspection of src/rp/inspect), and judges the site's answer: it accepted, or it refused.
 *
 * In actions and values, `{user}` is the scenario's user (unique per scenario and run) and `{email}`
 * an address made of it (`{user}@example.test`).
 */
import { z } from 'zod';

const SITE_FORMAT = 'passkey-explorer.site';

const selector = z.string().min(1).max(500);

/** One thing a person does on the page. Each waits for its element (up to the site's timeout). */
const siteAction = z.union([
  /** Opens a URL (absolute, or relative to the site's url). */
  z.object({ goto: z.string().min(1).max(2048) }).strict(),
  /** Types a value into a field (focused, emptied, then typed, as a person does: frameworks see input events). */
  z.object({ fill: selector, value: z.string().max(500) }).strict(),
  /** Clicks the element's centre with the mouse (a user gesture, as WebAuthn may ask). */
  z.object({ click: selector }).strict(),
  /** Waits until the element is in the page. */
  z.object({ waitFor: selector }).strict(),
  /** Runs a script in the page (an expression or a promise: awaited, with a user gesture). */
  z.object({ eval: z.string().min(1).max(4000) }).strict(),
]);
export type SiteAction = z.output<typeof siteAction>;

export const siteSchema = z
  .object({
    /** The page the steps start from (http: or https:). Opened before every ceremony step. */
    url: z
      .string()
      .max(2048)
      .refine((u) => /^https?:\/\//i.test(u) && URL.canParse(u), 'an http: or https: URL'),
    /** What a person does to register a passkey (create() is called by the page). */
    register: z.array(siteAction).min(1).max(30),
    /** What a person does to sign in with one (get() is called by the page). */
    authenticate: z.array(siteAction).min(1).max(30),
    /**
     * How the site's answer shows. `response` (the default): the site's answer to the request that
     * carried the credential — a 4xx/5xx, or a JSON body saying verified/ok/success false or an error,
     * is a refusal. `selector` / `url`: an element that appears, or a URL the page goes to, on success,
     * with `failureSelector` for what shows on refusal.
     */
    success: z
      .object({
        response: z.literal(true).optional(),
        selector: selector.optional(),
        url: z.string().max(2048).optional(),
        failureSelector: selector.optional(),
      })
      .strict()
      .default({ response: true }),
    /** How long a step may take, from the first action to the site's answer (ms). */
    timeoutMs: z.number().int().min(1_000).max(120_000).default(20_000),
  })
  .strict();
export type Site = z.output<typeof siteSchema>;

/** A file that names only a site (`harness --target site:<file>`), to run any suite against it. */
export const siteFileSchema = siteSchema.extend({ format: z.literal(SITE_FORMAT), version: z.literal(1) }).strict();
