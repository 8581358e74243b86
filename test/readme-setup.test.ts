import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './shared-files.js';

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const ciRun = readFileSync(join(projectRoot, '.ci', 'run'), 'utf8');
const scripts = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** The commands of the README's set-up block, one a line. */
function setupCommands(): string[] {
  const section = readme.slice(readme.indexOf('## Set-up'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block.split('\n').filter((line) => line.trim() !== '');
}

describe("the README's set-up", () => {
  it('is two commands, the second the one CI runs on a clean clone', () => {
    const commands = setupCommands();
    expect(commands).toHaveLength(2);
    const testCommand = commands[1] as string;
    expect(testCommand).toBe('npm run test:setup');
    // .ci/run runs exactly that command after npm ci, and nothing installs test prerequisites beside it.
    const lastCommand = ciRun
      .trim()
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.trim().startsWith('#'))
      .at(-1);
    expect(lastCommand).toBe(testCommand);
    expect(ciRun).not.toContain('apt-get');
  });

  it('installs the prerequisites, then runs npm test', () => {
    expect(scripts['test:setup']).toBe('bash scripts/test-prerequisites.sh && npm test');
    expect(scripts.test).toContain('vitest run');
  });

  it('finds Chromium where the browser tests look for it and the PostgreSQL binaries the cluster tests start', () => {
    // This machine runs those tests, so the check must pass here; the browser tests use /usr/bin/chromium.
    expect(readFileSync(join(projectRoot, 'test', 'browser', 'chromium.ts'), 'utf8')).toContain("const CHROMIUM = '/usr/bin/chromium'");
    const out = execFileSync('bash', [join(projectRoot, 'scripts', 'test-prerequisites.sh'), '--check'], { encoding: 'utf8' });
    expect(out).toBe('test prerequisites: Chromium and PostgreSQL are installed\n');
  });

  it('says what is missing without installing anything under --check', () => {
    // An empty PATH and no PostgreSQL folder in sight: the script must name both and stop before apt-get.
    const script = readFileSync(join(projectRoot, 'scripts', 'test-prerequisites.sh'), 'utf8')
      .replace('[ -x /usr/bin/chromium ]', '[ -x /nonexistent/chromium ]')
      .replace("'/usr/lib/postgresql/*/bin/initdb'", "'/nonexistent/postgresql/*/bin/initdb'");
    let failure: { status: number | null; stderr: string } | null = null;
    try {
      execFileSync('/bin/bash', ['-c', script, 'test-prerequisites', '--check'], {
        encoding: 'utf8',
        env: { PATH: '/nonexistent' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      failure = error as { status: number | null; stderr: string };
    }
    expect(failure?.status).toBe(1);
    expect(failure?.stderr).toBe('test prerequisites: missing chromium postgresql (Debian packages; npm run test:setup installs them)\n');
  });
});
