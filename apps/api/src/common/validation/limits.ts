/** PostgreSQL `integer` bounds: larger numbers would make the query fail instead of a clean 400. */
export const INT4_MAX = 2_147_483_647;
export const INT4_MIN = -2_147_483_648;

/** Longest search text accepted by list endpoints. */
export const SEARCH_MAX_LENGTH = 100;
