/**
 * Shared zod building blocks for props. Every object schema is strict (a typo is an error).
 */
import { z } from 'zod';
import {
  dns1123SubdomainProblem, IMAGE_ALLOWED, imageProblem, INT32_MAX, INT32_MIN, invisibleCharacter, LABEL_KEY_ALLOWED, LABEL_VALUE_ALLOWED,
  labelKeyProblem, labelValueProblem, annotationsSize, ANNOTATIONS_MAX_BYTES, stripInvisible, suggestName,
} from './k8s-rules';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Refuses control and invisible characters (NUL, newline, zero-width space, bidi marks, BOM), naming the character;
 * later checks of the same string do not run, so the message is about the character, not the alphabet.
 */
export function visibleString(what: string, allowed: string): z.ZodString {
  return z.string().check(z.superRefine((s: string, ctx) => {
    const c = invisibleCharacter(s);
    if (c) {
      ctx.addIssue({
        code: 'custom', message: `${what} contains the invisible character ${c}`, input: s, continue: false,
        params: { allowed, fix: `remove the character (often pasted along): ${JSON.stringify(stripInvisible(s))}` },
      });
    }
  }));
}

/** RFC 1123 label: namespaces, most object names. */
export const dnsLabel = visibleString('the name', 'lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters')
  .max(63, { message: 'name is longer than 63 characters' })
  .regex(DNS_LABEL, { message: 'not a DNS-1123 label (lower-case letters, digits and "-", starting and ending with a letter or digit)' });

/** RFC 1123 subdomain: StorageClass, CRD-ish names. Capped at 63 here because these names end up in labels. */
export const dnsName = visibleString('the name', 'lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 63 characters')
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

/** Operators of a node selector requirement (core/v1 NodeSelectorRequirement, validated by the API server). */
export const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const;

/**
 * A node affinity object (passed through), with the API server's rules for its node selector requirements
 * (`matchExpressions` / `matchFields` of the required terms and of the preferred terms' `preference`): a known operator;
 * In / NotIn with values, Exists / DoesNotExist without; Gt / Lt with exactly one integer value.
 */
export const nodeAffinity = k8sObject.superRefine((o, ctx) => {
  const checkTerm = (term: unknown, at: (string | number)[]) => {
    if (!term || typeof term !== 'object') return;
    for (const list of ['matchExpressions', 'matchFields'] as const) {
      const reqs = (term as any)[list];
      if (!Array.isArray(reqs)) continue;
      reqs.forEach((r: any, i: number) => {
        if (!r || typeof r !== 'object') return;
        const path = [...at, list, i];
        const op = r.operator;
        const values: unknown[] | undefined = Array.isArray(r.values) ? r.values : undefined;
        if (typeof op !== 'string' || !(NODE_SELECTOR_OPERATORS as readonly string[]).includes(op)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'operator'], message: `node selector operator ${JSON.stringify(op)} is not one the API server knows`, input: op, params: { allowed: NODE_SELECTOR_OPERATORS.join(', '), fix: 'use In or NotIn with values, Exists or DoesNotExist without values, or Gt / Lt with one integer value' } });
        } else if ((op === 'In' || op === 'NotIn') && (values === undefined || values.length === 0)) {
          ctx.addIssue({ code: 'custom', path: [...path, 'values'], message: `operator ${op} needs at least one value; the API server refuses it without`, params: { allowed: 'one or more values', fix: 'list the label values to match, or use Exists / DoesNotExist' } });
        } else if ((op === 'Exists' || op === 'DoesNotExist') && values !== undefined && values.length > 0) {
          ctx.addIssue({ code: 'custom', path: [...path, 'values'], message: `operator ${op} takes no values; the API server refuses them`, params: { allowed: 'no values', fix: 'remove values, or use In / NotIn' } });
        } else if ((op === 'Gt' || op === 'Lt') && (values === undefined || values.length !== 1 || typeof values[0] !== 'string' || !/^-?[0-9]+$/.test(values[0]))) {
          ctx.addIssue({ code: 'custom', path: [...path, 'values'], message: `operator ${op} needs exactly one value, an integer as a string; the API server refuses anything else`, params: { allowed: 'one integer value, e.g. ["3"]', fix: 'give one integer value' } });
        }
      });
    }
  };
  const req = (o as any).requiredDuringSchedulingIgnoredDuringExecution;
  if (req && typeof req === 'object' && Array.isArray(req.nodeSelectorTerms)) {
    req.nodeSelectorTerms.forEach((t: unknown, i: number) => checkTerm(t, ['requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms', i]));
  }
  const pref = (o as any).preferredDuringSchedulingIgnoredDuringExecution;
  if (Array.isArray(pref)) pref.forEach((p: any, i: number) => checkTerm(p?.preference, ['preferredDuringSchedulingIgnoredDuringExecution', i, 'preference']));
});

export const placement = z.strictObject({
  nodeAffinity: nodeAffinity.optional(),
  podAffinity: k8sObject.optional(),
  podAntiAffinity: k8sObject.optional(),
  tolerations: z.array(toleration).optional(),
  topologySpreadConstraints: z.array(k8sObject).optional(),
});

/**
 * Labels (and node selectors, pod labels): keys and values checked as the API server checks them, which the schemas
 * do not (see k8s-rules.ts). A bad key or value is named with the fix.
 */
export const labels = z.record(z.string(), z.string()).superRefine((m, ctx) => {
  for (const [k, v] of Object.entries(m)) {
    const kp = labelKeyProblem(k);
    if (kp) {
      ctx.addIssue({
        code: 'custom', path: [k], message: `key ${JSON.stringify(k)} is not a valid label key: it ${kp}`,
        params: { value: k, allowed: LABEL_KEY_ALLOWED, fix: `rename the key, e.g. ${JSON.stringify(suggestLabelKey(k))}` },
      });
    }
    const vp = labelValueProblem(v);
    if (vp) {
      ctx.addIssue({
        code: 'custom', path: [k], message: `value of label ${JSON.stringify(k)} is not a valid label value: it ${vp}`,
        params: { allowed: LABEL_VALUE_ALLOWED, fix: `use a value like ${JSON.stringify(suggestLabelValue(v))} (names and other text belong in annotations)` },
      });
    }
  }
});

/** A map keyed by node-label keys (e.g. node affinity: label key -> allowed values); keys checked like label keys. */
export function labelKeyedRecord<V extends z.ZodType>(value: V) {
  return z.record(z.string().min(1), value).superRefine((m, ctx) => {
    for (const k of Object.keys(m)) {
      const kp = labelKeyProblem(k);
      if (kp) {
        ctx.addIssue({
          code: 'custom', path: [k], message: `key ${JSON.stringify(k)} is not a valid label key: it ${kp}`,
          params: { value: k, allowed: LABEL_KEY_ALLOWED, fix: `use the node label key, e.g. ${JSON.stringify(suggestLabelKey(k))}` },
        });
      }
    }
  });
}

/** Node labels a pod must match (`nodeSelector`): the rules of {@link labels}. */
export const nodeSelector = labels;

/** Annotations: keys like label keys, any values, all keys and values together at most 256 KiB. */
export const annotations = z.record(z.string(), z.string()).superRefine((m, ctx) => {
  for (const k of Object.keys(m)) {
    const kp = labelKeyProblem(k.toLowerCase());
    if (kp) {
      ctx.addIssue({
        code: 'custom', path: [k], message: `key ${JSON.stringify(k)} is not a valid annotation key: it ${kp}`,
        params: { value: k, allowed: LABEL_KEY_ALLOWED, fix: `rename the key, e.g. ${JSON.stringify(suggestLabelKey(k))}` },
      });
    }
  }
  const size = annotationsSize(m);
  if (size > ANNOTATIONS_MAX_BYTES) {
    ctx.addIssue({
      code: 'custom', message: `annotations take ${size} bytes; the API server refuses more than ${ANNOTATIONS_MAX_BYTES} (256 KiB) per object`,
      params: { value: `${size} bytes`, allowed: 'keys and values of all annotations together <= 262144 bytes', fix: 'move large data to a ConfigMap and keep annotations short' },
    });
  }
});

function suggestLabelValue(v: string): string {
  return stripInvisible(v).replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 63).replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

function suggestLabelKey(k: string): string {
  const slash = k.lastIndexOf('/');
  const prefix = slash >= 0 ? suggestName(k.slice(0, slash), 'dns1123-subdomain') : undefined;
  const name = suggestLabelValue(slash >= 0 ? k.slice(slash + 1) : k) || 'key';
  return prefix ? `${prefix}/${name}` : name;
}

/** Kubernetes node name (`kubernetes.io/hostname`): a DNS-1123 subdomain of at most 253 characters. */
export const nodeName = visibleString('the node name', 'a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", at most 253 characters').superRefine((s, ctx) => {
  const p = dns1123SubdomainProblem(s);
  if (p) {
    ctx.addIssue({
      code: 'custom', message: `node name ${p}`,
      params: { allowed: 'a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters (the name `kubectl get nodes` shows)', fix: `use the node's name as Kubernetes has it, e.g. ${JSON.stringify(suggestName(s, 'dns1123-subdomain'))}` },
    });
  }
});

/** A container image reference the kubelet can pull: no spaces or invisible characters, lower-case repository, valid tag/digest. */
export const image = z.string().superRefine((s, ctx) => {
  const p = imageProblem(s);
  if (p) ctx.addIssue({ code: 'custom', message: `image reference ${p}`, params: { allowed: IMAGE_ALLOWED, fix: 'correct the image reference (copy it from the registry)' } });
});

/** An integer the API server stores as int32 (replicas, ports, counts): at most 2147483647. */
export const int32 = z.number().int().min(INT32_MIN).max(INT32_MAX, { message: `larger than ${INT32_MAX}, the largest int32 the API server stores` });

/** A host path string with no control or invisible characters (the absolute-path check is the caller's). */
export const hostPath = visibleString('the path', 'an absolute path of visible characters, e.g. "/var/lib/rook"');

/** A label value (e.g. a rack or zone name that becomes a node label value). */
export const labelValue = z.string().superRefine((v, ctx) => {
  const vp = labelValueProblem(v);
  if (vp) ctx.addIssue({ code: 'custom', message: `not a valid label value: it ${vp}`, params: { allowed: LABEL_VALUE_ALLOWED, fix: `use a value like ${JSON.stringify(suggestLabelValue(v))}` } });
});

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

/** An image tag alone (Helm `image.tag`): <= 128 letters, digits, "_", "." and "-", not starting with "." or "-". */
export const imageTag = z.string().regex(/^[\w][\w.-]{0,127}$/, { message: 'not an image tag (<= 128 letters, digits, "_", "." and "-", not starting with "." or "-")' });
