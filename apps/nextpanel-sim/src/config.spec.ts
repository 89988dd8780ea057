import { ConfigError, readSimulatorConfig } from './config';
import { DEMO_API_KEY, DEMO_API_SECRET } from './demo-credentials';

describe('readSimulatorConfig', () => {
  it('defaults to the demo panel on port 3000, on loopback, with no faults', () => {
    const config = readSimulatorConfig([], {});
    expect(config).toEqual({
      help: false,
      exitWithParent: false,
      options: {
        port: 3000,
        host: '127.0.0.1',
        apiKey: DEMO_API_KEY,
        apiSecret: DEMO_API_SECRET,
        restrictedApiKey: undefined,
        restrictedApiSecret: undefined,
        dataFile: undefined,
        maxAccounts: undefined,
        faults: { hang: false, health_down: false },
        controlToken: undefined,
        logRequests: true,
      },
    });
  });

  it('reads every SIM_* variable', () => {
    const { options, exitWithParent } = readSimulatorConfig([], {
      SIM_PORT: '3101',
      SIM_HOST: '0.0.0.0',
      SIM_API_KEY: 'npk_env',
      SIM_API_SECRET: 'nps_env',
      SIM_RESTRICTED_API_KEY: 'npk_ro',
      SIM_RESTRICTED_API_SECRET: 'nps_ro',
      SIM_DATA: '/tmp/panel.json',
      SIM_MAX_ACCOUNTS: '100',
      SIM_LATENCY_MS: '250',
      SIM_FAILURE_RATE: '0.25',
      SIM_FAILURE_MODE: 'after_effect',
      SIM_HANG: 'true',
      SIM_HEALTH_DOWN: '1',
      SIM_CONTROL_TOKEN: 'ctl',
      SIM_QUIET: 'yes',
      SIM_EXIT_WITH_PARENT: 'on',
    });
    expect(exitWithParent).toBe(true);
    expect(options).toEqual({
      port: 3101,
      host: '0.0.0.0',
      apiKey: 'npk_env',
      apiSecret: 'nps_env',
      restrictedApiKey: 'npk_ro',
      restrictedApiSecret: 'nps_ro',
      dataFile: '/tmp/panel.json',
      maxAccounts: 100,
      faults: {
        latency_ms: 250,
        failure_rate: 0.25,
        failure_mode: 'after_effect',
        hang: true,
        health_down: true,
      },
      controlToken: 'ctl',
      logRequests: false,
    });
  });

  it('lets the command line win over the environment', () => {
    const { options } = readSimulatorConfig(
      [
        '--port',
        '0',
        '--api-key',
        'npk_cli',
        '--api-secret',
        'nps_cli',
        '--latency-ms',
        '5',
        '--hang',
      ],
      { SIM_PORT: '3101', SIM_API_KEY: 'npk_env', SIM_LATENCY_MS: '500', SIM_HANG: 'false' },
    );
    expect(options).toMatchObject({
      port: 0,
      apiKey: 'npk_cli',
      apiSecret: 'nps_cli',
      faults: { latency_ms: 5, hang: true },
    });
  });

  it('reads the response fault from the command line or SIM_RESPONSE_FAULT*', () => {
    expect(
      readSimulatorConfig(['--response-fault', 'drop', '--response-fault-rate', '0.25'], {}).options
        .faults,
    ).toEqual({
      hang: false,
      health_down: false,
      response_fault: 'drop',
      response_fault_rate: 0.25,
    });
    expect(
      readSimulatorConfig(['--response-fault', 'wrong_shape'], {
        SIM_RESPONSE_FAULT: 'garbage',
        SIM_RESPONSE_FAULT_RATE: '0.5',
        SIM_FAILURE_MODE: 'after_effect',
      }).options.faults,
    ).toEqual({
      hang: false,
      health_down: false,
      failure_mode: 'after_effect',
      response_fault: 'wrong_shape',
      response_fault_rate: 0.5,
    });
  });

  it.each([
    [['--port', '70000'], {}, 'between 0 and 65535'],
    [['--port', 'abc'], {}, 'must be an integer'],
    [['--failure-rate', '1.5'], {}, 'from 0 to 1'],
    [[], { SIM_FAILURE_RATE: 'often' }, 'SIM_FAILURE_RATE must be a number'],
    [['--max-accounts', '0'], {}, 'between 1'],
    [[], { SIM_HANG: 'maybe' }, 'SIM_HANG must be true or false'],
    [['--restricted-api-key', 'npk_ro'], {}, 'go together'],
    [['--bogus'], {}, 'bogus'],
    [['--failure-mode', 'sometimes'], {}, 'before_effect or after_effect'],
    [['--response-fault', 'html'], {}, 'none | garbage | wrong_shape | drop'],
    [[], { SIM_RESPONSE_FAULT: 'Drop' }, 'SIM_RESPONSE_FAULT must be'],
    [['--response-fault-rate', '2'], {}, 'from 0 to 1'],
    [[], { SIM_RESPONSE_FAULT_RATE: '-0.1' }, 'SIM_RESPONSE_FAULT_RATE must be a number'],
  ])('rejects %j %j', (argv, env, message) => {
    expect(() => readSimulatorConfig(argv, env)).toThrow(ConfigError);
    expect(() => readSimulatorConfig(argv, env)).toThrow(message);
  });
});
