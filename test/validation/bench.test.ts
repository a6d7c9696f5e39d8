import { benchValidator } from '../../src/bench/validate-bench';
import { testWithUpstream, UPSTREAM_DIR } from '../upstream';

// the bench generates its objects from the upstream Rook example manifests
testWithUpstream('benchValidator validates generated Rook-like objects without failures', () => {
  const r = benchValidator({ objects: 60, upstreamDir: UPSTREAM_DIR });
  expect(r.objects).toBe(60);
  expect(r.invalid + r.errors).toBe(0);
  expect(r.objectsPerSecond).toBeGreaterThan(0);
});
