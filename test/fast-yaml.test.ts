/**
 * The fast YAML writer of synth (src/foundation/kube-yaml-fast-writer.ts) must write exactly what the library writer does, or decline.
 */
import * as fc from 'fast-check';
import { App } from 'cdk8s';
import { buildApp } from '../src/main';
import { renderSite } from '../src/pipeline/synth';
import { Site } from '../src/site/site';
import { stringifyKubeYaml } from '../src/foundation/kube-yaml';
import { fastKubeYaml } from '../src/foundation/kube-yaml-fast-writer';
import { dc1Local } from '../src/sites/dc1-local';

const lib = (v: unknown) => stringifyKubeYaml(v, { lineWidth: 0, minContentWidth: 0 });

describe('GIVEN the fast YAML writer', () => {
  test('WHEN it writes every manifest of the reference fleet (and dc1-local on Flux) THEN each is byte for byte the library\'s, or it declines', () => {
    const app = buildApp();
    const flux = new App();
    dc1Local(flux, { engine: 'flux', url: 'https://git.example.com/platform/storage.git' });
    const sites = [...app.node.findAll().filter(Site.isSite), ...flux.node.findAll().filter(Site.isSite)] as Site[];
    let written = 0;
    let declined = 0;
    for (const s of sites) {
      for (const f of renderSite(s).files) {
        if (f.objects.length !== 1) continue;
        const m = JSON.parse(JSON.stringify(f.objects[0]));
        const fast = fastKubeYaml(m);
        if (fast === undefined) declined++;
        else {
          written++;
          expect(fast).toBe(lib(m));
        }
      }
    }
    expect(written).toBeGreaterThan(50);
    expect(declined).toBeGreaterThan(0);
  });

  test('WHEN it is given generated values of the manifest shapes THEN it agrees with the library or declines', () => {
    const str = fc.oneof(
      fc.constantFrom('true', 'on', 'yes', 'null', '~', '3', '1.20', '0x1F', '0o17', '1e3', '.inf', '-', 'a:', 'a: b', 'a:b', 'quay.io/ceph/ceph:v20.2.4', '/var/lib', '{{.x}}', '', ' a', 'a ', 'Prune=false,Delete=false', 'x#y', 'x #y', 'y', 'n', 'N', 'Y', '2024-01-01', '12:30', '1_000', 'a::b', '+1', '.5', '30s', '10m', '500Gi', '0xFF', '0o7', '0b1', '1e', '1E5', '12h30m', '1.5Gi', '08', 'False', 'OFF', 'Yes'),
      fc.string({ maxLength: 8 }),
    );
    const key = fc.oneof(fc.constantFrom('a', 'kind', 'on', 'y', '3', 'x/y', 'a.b-c_d'), fc.string({ maxLength: 5 }));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, str, fc.boolean(), fc.integer(), fc.double(), tie('map'), fc.array(tie('v'), { maxLength: 3 })),
      map: fc.dictionary(key, tie('v'), { maxKeys: 4 }),
    }));
    let written = 0;
    fc.assert(fc.property(fc.dictionary(key, value.v, { minKeys: 1, maxKeys: 5 }), (m) => {
      const fast = fastKubeYaml(m);
      if (fast !== undefined) written++;
      return fast === undefined || fast === lib(m);
    }), { numRuns: 3000 });
    // declining everything would pass the property without comparing anything
    expect(written).toBeGreaterThan(100);
  });
});
