/**
 * Form limits read from the RxDB JSON schemas, so a form rejects what the store would reject,
 * with a message in the user's language, instead of failing on save with a validator error.
 */

interface JsonNode {
  properties?: Record<string, JsonNode>;
  items?: JsonNode;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
}

function nodeAt(schema: unknown, path: readonly string[]): JsonNode {
  let node = schema as JsonNode;
  for (const part of path) {
    const next = part === '[]' ? node.items : node.properties?.[part];
    if (next === undefined) throw new Error(`schema has no ${path.join('.')}`);
    node = next;
  }
  return node;
}

/** `maxLengthOf(siteSchema, 'remoteAccess', 'host')`; `[]` steps into array items. */
export function maxLengthOf(schema: unknown, ...path: string[]): number {
  const max = nodeAt(schema, path).maxLength;
  if (max === undefined) throw new Error(`schema sets no maxLength on ${path.join('.')}`);
  return max;
}

export function rangeOf(schema: unknown, ...path: string[]): { min: number; max: number } {
  const node = nodeAt(schema, path);
  return { min: node.minimum ?? 0, max: node.maximum ?? Number.MAX_SAFE_INTEGER };
}
