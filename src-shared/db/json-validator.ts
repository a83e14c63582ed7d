/**
 * A small JSON-schema validator for the subset the Fieldbook schemas use, compiled once per
 * schema into plain closures.
 *
 * Why not a library: ajv generates code with `new Function`, which the renderer's CSP (no
 * 'unsafe-eval') refuses; z-schema interprets the schema and re-checks every `pattern` for ReDoS
 * on every string it validates, which measured 0.4–2.4 ms per document (50,000 log entries
 * would spend 20–120 s validating). This compiles regular expressions once and validates a log
 * entry in microseconds, without code generation.
 *
 * Semantics follow ajv (which the server may use): lengths count Unicode code points, patterns
 * are compiled with the `u` flag, `integer` means a whole number. Unknown keywords are refused
 * when the schema is compiled, so a constraint is never silently ignored; annotation keywords
 * (titles, RxDB's `primaryKey`, `indexes`, `encrypted`, …) are skipped.
 */

export interface SchemaViolation {
  /** JSON pointer of the offending value, e.g. `/contacts/0/name`. */
  field: string;
  /** English, for logs and tests. */
  message: string;
  /** The schema keyword that failed (`maxLength`, `required`, …): what the UI translates. */
  keyword: string;
  /** The keyword's bound (a length, a minimum, an item count), where it has one. */
  limit?: number;
}

export type DocumentValidator = (value: unknown) => SchemaViolation[];

type Check = (value: unknown, path: string, out: SchemaViolation[]) => void;

interface SchemaNode {
  [keyword: string]: unknown;
}

const ANNOTATIONS = new Set([
  'title',
  'description',
  'default',
  'examples',
  'example',
  '$comment',
  // RxDB's keywords: storage metadata, not constraints.
  'version',
  'primaryKey',
  'indexes',
  'internalIndexes',
  'encrypted',
  'keyCompression',
  'final',
  'ref',
  'sharding',
  'attachments',
  'crdt',
]);

const HANDLED = new Set([
  'type',
  'enum',
  'const',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'properties',
  'required',
  'additionalProperties',
]);

export class SchemaCompileError extends Error {
  constructor(path: string, message: string) {
    super(`schema ${path || '/'}: ${message}`);
    this.name = 'SchemaCompileError';
  }
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    default:
      return false;
  }
}

function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return (
    ka.length === kb.length &&
    ka.every((k) => jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function num(node: SchemaNode, keyword: string, path: string): number | undefined {
  const v = node[keyword];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new SchemaCompileError(path, `${keyword} must be a number`);
  }
  return v;
}

function compileNode(schema: unknown, path: string): Check {
  if (schema === true || schema === undefined) return () => undefined;
  if (schema === false) {
    return (_v, p, out) => {
      out.push({ field: p, message: 'is not allowed', keyword: 'false' });
    };
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new SchemaCompileError(path, 'a schema must be an object or a boolean');
  }
  const node = schema as SchemaNode;
  for (const keyword of Object.keys(node)) {
    if (!HANDLED.has(keyword) && !ANNOTATIONS.has(keyword)) {
      throw new SchemaCompileError(path, `unsupported keyword "${keyword}"`);
    }
  }
  const checks: Check[] = [];

  const types =
    node.type === undefined ? undefined : Array.isArray(node.type) ? node.type : [node.type];
  if (types !== undefined) {
    const list = types as string[];
    checks.push((v, p, out) => {
      if (!list.some((t) => matchesType(v, t))) {
        out.push({
          field: p,
          message: `must be ${list.join(' or ')}, got ${typeOf(v)}`,
          keyword: 'type',
        });
      }
    });
  }
  if (node.enum !== undefined) {
    if (!Array.isArray(node.enum)) throw new SchemaCompileError(path, 'enum must be an array');
    const allowed = node.enum as unknown[];
    const primitives = new Set(allowed.filter((a) => typeof a !== 'object' || a === null));
    checks.push((v, p, out) => {
      if (!primitives.has(v) && !allowed.some((a) => jsonEqual(a, v))) {
        out.push({
          field: p,
          message: `must be one of ${JSON.stringify(allowed)}`,
          keyword: 'enum',
        });
      }
    });
  }
  if ('const' in node) {
    const expected = node.const;
    checks.push((v, p, out) => {
      if (!jsonEqual(v, expected))
        out.push({ field: p, message: `must be ${JSON.stringify(expected)}`, keyword: 'const' });
    });
  }

  // strings
  const minLength = num(node, 'minLength', path);
  const maxLength = num(node, 'maxLength', path);
  const pattern = node.pattern;
  let regex: RegExp | undefined;
  if (pattern !== undefined) {
    if (typeof pattern !== 'string') throw new SchemaCompileError(path, 'pattern must be a string');
    try {
      regex = new RegExp(pattern, 'u');
    } catch (err) {
      throw new SchemaCompileError(path, `invalid pattern: ${(err as Error).message}`);
    }
  }
  if (minLength !== undefined || maxLength !== undefined || regex !== undefined) {
    checks.push((v, p, out) => {
      if (typeof v !== 'string') return;
      // UTF-16 length bounds the code-point count from above: count only when it matters.
      if (maxLength !== undefined && v.length > maxLength && codePoints(v) > maxLength) {
        out.push({
          field: p,
          message: `must be at most ${maxLength} characters`,
          keyword: 'maxLength',
          limit: maxLength,
        });
      }
      if (minLength !== undefined && (v.length < minLength || codePoints(v) < minLength)) {
        out.push({
          field: p,
          message: `must be at least ${minLength} characters`,
          keyword: 'minLength',
          limit: minLength,
        });
      }
      if (regex !== undefined && !regex.test(v)) {
        out.push({
          field: p,
          message: `must match pattern ${pattern as string}`,
          keyword: 'pattern',
        });
      }
    });
  }

  // numbers
  const minimum = num(node, 'minimum', path);
  const maximum = num(node, 'maximum', path);
  const exclusiveMinimum = num(node, 'exclusiveMinimum', path);
  const exclusiveMaximum = num(node, 'exclusiveMaximum', path);
  const multipleOf = num(node, 'multipleOf', path);
  if (multipleOf !== undefined && multipleOf <= 0) {
    throw new SchemaCompileError(path, 'multipleOf must be positive');
  }
  if (
    [minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf].some((x) => x !== undefined)
  ) {
    checks.push((v, p, out) => {
      if (typeof v !== 'number') return;
      if (minimum !== undefined && v < minimum)
        out.push({ field: p, message: `must be ≥ ${minimum}`, keyword: 'minimum', limit: minimum });
      if (maximum !== undefined && v > maximum)
        out.push({ field: p, message: `must be ≤ ${maximum}`, keyword: 'maximum', limit: maximum });
      if (exclusiveMinimum !== undefined && v <= exclusiveMinimum) {
        out.push({
          field: p,
          message: `must be > ${exclusiveMinimum}`,
          keyword: 'exclusiveMinimum',
          limit: exclusiveMinimum,
        });
      }
      if (exclusiveMaximum !== undefined && v >= exclusiveMaximum) {
        out.push({
          field: p,
          message: `must be < ${exclusiveMaximum}`,
          keyword: 'exclusiveMaximum',
          limit: exclusiveMaximum,
        });
      }
      if (multipleOf !== undefined) {
        const q = v / multipleOf;
        // Decimal steps such as 0.01 are not exact in binary: allow rounding noise.
        if (Math.abs(q - Math.round(q)) > 1e-9 * Math.max(1, Math.abs(q))) {
          out.push({
            field: p,
            message: `must be a multiple of ${multipleOf}`,
            keyword: 'multipleOf',
            limit: multipleOf,
          });
        }
      }
    });
  }

  // arrays
  if (Array.isArray(node.items))
    throw new SchemaCompileError(path, 'tuple items are not supported');
  const items = node.items === undefined ? undefined : compileNode(node.items, `${path}/items`);
  const minItems = num(node, 'minItems', path);
  const maxItems = num(node, 'maxItems', path);
  const uniqueItems = node.uniqueItems === true;
  if (items !== undefined || minItems !== undefined || maxItems !== undefined || uniqueItems) {
    checks.push((v, p, out) => {
      if (!Array.isArray(v)) return;
      if (minItems !== undefined && v.length < minItems) {
        out.push({
          field: p,
          message: `must have at least ${minItems} items`,
          keyword: 'minItems',
          limit: minItems,
        });
      }
      if (maxItems !== undefined && v.length > maxItems) {
        out.push({
          field: p,
          message: `must have at most ${maxItems} items`,
          keyword: 'maxItems',
          limit: maxItems,
        });
      }
      if (uniqueItems) {
        outer: for (let i = 1; i < v.length; i++) {
          for (let j = 0; j < i; j++) {
            if (jsonEqual(v[i], v[j])) {
              out.push({
                field: p,
                message: `items ${j} and ${i} are identical`,
                keyword: 'uniqueItems',
              });
              break outer;
            }
          }
        }
      }
      if (items !== undefined) v.forEach((item, i) => items(item, pointer(p, i), out));
    });
  }

  // objects
  const properties = node.properties;
  if (properties !== undefined && (typeof properties !== 'object' || properties === null)) {
    throw new SchemaCompileError(path, 'properties must be an object');
  }
  const propertyChecks = new Map<string, Check>(
    Object.entries((properties ?? {}) as Record<string, unknown>).map(([key, sub]) => [
      key,
      compileNode(sub, pointer(`${path}/properties`, key)),
    ]),
  );
  const required = node.required;
  if (required !== undefined && !Array.isArray(required)) {
    throw new SchemaCompileError(path, 'required must be an array');
  }
  const requiredKeys = (required ?? []) as string[];
  const additional = node.additionalProperties;
  const additionalCheck =
    additional === undefined || additional === true
      ? undefined
      : compileNode(additional, `${path}/additionalProperties`);
  if (propertyChecks.size > 0 || requiredKeys.length > 0 || additionalCheck !== undefined) {
    checks.push((v, p, out) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
      const obj = v as Record<string, unknown>;
      for (const key of requiredKeys) {
        if (obj[key] === undefined)
          out.push({ field: pointer(p, key), message: 'is required', keyword: 'required' });
      }
      for (const key of Object.keys(obj)) {
        const value = obj[key];
        // JSON has no undefined: such a key is simply absent once stored.
        if (value === undefined) continue;
        const check = propertyChecks.get(key);
        if (check !== undefined) check(value, pointer(p, key), out);
        else if (additionalCheck !== undefined) {
          if (additional === false) {
            out.push({
              field: pointer(p, key),
              message: 'is not an allowed property',
              keyword: 'additionalProperties',
            });
          } else additionalCheck(value, pointer(p, key), out);
        }
      }
    });
  }

  return (v, p, out) => {
    for (const check of checks) check(v, p, out);
  };
}

/**
 * Compiles `schema` once; the returned function lists the violations of a value (empty when
 * valid). Throws SchemaCompileError for a schema using keywords outside the supported subset.
 */
export function compileJsonSchema(schema: object): DocumentValidator {
  const check = compileNode(schema, '');
  return (value) => {
    const out: SchemaViolation[] = [];
    check(value, '', out);
    return out;
  };
}
