/**
 * Escapes LIKE/ILIKE wildcards so user input is matched literally: without it a search for `50%`
 * or `a_b` would match far more than typed. Backslash is PostgreSQL's default escape character,
 * and queries using the result also say `ESCAPE '\'` so they do not depend on that default.
 */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** An ILIKE pattern matching values that contain `text` anywhere, literally. */
export function containsPattern(text: string): string {
  return `%${escapeLikePattern(text)}%`;
}
