/** TopoLVMStorageClass (src/topolvm/topolvm-storage-class.ts): a StorageClass of a TopoLVM device class. */
import { TopoLVMStorageClass } from '../src';
import { configError, expectHelpful, modernTopolvm } from './helpers';

describe('GIVEN TopoLVM device classes', () => {
  test('WHEN a StorageClass names a device class that does not exist THEN it is rejected with the declared classes', () => {
    const { site, make } = modernTopolvm();
    const topolvm = make();
    const e = configError(() => new TopoLVMStorageClass(site, 'sc', { topolvm, deviceClass: 'ssd' }));
    expectHelpful(e.message, { path: 'test-site/sc: deviceClass', value: /"ssd"/, allowed: /"nvme"/, fix: /add \{ name: "ssd"/ });
  });
});
