/**
 * The Rook v1.20 erasureCoded fields (issue 20, part 5) on every pool kind: crushNumFailureDomains /
 * crushOSDsPerFailureDomain / stripeUnit, written as the v1.20.6 CRD has them, validated strictly, refused on older
 * lines with the standard version error. The CRD's own rule on erasureCoded is evaluated with CEL next to our check,
 * so the two cannot disagree. (The other fields of part 5 are in rook-cluster, object-store and nfs-server .test.ts.)
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { isCelError, run } from '@bufbuild/cel';
import { CephFilesystem, RookCluster } from '../src';
import { configError, describeWithUpstream, expectHelpful, findManifest, newSite, upstreamPath } from './helpers';
import { synthValid } from './upstream-compare';

const OLD = { kubernetesVersion: '1.21.0', rookVersion: '1.7.11' as const };

/** The x-kubernetes-validations rule of CephBlockPool spec.erasureCoded in the pinned v1.20.6 CRDs. */
let ruleCache: string | undefined;
function erasureCodedRule(): string {
  if (ruleCache) return ruleCache;
  const crd = YAML.parseAllDocuments(fs.readFileSync(upstreamPath('rook-lines', 'v1.20.6', 'crds.yaml'), 'utf8')).map((d) => d.toJSON()).find((d) => d?.spec?.names?.kind === 'CephBlockPool');
  const rules = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.erasureCoded['x-kubernetes-validations'];
  expect(rules).toHaveLength(1);
  ruleCache = rules[0].rule as string;
  return ruleCache;
}

const COMBOS = [
  ['both', { crushNumFailureDomains: 3, crushOSDsPerFailureDomain: 2 }],
  ['neither', {}],
  ['only crushNumFailureDomains', { crushNumFailureDomains: 3 }],
  ['only crushOSDsPerFailureDomain', { crushOSDsPerFailureDomain: 2 }],
] as const;

/** One erasure-coded pool of each kind with the given extra erasureCoded fields. */
const POOL_KINDS: [string, (ec: object) => void][] = [
  ['CephBlockPool', (ec) => {
    const { site } = newSite();
    new RookCluster(site, 'cluster').addPool('ec', { erasureCoded: { dataChunks: 4, codingChunks: 2, ...ec } });
  }],
  ['CephFilesystem data pool', (ec) => {
    const { site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    new CephFilesystem(site, 'fs', { cluster, dataPools: [{ name: 'replicated', replicated: { size: 3 } }, { name: 'ec', erasureCoded: { dataChunks: 4, codingChunks: 2, ...ec } }] });
  }],
  ['CephObjectStore data pool', (ec) => {
    const { site } = newSite();
    new RookCluster(site, 'cluster').addObjectStore('s', { gateway: { port: 80 }, metadataPool: { replicated: { size: 3 } }, dataPool: { erasureCoded: { dataChunks: 4, codingChunks: 2, ...ec } } });
  }],
];

describeWithUpstream('GIVEN the v1.20.6 CRD rule on erasureCoded (crushNumFailureDomains with crushOSDsPerFailureDomain)', () => {
  for (const [kind, build] of POOL_KINDS) {
    test.each(COMBOS)(`WHEN a ${kind} sets %s THEN our verdict is the API server's`, (_what, ec) => {
      const verdict = run(erasureCodedRule(), { self: { dataChunks: 4, codingChunks: 2, ...ec } });
      if (isCelError(verdict)) throw new Error(verdict.message);
      let ours = true;
      try {
        build(ec);
      } catch (e) {
        ours = false;
        expectHelpful((e as Error).message, { path: /erasureCoded\.crush/, allowed: /both or neither/, fix: /crushNumFailureDomains: 3, crushOSDsPerFailureDomain: 2/ });
      }
      expect(ours).toBe(verdict);
    });
  }
});

describe('GIVEN an erasure-coded pool with an MSR rule and a stripe unit', () => {
  test('WHEN a block, filesystem and object-store pool set them THEN each is written with the CRD keys and validates', () => {
    const { app, site } = newSite();
    const cluster = new RookCluster(site, 'cluster');
    const ec = { dataChunks: 4, codingChunks: 2, crushNumFailureDomains: 3, crushOSDsPerFailureDomain: 2, stripeUnit: '64Ki' as const };
    cluster.addPool('ec', { erasureCoded: ec });
    new CephFilesystem(site, 'fs', { cluster, dataPools: [{ name: 'replicated', replicated: { size: 3 } }, { name: 'ec', erasureCoded: ec }] });
    cluster.addObjectStore('s', { gateway: { port: 80 }, metadataPool: { replicated: { size: 3 } }, dataPool: { erasureCoded: ec } });
    const want = { dataChunks: 4, codingChunks: 2, crushNumFailureDomains: 3, crushOSDsPerFailureDomain: 2, stripeUnit: '64Ki' };
    expect(findManifest(site, 'CephBlockPool', 'ec').spec.erasureCoded).toEqual(want);
    expect(findManifest(site, 'CephFilesystem', 'fs').spec.dataPools[1].erasureCoded).toEqual(want);
    expect(findManifest(site, 'CephObjectStore', 's').spec.dataPool.erasureCoded).toEqual(want);
    synthValid(app);
  });

  test('WHEN failure domains × OSDs each are fewer than the chunks THEN it is refused: PGs would stay undersized', () => {
    const { site } = newSite();
    const e = configError(() => new RookCluster(site, 'cluster').addPool('ec', { erasureCoded: { dataChunks: 4, codingChunks: 2, crushNumFailureDomains: 2, crushOSDsPerFailureDomain: 2 } }));
    expectHelpful(e.message, { path: /erasureCoded\.crushOSDsPerFailureDomain/, allowed: />= 6/, fix: /raise crushOSDsPerFailureDomain to 3/ });
  });

  test('WHEN the stripe unit is not one of the CRD enum THEN it is refused', () => {
    const { site } = newSite();
    expect(configError(() => new RookCluster(site, 'cluster').addPool('ec', { erasureCoded: { dataChunks: 2, codingChunks: 1, stripeUnit: '8Ki' as any } })).message).toMatch(/erasureCoded\.stripeUnit/);
  });

  test.each([
    ['CephBlockPool', (site: any) => new RookCluster(site, 'cluster').addPool('ec', { erasureCoded: { dataChunks: 2, codingChunks: 1, stripeUnit: '4Ki' } }), /erasureCoded\.stripeUnit/],
    ['CephFilesystem', (site: any) => new CephFilesystem(site, 'fs', { cluster: new RookCluster(site, 'cluster'), dataPools: [{ replicated: { size: 3 } }, { erasureCoded: { dataChunks: 2, codingChunks: 1, crushNumFailureDomains: 3, crushOSDsPerFailureDomain: 1 } }] }), /dataPools\[1\]\.erasureCoded\.crushNumFailureDomains/],
    ['CephObjectStore', (site: any) => new RookCluster(site, 'cluster').addObjectStore('s', { gateway: { port: 80 }, metadataPool: { replicated: { size: 3 } }, dataPool: { erasureCoded: { dataChunks: 2, codingChunks: 1, stripeUnit: '1Mi' } } }), /dataPool: erasureCoded\.stripeUnit/],
  ])('WHEN a %s on Rook 1.7.11 sets them THEN they are refused with the versions that have them', (_kind, build, path) => {
    const { site } = newSite(OLD);
    expectHelpful(configError(() => build(site)).message, { path, value: /1\.7\.11/, allowed: /1\.20\.6/ });
  });
});
