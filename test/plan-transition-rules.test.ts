/**
 * Rook 1.20's CRDs refuse some updates by transition rules (`x-kubernetes-validations` on `oldSelf`, e.g.
 * `self == oldSelf`): the Argo CD / Flux sync then fails in the cluster. GIVEN the committed dist/ WHEN a site
 * changes such a field THEN `plan` classes it immutable with the rule's message (exit 2 until allowed, with a
 * strategy) and synth warns.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, JsonPatch } from 'cdk8s';
import { IConstruct } from 'constructs';
import { CephClient, RookCluster, Site } from '../src';
import { dc1Local } from '../src/sites/dc1-local';
import { synthApp } from '../src/pipeline/synth';
import { planApp } from '../src/pipeline/plan';
import { renderText } from '../src/pipeline/plan-report';
import { Validator } from '../src/validation/validator';
import { UPSTREAM } from './helpers';

const DIST = path.resolve(__dirname, '../dist');

function objectOf(site: IConstruct, kind: string, name: string): ApiObject {
  const o = site.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === kind && c.name === name);
  if (!o) throw new Error(`no ${kind} ${name}`);
  return o;
}

function dc1(change: (site: Site) => void): App {
  const app = new App();
  change(dc1Local(app));
  return app;
}

describe('GIVEN the committed dc1-local site (Rook 1.20.6)', () => {
  test.each([
    ['the CephCluster dataDirHostPath', 'CephCluster', 'rook-ceph', '/spec/dataDirHostPath', '/var/lib/rook-new', 'spec.dataDirHostPath', 'DataDirHostPath is immutable'],
    ['a CephBlockPoolRadosNamespace blockPoolName', 'CephBlockPoolRadosNamespace', 'tenant-b', '/spec/blockPoolName', 'other-pool', 'spec.blockPoolName', 'blockPoolName is immutable'],
    ['a CephFilesystemSubVolumeGroup filesystemName', 'CephFilesystemSubVolumeGroup', 'team-a', '/spec/filesystemName', 'otherfs', 'spec.filesystemName', 'filesystemName is immutable'],
  ])('WHEN %s changes THEN the plan says the CRD refuses the update, with the rule\'s message, and exits 2', (_what, kind, name, pointer, value, field, message) => {
    const p = planApp(dc1((s) => objectOf(s, kind, name).addJsonPatch(JsonPatch.replace(pointer, value))), { distDir: DIST, upstreamDir: UPSTREAM });
    const c = p.sites[0].changes.find((x) => x.kind === kind && x.name === name)!;
    expect(c).toMatchObject({ class: 'immutable', op: 'changed', path: field, after: value, needsAllow: true });
    expect(c.why).toContain(`the CRD refuses the update: "${message}" (x-kubernetes-validations rule \`self == oldSelf\` at ${field})`);
    expect(p.exitCode).toBe(2);
    expect(renderText(p)).toMatch(new RegExp(`IMMUTABLE {2}${kind} [^\\n]*${name} {2}${field.replace(/\./g, '\\.')}`));
  });

  test('WHEN the change is acknowledged with a strategy THEN the plan passes (the allow mechanism applies)', () => {
    const p = planApp(dc1((s) => {
      objectOf(s, 'CephFilesystemSubVolumeGroup', 'team-a').addJsonPatch(JsonPatch.replace('/spec/filesystemName', 'otherfs'));
      s.allowChange({ kind: 'CephFilesystemSubVolumeGroup', name: 'team-a', reason: 'team-a moves to the new filesystem (TICKET-7)', strategy: 'argocd-replace' });
    }), { distDir: DIST, upstreamDir: UPSTREAM });
    const c = p.sites[0].changes.find((x) => x.kind === 'CephFilesystemSubVolumeGroup')!;
    expect(c).toMatchObject({ class: 'immutable', allowedBy: 'site.allowChange: team-a moves to the new filesystem (TICKET-7)', strategy: 'argocd-replace' });
    expect(p.exitCode).toBe(0);
  });
});

describe('GIVEN a CephClient committed with one secretName', () => {
  function app(secretName: string): App {
    const a = new App();
    const site = new Site(a, 'lab', { kubernetesVersion: '1.33.0', rookVersion: '1.20.6' });
    const cluster = new RookCluster(site, 'cluster');
    new CephClient(site, 'glance', { cluster, caps: { mon: 'profile rbd' }, secretName });
    return a;
  }

  test('WHEN the next synth changes it THEN synth warns with the rule\'s message, and plan refuses it', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-transition-'));
    expect(synthApp(app('glance-key'), { outdir: out, upstreamDir: UPSTREAM }).warnings).toEqual([]);
    const r = synthApp(app('glance-key-v2'), { outdir: out, upstreamDir: UPSTREAM, write: false });
    expect(r.warnings).toEqual([expect.stringMatching(/^lab: CephClient glance: spec\.secretName changed, but the API server refuses[^\n]*\(spec\.secretName: "SecretName is immutable and cannot be changed" \(CRD rule self == oldSelf\)\)/)]);
    const p = planApp(app('glance-key-v2'), { distDir: out, upstreamDir: UPSTREAM });
    expect(p.sites[0].changes.find((c) => c.kind === 'CephClient')).toMatchObject({ class: 'immutable', path: 'spec.secretName', before: 'glance-key', after: 'glance-key-v2' });
    expect(p.exitCode).toBe(2);
  });

  test('WHEN nothing of it changes THEN there is neither warning nor change', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'gs-transition-'));
    synthApp(app('glance-key'), { outdir: out, upstreamDir: UPSTREAM });
    expect(synthApp(app('glance-key'), { outdir: out, upstreamDir: UPSTREAM, write: false }).warnings).toEqual([]);
  });
});

describe('GIVEN the transition rules of the Rook 1.20.6 CRDs', () => {
  const v = new Validator({ kubernetesVersion: '1.33.0', crdSources: ['rook@v1.20.6'] });
  const cc = (spec: Record<string, unknown>) => ({ apiVersion: 'ceph.rook.io/v1', kind: 'CephCluster', metadata: { name: 'c', namespace: 'rook-ceph' }, spec });

  test('WHEN a keyGeneration goes down or is removed, or the network provider switches directly THEN each rule refuses it; allowed updates pass', () => {
    const before = cc({ dataDirHostPath: '/var/lib/rook', network: { provider: 'host' }, security: { cephx: { daemon: { keyGeneration: 3 } } } });
    const msgs = (after: Record<string, unknown>) => v.transitionProblems(before, after).map((p) => `${p.field}: ${p.message}`);
    expect(msgs(cc({ dataDirHostPath: '/var/lib/rook', network: { provider: 'host' }, security: { cephx: { daemon: { keyGeneration: 2 } } } }))).toEqual(['spec.security.cephx.daemon.keyGeneration: keyGeneration cannot be decreased']);
    expect(msgs(cc({ dataDirHostPath: '/var/lib/rook', network: { provider: 'host' }, security: { cephx: { daemon: {} } } }))).toEqual(['spec.security.cephx.daemon: keyGeneration cannot be removed once set']);
    expect(msgs(cc({ dataDirHostPath: '/var/lib/rook', network: { provider: 'multus', selectors: { public: 'a/b' } }, security: { cephx: { daemon: { keyGeneration: 3 } } } }))).toEqual(['spec.network.provider: network provider must be disabled (reverted to empty string) before a new provider is enabled']);
    expect(msgs(cc({ dataDirHostPath: '/var/lib/rook', network: { provider: '' }, security: { cephx: { daemon: { keyGeneration: 4 } } } }))).toEqual([]);
    // built-in kinds carry no CRD rules
    expect(v.transitionProblems({ apiVersion: 'v1', kind: 'ConfigMap', data: { a: '1' } }, { apiVersion: 'v1', kind: 'ConfigMap', data: { a: '2' } })).toEqual([]);
  });
});
