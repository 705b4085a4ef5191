/**
 * The message of anything thrown. Duck-typed rather than `instanceof Error`: errors made in another
 * realm (Node's core under Jest, a plugin's own VM context) are not instances of this realm's Error.
 */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return String(error);
}

/** `SyntaxError: …` style, without the stack: the plugin's internals do not help an operator. */
export function describeError(error: unknown): string {
  const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? `${name}: ${messageOf(error)}` : messageOf(error);
}

/** The Node.js error code (`ENOENT`, `EACCES`…), if any. */
export function errorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
