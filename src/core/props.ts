/**
 * Shared zod building blocks for props. Every object schema is strict (a typo is an error).
 */
import { z } from 'zod';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** RFC 1123 label: namespaces, most object names. */
export const dnsLabel = z
  .string()
  .max(63, { message: 'name is longer than 63 characters' })
  .regex(DNS_LABEL, { message: 'not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit)' });

/** RFC 1123 subdomain: StorageClass, CRD-ish names. Capped at 63 here because these names end up in labels. */
export const dnsName = z
  .string()
  .max(63, { message: 'name is longer than 63 characters' })
  .regex(DNS_SUBDOMAIN, { message: 'not a DNS-1123 name (lower-case letters, digits, "-" and ".")' });

export const imagePullPolicy = z.enum(['Always', 'IfNotPresent', 'Never']);

/** Kubernetes quantity, e.g. 500m, 4Gi, 1.5. */
export const quantity = z
  .string()
  .regex(/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?[0-9]+))?$/, { message: 'not a Kubernetes quantity (e.g. "500m", "4Gi")' });

export const resourceRequirements = z.strictObject({
  requests: z.record(z.string(), quantity).optional(),
  limits: z.record(z.string(), quantity).optional(),
});

export const toleration = z.strictObject({
  key: z.string().optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.number().int().optional(),
}).superRefine((t, ctx) => {
  // the API server's rules for tolerations (a negative tolerationSeconds would evict at once, silently)
  if (t.tolerationSeconds !== undefined && t.tolerationSeconds < 0) {
    ctx.addIssue({ code: 'custom', path: ['tolerationSeconds'], message: 'a negative tolerationSeconds means "evict at once" (Kubernetes treats it as 0), which is never what a toleration is for', params: { allowed: '0 or more seconds (or unset: tolerate forever)', fix: 'use the number of seconds the pod may stay on a tainted node, e.g. 300, or remove tolerationSeconds' } });
  }
  if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute') {
    ctx.addIssue({ code: 'custom', path: ['tolerationSeconds'], message: `tolerationSeconds only applies to the NoExecute effect; the API server refuses it with effect ${t.effect === undefined ? 'unset' : `"${t.effect}"`}`, params: { allowed: 'tolerationSeconds with effect: "NoExecute"', fix: 'set effect: "NoExecute", or remove tolerationSeconds' } });
  }
  if (t.operator === 'Exists' && t.value !== undefined && t.value !== '') {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'a toleration with operator "Exists" matches any value; the API server refuses a value with it', params: { allowed: 'no value with operator "Exists"', fix: 'remove value, or use operator: "Equal"' } });
  }
  if ((t.key === undefined || t.key === '') && t.operator !== 'Exists') {
    ctx.addIssue({ code: 'custom', path: ['operator'], message: 'a toleration without a key matches every taint and needs operator "Exists"; the API server refuses it otherwise', params: { allowed: 'operator: "Exists" when key is empty', fix: 'set key to the taint key, or set operator: "Exists" to tolerate every taint' } });
  }
});

/**
 * Kubernetes objects we pass through (affinity, topologySpreadConstraints, volumeClaimTemplates).
 * Their shape is checked by strict schema validation of the emitted object, which names the exact path.
 */
export const k8sObject = z.record(z.string(), z.unknown()).superRefine((o, ctx) => {
  // only JSON can become YAML: a Date, Map, function, symbol, bigint or NaN would crash the renderer or vanish
  const walk = (v: unknown, at: (string | number)[]): void => {
    if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) ctx.addIssue({ code: 'custom', path: at, message: `${v} is not a number YAML can carry`, params: { allowed: 'finite numbers', fix: 'use a finite number, or a string' } });
      return;
    }
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...at, i]));
    const proto = typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
    if (typeof v === 'object' && (proto === Object.prototype || proto === null)) {
      for (const k of Object.keys(v)) walk((v as any)[k], [...at, k]);
      return;
    }
    const what = typeof v === 'object' ? `an instance of ${(v as any).constructor?.name ?? 'a class'}` : `a ${typeof v}`;
    ctx.addIssue({ code: 'custom', path: at, message: `this is ${what}, not plain data; a Kubernetes object is made of strings, numbers, booleans, lists and maps`, params: { allowed: 'strings, finite numbers, booleans, arrays and plain objects', fix: typeof v === 'object' && v instanceof Date ? 'write the date as a string (date.toISOString())' : 'write the value as a string, number, list or map' } });
  };
  for (const k of Object.keys(o)) walk(o[k], [k]);
});

export const placement = z.strictObject({
  nodeAffinity: k8sObject.optional(),
  podAffinity: k8sObject.optional(),
  podAntiAffinity: k8sObject.optional(),
  tolerations: z.array(toleration).optional(),
  topologySpreadConstraints: z.array(k8sObject).optional(),
});

export const labels = z.record(z.string(), z.string());

/** Checks a Go (RE2) regular expression as far as JavaScript can: syntax errors are reported. */
export function isValidRegex(re: string): string | undefined {
  if (/\(\?[=!<]/.test(re)) return 'lookaround is not supported by Go regular expressions';
  if (/\\[1-9]/.test(re)) return 'backreferences are not supported by Go regular expressions';
  try {
    new RegExp(re);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export const goRegex = z.string().min(1).superRefine((s, ctx) => {
  const err = isValidRegex(s);
  if (err) ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${err}`, params: { allowed: 'a Go (RE2) regular expression, e.g. "^sd[b-d]$"', fix: 'fix the expression' } });
});
