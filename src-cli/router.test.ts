import { describe, expect, it } from 'vitest';
import { runCli } from './main';
import type { CliIo, GroupCommand } from './router';
import { EXIT_OK, EXIT_USAGE, UsageError, dispatch } from './router';

function capture(): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
  };
  return io;
}

const calls: string[][] = [];
const TREE: GroupCommand = {
  name: 'tool',
  summary: 'A test tool.',
  commands: [
    {
      name: 'db',
      summary: 'database commands',
      commands: [
        {
          name: 'migrate',
          summary: 'migrate the database',
          help: 'Usage: tool db migrate [--to N]\n',
          run: (args, _io, path) => {
            calls.push([...path, ...args]);
            if (args.includes('--bad')) throw new UsageError('--bad is not allowed');
            return EXIT_OK;
          },
        },
      ],
    },
    {
      name: 'crash',
      summary: 'always fails',
      help: 'Usage: tool crash\n',
      run: () => {
        throw new Error('boom');
      },
    },
  ],
};

describe('dispatch', () => {
  it('routes nested commands and passes the remaining args', async () => {
    const io = capture();
    expect(await dispatch('tool', TREE, ['db', 'migrate', '--to', '3'], io)).toBe(EXIT_OK);
    expect(calls.at(-1)).toEqual(['db', 'migrate', '--to', '3']);
  });

  it('help for groups and leaves, via "help" or --help, on stdout with exit 0', async () => {
    for (const argv of [['--help'], ['help'], ['db', '--help'], ['help', 'db']]) {
      const io = capture();
      expect(await dispatch('tool', TREE, argv, io)).toBe(EXIT_OK);
      expect(io.out).toMatch(/Usage: tool/);
      expect(io.err).toBe('');
    }
    const leaf = capture();
    expect(await dispatch('tool', TREE, ['db', 'migrate', '-h'], leaf)).toBe(EXIT_OK);
    expect(leaf.out).toBe('Usage: tool db migrate [--to N]\n');
  });

  it('a group without its sub-command is a usage error with the listing on stderr', async () => {
    const io = capture();
    expect(await dispatch('tool', TREE, ['db'], io)).toBe(EXIT_USAGE);
    expect(io.out).toBe('');
    expect(io.err).toMatch(/migrate/);
  });

  it('unknown commands are usage errors naming the known ones', async () => {
    const io = capture();
    expect(await dispatch('tool', TREE, ['db', 'drop'], io)).toBe(EXIT_USAGE);
    expect(io.err).toBe('tool db: unknown command "drop". Commands: migrate\n');
  });

  it('usage errors thrown by a command carry the command path', async () => {
    await expect(
      dispatch('tool', TREE, ['db', 'migrate', '--bad'], capture()),
    ).rejects.toMatchObject({
      commandPath: ['db', 'migrate'],
    });
  });
});

describe('failures', () => {
  it('unexpected errors propagate out of dispatch (runCli turns them into exit 1)', async () => {
    await expect(dispatch('tool', TREE, ['crash'], capture())).rejects.toThrow('boom');
  });
});

describe('runCli', () => {
  it('prints JSON for sla due', async () => {
    const io = capture();
    const code = await runCli(
      [
        'sla',
        'due',
        '--pack',
        'private-cloud-ops',
        '--tier',
        '7x24',
        '--level',
        'request',
        '--opened',
        '2026-03-09T23:55:00+08:00',
        '--tz',
        'Asia/Shanghai',
      ],
      io,
    );
    expect(code).toBe(0);
    expect(JSON.parse(io.out)).toMatchObject({
      dueAt: '2026-03-10T00:05:00.000+08:00',
      coverage: '7x24',
      level: 'request',
    });
  });

  it('bad input: exit 2, message with the command and its help hint', async () => {
    const io = capture();
    const code = await runCli(['lifecycle', '--product', 'DCE'], io);
    expect(code).toBe(2);
    expect(io.err).toBe(
      'fieldbook lifecycle: missing --version\nRun "fieldbook lifecycle --help" for usage.\n',
    );
  });

  it('positional arguments are refused', async () => {
    const io = capture();
    expect(await runCli(['lifecycle', 'DCE', '5.0.3'], io)).toBe(2);
    expect(io.err).toMatch(/DCE/);
  });
});
