/**
 * Every TopoLVM line against its own upstream examples (topolvm-lines/v0.X.Z/deploy/): the lvmd.yaml we write for
 * the example's device classes, and the kube-scheduler extender entries we write, field by field
 * (test/upstream-compare.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { App } from 'cdk8s';
import * as YAML from 'yaml';
import { Site } from '../src/site/site';
import { renderSite } from '../src/pipeline/synth';
import { TopoLVM, TopoLVMProps } from '../src/topolvm/topolvm';
import { TOPOLVM_LINES, TopoLVMLine } from '../src/versions/topolvm-lines';
import { compare, printFieldReport, recordFields } from './upstream-compare';
import { describeWithUpstream, upstreamPath } from './helpers';

afterAll(() => printFieldReport('TopoLVM lines upstream'));

const semverMax = (a: string, b: string) => (Number(a.split('.')[1]) >= Number(b.split('.')[1]) ? a : b);
const kubernetesOf = (l: TopoLVMLine) => {
  const [a, b] = l.kubernetesMinors[1].split('.').map(Number);
  return b > 36 ? '1.36.0' : b < 16 ? '1.16.0' : `${a}.${b}.0`;
};

function build(l: TopoLVMLine, props: Partial<TopoLVMProps>, kubernetesVersion = kubernetesOf(l)): Map<string, string> {
  const site = new Site(new App(), 's', { kubernetesVersion: semverMax(kubernetesVersion, '1.16.0'), topolvmVersion: l.version });
  new TopoLVM(site, 'topolvm', { deviceClasses: [{ name: 'ssd', volumeGroup: 'vg1' }], ...props });
  return new Map(renderSite(site).files.map((f) => [f.path, f.content]));
}

/** lvmd device classes of an upstream lvmd.yaml, as TopoLVM props. */
function classesOf(doc: any): TopoLVMProps['deviceClasses'] {
  return doc['device-classes'].map((c: any) => ({
    name: c.name, volumeGroup: c['volume-group'], default: c.default, spareGb: c['spare-gb'],
    thinPool: c['thin-pool'] ? { name: c['thin-pool'].name, overprovisionRatio: c['thin-pool']['overprovision-ratio'] } : undefined,
  }));
}

describeWithUpstream('GIVEN every TopoLVM line with an lvmd.yaml example (v0.5+)', () => {
  const lines = TOPOLVM_LINES.filter((l) => l.deviceClassKeys.length > 0);

  test('THEN there are 37 of them (v0.5–v0.41)', () => {
    expect(lines.length).toBe(37);
  });

  test.each(lines.map((l) => [l.version, l] as const))('WHEN v%s writes lvmd.yaml for the example device classes (systemd) THEN every upstream field is equal', (_v, l) => {
    const file = upstreamPath('topolvm-lines', `v${l.version}`, 'deploy/lvmd-config/lvmd.yaml');
    const upstream = YAML.parse(fs.readFileSync(file, 'utf8'));
    const files = build(l, { deviceClasses: classesOf(upstream), lvmd: { mode: 'systemd', socketPath: upstream['socket-name'] }, scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true } });
    const c = compare(upstream, YAML.parse(files.get('host/lvmd/lvmd.yaml')!));
    expect(c.differences).toEqual([]);
    expect(c.equal).toBeGreaterThanOrEqual(5);
    recordFields(`v${l.version}/deploy/lvmd-config/lvmd.yaml`, c.equal);
  });
});

describeWithUpstream('GIVEN every TopoLVM line with its kube-scheduler examples', () => {
  /** The upstream example our config corresponds to: the same apiVersion (Policy file for the Policy API). */
  function upstreamFor(l: TopoLVMLine, ours: Map<string, string>): { file: string; extenders: unknown } | undefined {
    const dir = upstreamPath('topolvm-lines', `v${l.version}`, 'deploy/scheduler-config');
    const policy = ours.get('host/kube-scheduler/scheduler-policy.cfg');
    if (policy && l.schedulerConfigs.includes('scheduler-policy.cfg')) {
      return { file: 'scheduler-policy.cfg', extenders: JSON.parse(fs.readFileSync(path.join(dir, 'scheduler-policy.cfg'), 'utf8')).extenders };
    }
    const api = YAML.parse(ours.get('host/kube-scheduler/scheduler-config.yaml')!).apiVersion;
    for (const f of l.schedulerConfigs.filter((x) => x.endsWith('.yaml') && !x.includes('legacy'))) {
      const doc = YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      if (doc.apiVersion === api && doc.extenders) return { file: f, extenders: doc.extenders };
    }
    return undefined;
  }
  const compared: string[] = [];

  test.each(TOPOLVM_LINES.map((l) => [l.version, l] as const))('WHEN v%s writes the scheduler config for the extender THEN its extender entries equal the example of the same API', (_v, l) => {
    const props: Partial<TopoLVMProps> = { scheduling: { extenderDaemonSet: {} }, webhook: { certManager: true }, lvmd: { mode: 'systemd' } };
    let ours = build(l, props);
    let up = upstreamFor(l, ours);
    if (!up) {
      // the API of the line's own example, on the oldest Kubernetes of the line (where that API is still served)
      const dir = upstreamPath('topolvm-lines', `v${l.version}`, 'deploy/scheduler-config');
      const example = l.schedulerConfigs.filter((x) => x.endsWith('.yaml') && !x.includes('legacy')).map((f) => YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8')))
        .find((d) => d.extenders);
      const api = example?.apiVersion?.split('/')[1];
      // a Kubernetes minor of the line that serves the example's API (the build refuses the others)
      const [lo, hi] = l.kubernetesMinors.map((m) => Number(m.split('.')[1]));
      for (let m = hi; api && !up && m >= lo; m--) {
        try {
          ours = build(l, { ...props, schedulerConfigApiVersion: api }, `1.${m}.0`);
        } catch {
          continue;
        }
        up = upstreamFor(l, ours);
      }
    }
    if (!up) throw new Error(`v${l.version}: no upstream kube-scheduler example with extenders for any Kubernetes minor the line serves`);
    const policy = ours.get('host/kube-scheduler/scheduler-policy.cfg');
    const mine = up.file === 'scheduler-policy.cfg' ? JSON.parse(policy!).extenders : YAML.parse(ours.get('host/kube-scheduler/scheduler-config.yaml')!).extenders;
    const c = compare(up.extenders, mine);
    expect(c.differences).toEqual([]);
    expect(c.equal).toBeGreaterThan(0);
    recordFields(`v${l.version}/deploy/scheduler-config/${up.file}`, c.equal);
    compared.push(l.version);
  });

  test('THEN every line was compared (each on a Kubernetes minor that serves its example API)', () => {
    console.log(`scheduler examples compared: ${compared.join(', ')}`);
    expect(compared.length).toBe(TOPOLVM_LINES.length);
  });
});
