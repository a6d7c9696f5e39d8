/**
 * The reference fleet. `npm run synth`, `cdk8s synth` and `node lib/src/main.js` write one folder per site into
 * dist/ (through StorageApp: checks, strict validation, atomic replace).
 */
import { dc1Local } from './sites/dc1-local';
import { kubesprayFlex } from './sites/kubespray-flex';
import { rook12Csi } from './sites/rook12-csi';
import { externalCeph } from './sites/external-ceph';
import { necoHyperconverged } from './sites/neco-hyperconverged';
import { rancherRke1 } from './sites/rancher-rke1';
import { cloudEbs } from './sites/cloud-ebs';
import { rook119Prod } from './sites/rook119-prod';
import { rook15Legacy } from './sites/rook15-legacy';
import { StorageApp, StorageAppProps } from './pipeline/storage-app';

/** Builds the app with every reference site. */
export function buildApp(props: StorageAppProps = {}): StorageApp {
  const app = new StorageApp(props);
  dc1Local(app);
  kubesprayFlex(app);
  rook12Csi(app);
  externalCeph(app);
  necoHyperconverged(app);
  rancherRke1(app);
  cloudEbs(app);
  rook119Prod(app);
  rook15Legacy(app);
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
