/** JSON texts of bodies that are answered many times as they are (frozen cached pages). */
const textsOf = new WeakMap<object, string>();

/**
 * Marks `body` as answered many times unchanged: it is serialized once, here, and every reply
 * that sends this very object sends that text. The caller must never change `body` afterwards
 * (freeze it); a changed copy is a new object and is serialized as usual.
 */
export function serializedOnce<T extends object>(body: T): T {
  textsOf.set(body, JSON.stringify(body));
  return body;
}

/**
 * Fastify's reply serializer for every route: the remembered text of a body marked by
 * serializedOnce, else what Fastify would do itself (JSON.stringify; no route has a response
 * schema).
 */
export function serializeReply(payload: unknown): string {
  if (typeof payload === 'object' && payload !== null) {
    const text = textsOf.get(payload);
    if (text !== undefined) return text;
  }
  return JSON.stringify(payload);
}
