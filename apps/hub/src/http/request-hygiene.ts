import { BadRequestException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { FieldProblem } from './problem-details.filter';

/** Deepest nesting of objects and arrays a JSON body may have (real payloads use fewer than 10). */
export const MAX_JSON_DEPTH = 64;

/**
 * Keys that reach `Object.prototype` or a constructor when code copies or merges objects
 * (`obj[key] = …`, `Object.assign`, class-transformer). No setting or field of the hub is called
 * so, so they are refused wherever they appear instead of being dropped silently.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Refuses, before any route, validation or database sees them: a NUL character in the path, the
 * query or any string or key of a JSON body (PostgreSQL refuses it in text — a 500 — while SQLite
 * keeps it, so the two databases would answer differently); JSON nested deeper than
 * {@link MAX_JSON_DEPTH} (recursive validators overflow the stack on 10,000 levels); and
 * prototype-polluting keys. Every problem is named in `errors`, and nothing is changed.
 */
export function requestHygiene(req: Request, _res: Response, next: NextFunction): void {
  const problems = [...urlProblems(req.originalUrl ?? req.url), ...bodyProblems(req.body)];
  if (problems.length === 0) return next();
  next(new BadRequestException({ message: 'The request has invalid fields (see errors)', errors: problems.slice(0, 20) }));
}

/** NUL characters in the path or the query (sent as `%00`; a raw NUL never passes Node's parser). */
export function urlProblems(url: string): FieldProblem[] {
  const [path, query] = splitOnce(url, '?');
  const problems: FieldProblem[] = [];
  if (/%00/.test(path)) problems.push({ field: 'path', message: 'must not contain a NUL character (%00)' });
  for (const part of query.split('&')) {
    if (!/%00/.test(part)) continue;
    const [rawName] = splitOnce(part, '=');
    problems.push(
      /%00/.test(rawName)
        ? { field: 'query', message: 'a parameter name must not contain a NUL character (%00)' }
        : { field: `query.${safeDecode(rawName)}`, message: 'must not contain a NUL character (%00)' },
    );
  }
  return problems;
}

/**
 * Walks a parsed JSON body without recursion (the point is to survive hostile depth), naming each
 * problem by its path: `config.auth.__proto__`, `objects[0].name`.
 */
export function bodyProblems(body: unknown): FieldProblem[] {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' && body.includes('\0') ? [nul('body')] : [];
  const problems: FieldProblem[] = [];
  // Breadth first with a moving index: no recursion, no O(n²) shift, problems in document order.
  const queue: { value: unknown; path: string; depth: number }[] = [{ value: body, path: '', depth: 1 }];
  for (let i = 0; i < queue.length && problems.length < 20; i++) {
    const { value, path, depth } = queue[i] as (typeof queue)[number];
    if (typeof value === 'string') {
      if (value.includes('\0')) problems.push(nul(path || 'body'));
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth > MAX_JSON_DEPTH) {
      problems.push({ field: path || 'body', message: `is nested deeper than ${MAX_JSON_DEPTH} levels` });
      break; // one report is enough; the rest of a hostile body is not worth walking
    }
    if (Array.isArray(value)) {
      value.forEach((child, index) => queue.push({ value: child, path: `${path}[${index}]`, depth: depth + 1 }));
      continue;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = path ? `${path}.${printable(key)}` : printable(key);
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ field: childPath, message: `'${key}' is not allowed as a key (no setting or field has this name)` });
      } else if (key.includes('\0')) {
        problems.push({ field: childPath, message: 'a key must not contain a NUL character (\\u0000)' });
      }
      queue.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return problems;
}

function nul(field: string): FieldProblem {
  return { field, message: 'must not contain a NUL character (\\u0000)' };
}

function printable(key: string): string {
  return key.replace(/\0/g, '\\u0000');
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
