/**
 * Issue 12 part 6 and issue 14 part 10: the health checks we emit, executed in the engines' own languages on the
 * status samples the Rook operator writes. Argo CD's Lua scripts (dist/<site>/gitops/argocd-health/) run in a Lua VM;
 * Flux's healthCheckExprs are evaluated with a CEL library. Both engines must agree on every sample.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import { App } from 'cdk8s';
import { CephFilesystem, GitOpsProps } from '../src';
import { FLUX_HEALTH_EXPRS } from '../src/gitops/flux';
import { HEALTH_CHECKS } from '../src/gitops/argocd';
import { renderSite } from '../src/pipeline/synth';
import { dc1Local } from '../src/sites/dc1-local';
import { runArgoHealth, runFluxHealth } from './health-engines';

const DIST = path.join(__dirname, '..', 'dist');

type Verdict = 'healthy' | 'progressing' | 'degraded';
const ARGO: Record<Verdict, string> = { healthy: 'Healthy', progressing: 'Progressing', degraded: 'Degraded' };
const FLUX: Record<Verdict, string> = { healthy: 'Current', progressing: 'InProgress', degraded: 'Failed' };

interface Sample { readonly name: string; readonly status?: Record<string, unknown>; readonly want: Verdict; readonly message?: RegExp }

const CLUSTER_SAMPLES: Sample[] = [
  { name: 'no status yet (just applied)', want: 'progressing', message: /waiting for the Rook operator/ },
  { name: 'an empty status', status: {}, want: 'progressing' },
  { name: 'phase Progressing, no Ceph status yet', status: { phase: 'Progressing', message: 'Configuring Ceph Mons' }, want: 'progressing', message: /Configuring Ceph Mons/ },
  { name: 'Ready and HEALTH_OK', status: { phase: 'Ready', state: 'Created', ceph: { health: 'HEALTH_OK', lastChecked: '2026-12-01T10:00:00Z' } }, want: 'healthy', message: /HEALTH_OK/ },
  { name: 'Ready and HEALTH_WARN', status: { phase: 'Ready', ceph: { health: 'HEALTH_WARN', details: { MON_DISK_LOW: { message: 'mon a is low on available space', severity: 'HEALTH_WARN' } } } }, want: 'healthy', message: /HEALTH_WARN/ },
  { name: 'Ready and HEALTH_ERR', status: { phase: 'Ready', message: 'Cluster created successfully', ceph: { health: 'HEALTH_ERR' } }, want: 'degraded', message: /HEALTH_ERR/ },
  { name: 'phase Failure without status.ceph (issue 14 part 10)', status: { phase: 'Failure', message: 'failed to create cluster: failed to start ceph monitors' }, want: 'degraded', message: /failed to start ceph monitors/ },
  { name: 'Updating with HEALTH_OK (an upgrade in flight)', status: { phase: 'Updating', ceph: { health: 'HEALTH_OK' } }, want: 'progressing' },
  { name: 'Ready, Ceph status without a health field yet', status: { phase: 'Ready', ceph: { lastChecked: '2026-12-01T10:00:00Z' } }, want: 'progressing' },
  { name: 'external: Connecting', status: { phase: 'Connecting', message: 'Attempting to connect to an external Ceph cluster' }, want: 'progressing', message: /Attempting to connect/ },
  { name: 'external: Connected and HEALTH_OK', status: { phase: 'Connected', message: 'Cluster connected successfully', ceph: { health: 'HEALTH_OK' } }, want: 'healthy' },
  { name: 'external: Connected and HEALTH_WARN', status: { phase: 'Connected', ceph: { health: 'HEALTH_WARN' } }, want: 'healthy' },
  { name: 'external: Connected and HEALTH_ERR', status: { phase: 'Connected', ceph: { health: 'HEALTH_ERR' } }, want: 'degraded' },
  { name: 'external: Failure to connect', status: { phase: 'Failure', message: 'failed to connect to the external cluster' }, want: 'degraded' },
];

const PHASE_SAMPLES: Sample[] = [
  { name: 'no status yet', want: 'progressing', message: /waiting/ },
  { name: 'a status without a phase', status: { observedGeneration: 1 }, want: 'progressing' },
  { name: 'Progressing', status: { phase: 'Progressing' }, want: 'progressing', message: /Progressing/ },
  { name: 'Ready', status: { phase: 'Ready', observedGeneration: 2 }, want: 'healthy' },
  { name: 'Failure', status: { phase: 'Failure' }, want: 'degraded' },
];

const SAMPLES: Record<string, Sample[]> = { CephCluster: CLUSTER_SAMPLES, CephBlockPool: PHASE_SAMPLES, CephFilesystem: PHASE_SAMPLES };

function object(kind: string, s: Sample): Record<string, unknown> {
  return { apiVersion: 'ceph.rook.io/v1', kind, metadata: { name: 'x', namespace: 'rook-ceph', generation: 2 }, spec: {}, ...(s.status !== undefined ? { status: s.status } : {}) };
}

/** Every Lua file of every Argo CD site in the committed dist/. */
function committedLua(): { file: string; key: string; script: string }[] {
  return fs.readdirSync(DIST).flatMap((site) => {
    const dir = path.join(DIST, site, 'gitops', 'argocd-health');
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).sort().map((f) => ({ file: `${site}/gitops/argocd-health/${f}`, key: f.replace(/\.lua$/, ''), script: fs.readFileSync(path.join(dir, f), 'utf8').replace(/\n$/, '') }));
  });
}

/** Every healthCheckExprs entry of the committed Flux Kustomizations and of a Flux dc1-local with a filesystem. */
function fluxExprs(): { where: string; kind: string; expr: { current: string; failed?: string; inProgress?: string } }[] {
  const out: { where: string; kind: string; expr: any }[] = [];
  for (const site of fs.readdirSync(DIST)) {
    const dir = path.join(DIST, site, 'gitops');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((x) => x.startsWith('kustomization_')).sort()) {
      const k = YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
      for (const h of k.spec.healthCheckExprs ?? []) out.push({ where: `${site}/gitops/${f}`, kind: h.kind, expr: h });
    }
  }
  const app = new App();
  const site = dc1Local(app, { engine: 'flux', url: 'https://git.example.com/platform/storage.git', path: 'dist/dc1-local' } as GitOpsProps);
  const cluster = site.node.findAll().find((c) => (c as any).constructor?.name === 'RookCluster') as any;
  new CephFilesystem(site, 'shared', { cluster, metadataPool: { replicated: { size: 3 } }, dataPools: [{ name: 'data', replicated: { size: 3 } }] });
  for (const f of renderSite(site).files.filter((x) => x.path.startsWith('gitops/kustomization_'))) {
    for (const h of f.objects[0].spec.healthCheckExprs ?? []) out.push({ where: `flux dc1-local ${f.path}`, kind: h.kind, expr: h });
  }
  return out;
}

describe('GIVEN every Argo CD Lua health script in the committed dist/', () => {
  const scripts = committedLua();

  test('THEN there are scripts, and each is one of the checks the engine emits, byte for byte', () => {
    expect(scripts.length).toBeGreaterThanOrEqual(Object.keys(HEALTH_CHECKS).length);
    for (const s of scripts) expect({ file: s.file, script: s.script }).toEqual({ file: s.file, script: HEALTH_CHECKS[s.key] });
  });

  for (const [kind, samples] of Object.entries(SAMPLES)) {
    describe(`WHEN the ${kind} script runs in a Lua VM`, () => {
      for (const s of samples) {
        test(`THEN ${s.name} is ${ARGO[s.want]}`, () => {
          const mine = scripts.filter((x) => x.key === `ceph.rook.io_${kind}`);
          expect(mine.length).toBeGreaterThan(0);
          for (const x of mine) {
            const hs = runArgoHealth(x.script, object(kind, s));
            expect({ file: x.file, status: hs.status }).toEqual({ file: x.file, status: ARGO[s.want] });
            if (s.message) expect(hs.message).toMatch(s.message);
          }
        });
      }
    });
  }

  describe('WHEN the argoproj.io_Application script runs on the operator\'s Helm Application', () => {
    const script = HEALTH_CHECKS['argoproj.io_Application'];
    const app = (status?: unknown) => ({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'op' }, ...(status ? { status } : {}) });
    test('THEN no status yet is Progressing', () => expect(runArgoHealth(script, app()).status).toBe('Progressing'));
    test('THEN a status without health yet is Progressing', () => expect(runArgoHealth(script, app({ sync: { status: 'OutOfSync' } })).status).toBe('Progressing'));
    test('THEN a health without a status field yet is Progressing, not an invalid result', () => expect(runArgoHealth(script, app({ health: {} })).status).toBe('Progressing'));
    test('THEN the child\'s own health is passed up with its message', () => {
      expect(runArgoHealth(script, app({ health: { status: 'Healthy' } })).status).toBe('Healthy');
      expect(runArgoHealth(script, app({ health: { status: 'Degraded', message: 'Deployment rook-ceph-operator: 0/1 ready' } }))).toEqual({ status: 'Degraded', message: 'Deployment rook-ceph-operator: 0/1 ready' });
    });
  });
});

describe('GIVEN every Flux healthCheckExprs entry we emit (committed dist/ and a Flux site with pools and a filesystem)', () => {
  const exprs = fluxExprs();

  test('THEN every kind with a check is covered, and the committed expressions are the engine\'s', () => {
    const kinds = new Set(exprs.map((e) => e.kind));
    for (const layer of Object.values(FLUX_HEALTH_EXPRS)) for (const h of layer ?? []) expect(kinds).toContain(h.kind);
    for (const e of exprs) {
      const mine = Object.values(FLUX_HEALTH_EXPRS).flatMap((l) => l ?? []).find((h) => h.kind === e.kind)!;
      expect({ where: e.where, current: e.expr.current, failed: e.expr.failed }).toEqual({ where: e.where, current: mine.current, failed: mine.failed });
    }
  });

  for (const [kind, samples] of Object.entries(SAMPLES)) {
    describe(`WHEN the ${kind} expressions are evaluated with CEL`, () => {
      for (const s of samples) {
        test(`THEN ${s.name} is ${FLUX[s.want]}, with no evaluation error`, () => {
          const mine = exprs.filter((e) => e.kind === kind);
          expect(mine.length).toBeGreaterThan(0);
          for (const e of mine) {
            const r = runFluxHealth(e.expr, object(kind, s));
            expect({ where: e.where, status: r.status, errors: r.errors }).toEqual({ where: e.where, status: FLUX[s.want], errors: [] });
          }
        });
      }
    });
  }
});

describe('GIVEN the Lua harness itself', () => {
  test('THEN a script that hands back the child Application\'s missing status (the defect the VM found in our Application check) is refused as Argo CD refuses it', () => {
    const old = 'local hs = { status = "Progressing", message = "" }\nif obj.status ~= nil and obj.status.health ~= nil then hs.status = obj.status.health.status end\nreturn hs';
    expect(() => runArgoHealth(old, { status: { health: {} } })).toThrow(/returned status undefined/);
  });
  test('THEN a Lua error is reported, not swallowed', () => {
    expect(() => runArgoHealth('return obj.status.phase', {})).toThrow(/Lua error/);
  });
  test('THEN our scripts use nothing beyond Lua 5.1, the language of Argo CD\'s gopher-lua (no goto, integer division or bitwise operators)', () => {
    for (const [key, script] of Object.entries(HEALTH_CHECKS)) {
      const code = script.split('\n').filter((l) => !l.trim().startsWith('--')).join('\n').replace(/"[^"]*"/g, '""');
      expect({ key, bad: code.match(/\bgoto\b|\/\/|[&|]|<<|>>|~(?!=)/g) }).toEqual({ key, bad: null });
    }
  });
});

describe('GIVEN the CEL harness itself', () => {
  test('THEN a check that looks only at status.ceph would leave a Failure cluster waiting (the issue 14 part 10 defect)', () => {
    const old = { current: "has(status.ceph) && status.ceph.health in ['HEALTH_OK', 'HEALTH_WARN']", failed: "has(status.ceph) && status.ceph.health == 'HEALTH_ERR'" };
    expect(runFluxHealth(old, object('CephCluster', CLUSTER_SAMPLES.find((s) => /14 part 10/.test(s.name))!)).status).toBe('InProgress');
  });
  test('THEN an unguarded field access is reported as an evaluation error', () => {
    expect(runFluxHealth({ current: "status.phase == 'Ready'" }, { status: {} }).errors).toHaveLength(1);
  });
});
