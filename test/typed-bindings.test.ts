/**
 * Every Rook object the constructs emit (ceph.rook.io, csi.ceph.io, objectbucket.io) is built from its typed L1
 * binding in imports/ (generated from the union of the kind's schema over the Rook lines, src/tools/crd-union.ts),
 * never as a raw ApiObject with `spec: any`; and the binding loses nothing on the way out: its toJson (which maps
 * the binding's field names back to the CRD's and drops fields it does not know) keeps every value the construct
 * put in.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { ApiObject, App, JsonPatch } from 'cdk8s';
import * as cephRookIo from '../imports/ceph.rook.io';
import * as csiCephIo from '../imports/csi.ceph.io';
import * as objectbucketIo from '../imports/objectbucket.io';
import * as rookBindings from '../src/rook/bindings';
import { synthApp } from '../src/pipeline/synth';
import { cloudEbs } from '../src/sites/cloud-ebs';
import { dc1Local } from '../src/sites/dc1-local';
import { externalCeph } from '../src/sites/external-ceph';
import { kubesprayFlex } from '../src/sites/kubespray-flex';
import { necoHyperconverged } from '../src/sites/neco-hyperconverged';
import { rancherRke1 } from '../src/sites/rancher-rke1';
import { rook119Prod } from '../src/sites/rook119-prod';
import { rook12Csi } from '../src/sites/rook12-csi';
import { rook15Legacy } from '../src/sites/rook15-legacy';
import { EXTERNAL, Family, LEGACY, ROOK120, ROOK_ANY_LINE, SEED } from './fuzz/families';
import { findManifest, newSite } from './helpers';
import { RookCluster } from '../src';
import { describeWithUpstream } from './upstream';

const ROOK_GROUPS = ['ceph.rook.io', 'csi.ceph.io', 'objectbucket.io'];

/** The binding classes of imports/ for the Rook groups, by `apiVersion kind`. */
const BINDINGS = new Map<string, Function>();
for (const mod of [cephRookIo, csiCephIo, objectbucketIo] as Record<string, any>[]) {
  for (const x of Object.values(mod)) {
    // not `instanceof`: cdk8s's ApiObject answers it with a marker every ApiObject has (Symbol.hasInstance)
    if (typeof x === 'function' && ApiObject.prototype.isPrototypeOf(x.prototype) && x.GVK) BINDINGS.set(`${x.GVK.apiVersion} ${x.GVK.kind}`, x);
  }
}

/** The classes of src/rook/bindings.ts by the binding they extend. */
const ROOK_CLASSES = new Map<Function, Function>(Object.values(rookBindings).map((c: any) => [Object.getPrototypeOf(c), c]));

/** Every value of a JSON tree (empty objects and arrays count as values), as JSON, sorted: names do not matter. */
function leaves(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v) && v.length) v.forEach((x) => leaves(x, out));
  else if (v && typeof v === 'object' && Object.keys(v).length) Object.values(v).forEach((x) => leaves(x, out));
  else out.push(JSON.stringify(v));
  return out;
}

/** Problems of the Rook objects of `app`: built without a binding, or a binding that dropped a value. */
export function bindingProblems(app: App): string[] {
  const out: string[] = [];
  for (const obj of app.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c))) {
    if (!ROOK_GROUPS.includes(obj.apiGroup)) continue;
    const binding = BINDINGS.get(`${obj.apiVersion} ${obj.kind}`);
    if (!binding) {
      out.push(`${obj.node.path}: ${obj.apiVersion} ${obj.kind} has no binding in imports/ (add the kind to ROOK_KINDS in src/tools/import-crds.ts)`);
      continue;
    }
    // the prototype chain, not `instanceof` (true for any ApiObject, see above)
    if (!binding.prototype.isPrototypeOf(obj)) {
      out.push(`${obj.node.path}: ${obj.kind} is a ${obj.constructor.name}, not the binding ${binding.name} from imports/`);
      continue;
    }
    if (obj.constructor !== ROOK_CLASSES.get(binding)) {
      out.push(`${obj.node.path}: ${obj.kind} is the bare binding, not its class of src/rook/bindings.ts (JSON patches would apply before the binding's name mapping)`);
      continue;
    }
    // what the construct put in (the binding's names, resolved), against what the binding writes (the CRD's names)
    const given = leaves(ApiObject.prototype.toJson.call(obj)).sort();
    const written = leaves(obj.toJson()).sort();
    const lost = [...given];
    for (const x of written) {
      const i = lost.indexOf(x);
      if (i >= 0) lost.splice(i, 1);
    }
    if (lost.length) {
      out.push(`${obj.node.path}: the binding ${binding.name} lost ${lost.length} value(s): ${lost.slice(0, 5).join(', ')} (a field name the binding does not know, or a raw value where it wants an int-or-string class)`);
    }
  }
  return out;
}

/** The app after synthesis (some constructs add objects while the site renders). */
function synthesized(build: (app: App) => unknown): App {
  const app = new App();
  build(app);
  synthApp(app, { write: false });
  return app;
}

function sample<C>(family: Family<C>, n: number): [string, App][] {
  return fc.sample(family.arbitrary, { numRuns: n, seed: SEED }).map((cfg, i) => [`${family.name} #${i}`, synthesized((app) => family.build(app, cfg))]);
}

describe('GIVEN the constructs under src/rook', () => {
  test('THEN no source builds a Rook object from a raw apiVersion (the bindings carry it)', () => {
    const dir = path.resolve(__dirname, '..', 'src', 'rook');
    const raw = new RegExp(`apiVersion: '(${ROOK_GROUPS.map((g) => g.replace(/\./g, '\\.')).join('|')})/`);
    const offenders = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).filter((f) => raw.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  test('THEN imports/ has a binding for every Rook kind the constructs emit', () => {
    for (const k of ['CephCluster', 'CephBlockPool', 'CephFilesystem', 'CephObjectStore', 'CephNFS', 'CephRBDMirror', 'CephNVMeOFGateway', 'CephCOSIDriver']) {
      expect([k, BINDINGS.has(`ceph.rook.io/v1 ${k}`)]).toEqual([k, true]);
    }
    expect(BINDINGS.has('csi.ceph.io/v1 Driver') && BINDINGS.has('csi.ceph.io/v1 OperatorConfig') && BINDINGS.has('objectbucket.io/v1alpha1 ObjectBucketClaim')).toBe(true);
  });
});

describeWithUpstream('GIVEN sites that emit Rook objects', () => {
  const sites: [string, (app: App) => unknown][] = [
    ['dc1-local', dc1Local], ['kubespray-flex', kubesprayFlex], ['rook12-csi', rook12Csi], ['external-ceph', externalCeph],
    ['neco-hyperconverged', necoHyperconverged], ['rancher-rke1', rancherRke1], ['cloud-ebs', cloudEbs], ['rook119-prod', rook119Prod],
    ['rook15-legacy', rook15Legacy],
  ];

  test.each(sites)('WHEN the reference site %s is synthesized THEN each Rook object is its binding and keeps every value', (_name, build) => {
    expect(bindingProblems(synthesized(build))).toEqual([]);
  });

  test('WHEN random valid configurations (Rook 1.20, every line, external, legacy) are synthesized THEN the same holds', () => {
    const apps = [...sample(ROOK120, 40), ...sample(ROOK_ANY_LINE, 30), ...sample(EXTERNAL, 20), ...sample(LEGACY, 20)];
    let rook = 0;
    for (const [name, app] of apps) {
      rook += app.node.findAll().filter((c) => ApiObject.isApiObject(c) && ROOK_GROUPS.includes(c.apiGroup)).length;
      expect([name, bindingProblems(app)]).toEqual([name, []]);
    }
    expect(rook).toBeGreaterThan(200);
  });
});

describe('GIVEN the check itself', () => {
  test('WHEN a Rook object is a raw ApiObject THEN it is reported', () => {
    const { app, site } = newSite();
    new ApiObject(site, 'Raw', { apiVersion: 'ceph.rook.io/v1', kind: 'CephBlockPool', metadata: { name: 'p' }, spec: {} });
    expect(bindingProblems(app)).toEqual([expect.stringMatching(/Raw: CephBlockPool is a ApiObject, not the binding CephBlockPool/)]);
  });

  test('WHEN a Rook object is the bare binding of imports/ THEN it is reported (its patches would skip the name mapping)', () => {
    const { app, site } = newSite();
    new cephRookIo.CephBlockPool(site, 'Bare', { metadata: { name: 'p' }, spec: {} });
    expect(bindingProblems(app)).toEqual([expect.stringMatching(/Bare: CephBlockPool is the bare binding/)]);
  });

  test('WHEN a binding is given a CRD field name it maps, or a raw int-or-string value THEN the lost value is reported', () => {
    const { app, site } = newSite();
    // enableRBDStats is enableRbdStats in the binding; quotas.maxSize wants CephBlockPoolSpecQuotasMaxSize or a string
    new rookBindings.CephBlockPool(site, 'Renamed', { metadata: { name: 'a' }, spec: { enableRBDStats: true } as any });
    new rookBindings.CephFilesystemSubVolumeGroup(site, 'Raw', { metadata: { name: 'b' }, spec: { filesystemName: 'fs', quota: '10Gi' as any } });
    const problems = bindingProblems(app);
    expect(problems).toEqual([expect.stringMatching(/Renamed: the binding CephBlockPool lost 1 value\(s\): true /), expect.stringMatching(/Raw: the binding CephFilesystemSubVolumeGroup lost 1 value\(s\): "10Gi" /)]);
  });

  test('WHEN the constructs use the binding names THEN the manifest has the CRD names', () => {
    const { site } = newSite();
    const pool = new cephRookIo.CephBlockPool(site, 'Pool', { metadata: { name: 'a' }, spec: { enableRbdStats: true, erasureCoded: { dataChunks: 2, codingChunks: 1, crushOsDsPerFailureDomain: 2 } } });
    expect(pool.toJson().spec).toEqual({ enableRBDStats: true, erasureCoded: { dataChunks: 2, codingChunks: 1, crushOSDsPerFailureDomain: 2 } });
  });
});

describe('GIVEN a JSON patch on a Rook object (the escape hatch)', () => {
  test('WHEN it names a field in the CRD\'s spelling, or a field no CRD has THEN the manifest carries it as written', () => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    // onlyApplyOSDPlacement is onlyApplyOsdPlacement in the binding; dashbord is a typo the validator must see
    cluster.resource.addJsonPatch(JsonPatch.add('/spec/storage/onlyApplyOSDPlacement', true), JsonPatch.add('/spec/dashbord', { enabled: true }));
    const spec = findManifest(site, 'CephCluster', 'rook-ceph').spec;
    expect([spec.storage.onlyApplyOSDPlacement, spec.dashbord]).toEqual([true, { enabled: true }]);
    expect(bindingProblems(site.node.root as App)).toEqual([]);
  });
});
