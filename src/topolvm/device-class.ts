/**
 * lvmd device classes: one volume group (or thin pool) each, chosen by StorageClasses through the
 * `<domain>/device-class` parameter. Rendered into lvmd.yaml (v0.5.0+) or into lvmd flags (older releases).
 */
import { stringifyKubeYaml } from '../foundation/kube-yaml';
import { z } from 'zod';
import { ConfigProblem } from '../foundation/errors';
import { dnsName } from '../foundation/props';
import { hasFeature, requireFeature, VersionSet } from '../versions';
import { PropsMatch } from '../foundation/props-check';

/** LVM's rules for volume group and logical volume names (lvm(8) "VALID NAMES"). */
function lvmName(kind: string) {
  return z.string().min(1).superRefine((s, ctx) => {
    const why = !/^[A-Za-z0-9+_.-]+$/.test(s) ? 'LVM allows only letters, digits and "+", "_", ".", "-" in names'
      : s.startsWith('-') ? 'LVM names may not start with "-" (lvcreate would read it as an option)'
        : s === '.' || s === '..' ? 'LVM refuses "." and ".." as names'
          : s.length > 127 ? `the name has ${s.length} characters; LVM allows at most 127` : undefined;
    if (why) ctx.addIssue({ code: 'custom', message: `not an LVM ${kind} name: ${why}`, params: { allowed: 'letters, digits, "+", "_", ".", "-"; not starting with "-"; not "." or ".."; at most 127 characters', fix: `use the ${kind} name as \`${kind === 'volume group' ? 'vgs' : 'lvs'}\` prints it on the node` } });
  });
}

export const deviceClassSchema = z.strictObject({
  name: dnsName,
  volumeGroup: lvmName('volume group'),
  default: z.boolean().optional(),
  spareGb: z.number().int().min(0).optional(),
  stripe: z.number().int().min(2).optional(),
  stripeSize: z.string().min(1).optional(),
  lvcreateOptions: z.array(z.string().min(1)).optional(),
  thinPool: z.strictObject({
    name: lvmName('thin pool'),
    overprovisionRatio: z.number().min(1),
  }).optional(),
}).superRefine((c, ctx) => {
  if (c.stripe !== undefined && c.lvcreateOptions && c.lvcreateOptions.length > 0) {
    ctx.addIssue({ code: 'custom', path: ['lvcreateOptions'], message: 'lvmd rejects stripe together with lvcreateOptions', params: { allowed: 'either stripe (+ stripeSize) or lvcreateOptions', fix: 'move the striping into lvcreateOptions (e.g. "--stripes=2") or drop lvcreateOptions' } });
  }
  if (c.stripeSize !== undefined && c.stripe === undefined) {
    ctx.addIssue({ code: 'custom', path: ['stripeSize'], message: 'stripeSize needs stripe', params: { allowed: 'stripe: <n> with stripeSize', fix: 'set stripe or remove stripeSize' } });
  }
});

/** A thin pool of the volume group that a device class creates its LVs in. */
export interface TopoLVMThinPoolProps {
  /** Name of the thin pool LV in the volume group. */
  readonly name: string;
  /** How far the thin pool may be over-provisioned, at least 1. */
  readonly overprovisionRatio: number;
}

/** An lvmd device class: one volume group (or thin pool), chosen by StorageClasses with `deviceClass`. */
export interface TopoLVMDeviceClassProps {
  /** Class name, which StorageClasses name in `deviceClass` (DNS-1123 name). */
  readonly name: string;
  /** LVM volume group on the nodes. */
  readonly volumeGroup: string;
  /** The class of StorageClasses that name none; exactly one class is default. @default - true when it is the only class */
  readonly default?: boolean;
  /** GiB kept free in the volume group. @default - lvmd's default (10) */
  readonly spareGb?: number;
  /** Stripes of each LV, at least 2. Not with lvcreateOptions. @default - no striping */
  readonly stripe?: number;
  /** Stripe size, e.g. "64" (KiB) or "4k"; needs stripe. @default - LVM's default */
  readonly stripeSize?: string;
  /** Extra `lvcreate` options, e.g. ["--type=raid1"]. Not with stripe. @default - none */
  readonly lvcreateOptions?: string[];
  /** Create the LVs in this thin pool (thin provisioning). @default - thick LVs */
  readonly thinPool?: TopoLVMThinPoolProps;
}
/** A device class of {@link TopoLVMProps.deviceClasses}; the same as {@link TopoLVMDeviceClassProps}. */
export type DeviceClass = TopoLVMDeviceClassProps;
const _topolvmDeviceClassProps: PropsMatch<TopoLVMDeviceClassProps, z.input<typeof deviceClassSchema>> = true;
export type DeviceClassConfig = z.output<typeof deviceClassSchema>;

/** Problems of a device class list (duplicates, defaults, version gates). */
export function deviceClassProblems(path: string, classes: readonly DeviceClassConfig[], versions: VersionSet): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const names = classes.map((c) => c.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) out.push({ path: `${path}: deviceClasses`, problem: `device class "${dup}" is listed twice`, value: dup, allowed: 'unique class names', fix: 'rename or remove one of them' });
  const defaults = classes.filter((c) => c.default === true);
  if (defaults.length > 1) {
    out.push({
      path: `${path}: deviceClasses`,
      problem: `${defaults.length} device classes are marked default (${defaults.map((d) => d.name).join(', ')}); lvmd refuses to start with more than one default`,
      value: defaults.map((d) => d.name),
      allowed: 'exactly one class with default: true',
      fix: `keep default: true on one class only (e.g. "${defaults[0].name}")`,
    });
  }
  if (classes.length > 1 && defaults.length === 0) {
    out.push({ path: `${path}: deviceClasses`, problem: 'several device classes but none is default; StorageClasses without a deviceClass would fail', value: names, allowed: 'exactly one class with default: true', fix: `set default: true on one class (e.g. "${names[0]}")` });
  }
  if (!hasFeature(versions, 'topolvmDeviceClasses')) {
    const flagsOnly = (c: DeviceClassConfig) => c.stripe === undefined && c.stripeSize === undefined && !c.lvcreateOptions && !c.thinPool;
    if (classes.length > 1 || !classes.every(flagsOnly)) {
      try {
        requireFeature(versions, 'topolvmDeviceClasses', `${path}: deviceClasses`, 'on this version declare exactly one class with only name, volumeGroup and spareGb (it becomes lvmd --volume-group/--spare)');
      } catch (e) {
        out.push(...((e as any).problems as ConfigProblem[]));
      }
    }
  }
  classes.forEach((c, i) => {
    const gate = (feature: 'topolvmStripe' | 'topolvmLvcreateOptions' | 'topolvmSnapshots', field: string) => {
      try {
        requireFeature(versions, feature, `${path}: deviceClasses[${i}].${field}`);
      } catch (e) {
        out.push(...((e as any).problems as ConfigProblem[]));
      }
    };
    if (hasFeature(versions, 'topolvmDeviceClasses')) {
      if (c.stripe !== undefined) gate('topolvmStripe', 'stripe');
      if (c.lvcreateOptions) gate('topolvmLvcreateOptions', 'lvcreateOptions');
      if (c.thinPool) gate('topolvmSnapshots', 'thinPool');
    }
  });
  return out;
}

/** The class StorageClasses get when they name none. */
export function defaultDeviceClass(classes: readonly DeviceClassConfig[]): DeviceClassConfig {
  return classes.find((c) => c.default === true) ?? classes[0];
}

/** lvmd.yaml contents (v0.5.0+). `socketName` is omitted in embedded mode. */
export function lvmdYaml(classes: readonly DeviceClassConfig[], socketName?: string): string {
  const only = classes.length === 1;
  const doc = {
    'socket-name': socketName,
    'device-classes': classes.map((c) => ({
      'name': c.name,
      'volume-group': c.volumeGroup,
      'default': c.default ?? (only ? true : undefined),
      'spare-gb': c.spareGb,
      'stripe': c.stripe,
      'stripe-size': c.stripeSize,
      'lvcreate-options': c.lvcreateOptions,
      'type': c.thinPool ? 'thin' : undefined,
      'thin-pool': c.thinPool ? { 'name': c.thinPool.name, 'overprovision-ratio': c.thinPool.overprovisionRatio } : undefined,
    })),
  };
  return stringifyKubeYaml(JSON.parse(JSON.stringify(doc)), { lineWidth: 0 });
}

/** lvmd command-line flags for releases before device classes (one volume group). */
export function lvmdLegacyFlags(c: DeviceClassConfig, socketName: string): string[] {
  return [`--volume-group=${c.volumeGroup}`, `--listen=${socketName}`, ...(c.spareGb !== undefined ? [`--spare=${c.spareGb}`] : [])];
}
