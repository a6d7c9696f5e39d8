/** Small pure helpers on manifest objects, shared by synth, the import tool and constructs. */

/** Drops null and undefined values at every depth (we never emit `null`). */
export function stripNulls(v: any): any {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(stripNulls);
  if (v && typeof v === 'object') {
    const out: any = {};
    for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = stripNulls(x);
    return out;
  }
  return v;
}

/**
 * Removes every string-valued `description` key, recursively: the prose of upstream schemas. A property that is
 * literally named "description" keeps its (object-valued) schema.
 */
export function stripDescriptions(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripDescriptions);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'description' && typeof x === 'string') continue;
      out[k] = stripDescriptions(x);
    }
    return out;
  }
  return v;
}
