import {
  nonPublicAddressKind,
  webhookTargetProblem,
  webhookUrlProblem,
} from './webhook-target-policy';

describe('webhook target policy', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['fd12:3456::1', 'unique-local'],
    ['100.64.1.1', 'carrier-grade'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['2001:db8::1', 'documentation'],
    ['203.0.113.7', 'documentation'],
    ['not-an-ip', 'unrecognised'],
  ])('%s is not public (%s)', (address, kind) => {
    expect(nonPublicAddressKind(address)).toContain(kind);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '2a00:1450::1'])(
    '%s is public',
    (address) => {
      expect(nonPublicAddressKind(address)).toBeNull();
    },
  );

  it.each([
    ['ftp://hooks.example.com/x', 'http or https'],
    ['javascript:alert(1)', 'http or https'],
    ['https://user:pw@hooks.example.com/', 'credentials'],
    ['https://hooks.example.com/#frag', 'fragment'],
    ['hooks.example.com/x', 'valid absolute URL'],
    ['', 'must be a URL'],
  ])('refuses the URL %s', (url, why) => {
    expect(webhookUrlProblem(url)).toContain(why);
  });

  it('checks IP literals without DNS, in every spelling the URL parser accepts', async () => {
    const noDns = jest.fn();
    for (const url of [
      'http://127.0.0.1:1/x',
      'http://[::1]/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      expect(await webhookTargetProblem(url, noDns)).toMatch(/loopback address/);
    }
    expect(noDns).not.toHaveBeenCalled();
    expect(await webhookTargetProblem('https://8.8.8.8/hook', noDns)).toBeNull();
  });

  it('refuses a hostname when any one of its addresses is not public', async () => {
    const resolve = async () => [
      { address: '8.8.8.8', family: 4 },
      { address: 'fe80::1', family: 6 },
    ];
    expect(await webhookTargetProblem('https://mixed.example.com/', resolve)).toBe(
      'mixed.example.com resolves to fe80::1, a link-local address; webhooks are sent only to public addresses unless an admin allows private targets (Settings → Webhooks)',
    );
    const publicOnly = async () => [{ address: '2606:4700:4700::1111', family: 6 }];
    expect(await webhookTargetProblem('https://ok.example.com/', publicOnly)).toBeNull();
  });

  it('refuses a hostname that does not resolve', async () => {
    const failing = async () => {
      throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
    };
    expect(await webhookTargetProblem('https://nowhere.invalid/', failing)).toBe(
      'nowhere.invalid could not be resolved (ENOTFOUND)',
    );
  });
});
