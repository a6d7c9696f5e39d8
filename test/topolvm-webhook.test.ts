/** TopoLVMWebhook (src/topolvm/topolvm-webhook.ts): the TopoLVM mutating webhook and where its certificate comes from. */
import { configError, expectHelpful, modernTopolvm } from './helpers';

describe('GIVEN a TopoLVM scheduling choice', () => {
  test('WHEN an extender mode has no webhook certificate source THEN it is rejected with the two sources', () => {
    const { make } = modernTopolvm({ scheduling: { extenderDaemonSet: { preset: 'kubeadm' } } });
    const e = configError(make);
    expectHelpful(e.message, { path: 'test-site/topolvm: webhook', allowed: /certManager: true.*secretName, caBundle/, fix: /certManager: true/ });
    expect(e.message).toMatch(/topolvm\.io\/capacity/);
  });

  test('WHEN the webhook names a Secret without its CA bundle THEN it is rejected', () => {
    const { make } = modernTopolvm({ scheduling: { extenderDaemonSet: { preset: 'kubeadm' } }, webhook: { secretName: 'my-tls' } });
    const e = configError(make);
    expectHelpful(e.message, { path: 'test-site/topolvm: webhook.caBundle', allowed: /secretName \+ caBundle/, fix: /add caBundle/ });
  });
});
