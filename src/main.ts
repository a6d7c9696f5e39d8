/**
 * The reference fleet. `npm run synth` (or `cdk8s synth`) writes one folder per site into dist/.
 */
import { App } from 'cdk8s';
import { dc1Local } from './sites/dc1-local';
import { kubesprayFlex } from './sites/kubespray-flex';
import { rook12Csi } from './sites/rook12-csi';
import { externalCeph } from './sites/external-ceph';
import { necoHyperconverged } from './sites/neco-hyperconverged';
import { rancherRke1 } from './sites/rancher-rke1';
import { synthApp } from './core/synth';

/** Builds the app with every reference site. */
export function buildApp(outdir?: string): App {
  const app = new App({ outdir });
  dc1Local(app);
  kubesprayFlex(app);
  rook12Csi(app);
  externalCeph(app);
  necoHyperconverged(app);
  rancherRke1(app);
  return app;
}

if (require.main === module) {
  // `cdk8s synth` runs this file with CDK8S_OUTDIR set.
  const outdir = process.env.CDK8S_OUTDIR ?? 'dist';
  const app = buildApp(outdir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { prefetchSchemas } = require('./cli/cli') as typeof import('./cli/cli');
  prefetchSchemas(app)
    .then(() => synthApp(app, { outdir }))
    .catch((e) => {
      console.error((e as Error).message);
      process.exit(1);
    });
}
