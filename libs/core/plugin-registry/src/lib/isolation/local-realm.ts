/**
 * Messages from a worker are deserialised in Node.js's main context. The hub's code normally runs
 * there too, but under Jest it runs in a vm context of its own, where such objects have a foreign
 * `Object.prototype`: code that tells plain objects by their prototype (a redactor walking
 * `details`, a deep-equality check) would then treat them as something else. So a message whose
 * prototype is not this context's is copied into this context. Outside Jest the first check is
 * always true and nothing is copied.
 */
export function inLocalRealm<T>(message: T): T {
  if (typeof message !== 'object' || message === null || Object.getPrototypeOf(message) === Object.prototype) return message;
  return copy(message) as T;
}

function copy(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copy);
  const prototype = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  const name = prototype?.constructor?.name;
  if (name === 'Date') return new Date((value as Date).getTime());
  if (prototype !== null && name !== 'Object') return value; // a Map, a typed array…: kept as cloned
  const local: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) local[key] = copy(inner);
  return local;
}
