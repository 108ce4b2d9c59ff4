/**
 * Prisma's `contains` becomes SQL LIKE '%…%' without escaping, so a typed "_" or "%" would
 * match any character(s). Escaped with PostgreSQL's default LIKE escape, the backslash,
 * every character of a search is taken literally.
 */
export function literalContains(text: string): { contains: string } {
  return { contains: text.replace(/[\\%_]/g, (character) => `\\${character}`) };
}
