export type FormField = "email" | "password" | "code";

/** What a server action answers to its form; success usually redirects instead. */
export type FormState =
  | { ok: false; error: string; field?: FormField; values?: { email?: string } }
  | { ok: true; message: string }
  | null;
