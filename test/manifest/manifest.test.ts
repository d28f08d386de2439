import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { COMMAND_IDS } from '../../src/commands/registry';
import {
  checkManifest,
  compareVersions,
  executeFunctionNames,
  type ManifestProblem,
  parseXml,
  pngSize,
  validateAgainstSchema,
} from '../../scripts/validate-manifest';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFEST = readFileSync(path.join(ROOT, 'manifest.xml'), 'utf8');
const OPTIONS = { rootDir: ROOT };

/** Replaces one exact snippet; throws when it is absent, so a changed manifest cannot make a test pass vacuously. */
function mutate(xml: string, from: string | RegExp, to: string): string {
  const found = typeof from === 'string' ? xml.includes(from) : from.test(xml);
  if (!found) throw new Error(`manifest.xml no longer contains ${String(from)}`);
  return xml.replace(from, to);
}

function messages(problems: ManifestProblem[]): string[] {
  return problems.map((problem) => problem.message);
}

describe('manifest.xml', () => {
  it('passes the cross-reference checks', () => {
    expect(messages(checkManifest(MANIFEST, OPTIONS))).toEqual([]);
  });

  it('validates against the XSD schemas', async () => {
    expect(messages(await validateAgainstSchema(MANIFEST))).toEqual([]);
  }, 30_000);

  it('calls exactly the functions COMMAND_IDS registers', () => {
    const names = executeFunctionNames(parseXml(MANIFEST)).map((entry) => entry.name);
    expect(new Set(names)).toEqual(new Set(COMMAND_IDS));
    expect(names).toHaveLength(new Set(names).size);
  });

  it('has a Swedish default and an en-US override for every string', () => {
    const root = parseXml(MANIFEST);
    expect(root.children.find((element) => element.name === 'DefaultLocale')?.text).toBe('sv-SE');
    const strings = [...MANIFEST.matchAll(/<bt:String id="([^"]+)"[^>]*>([\s\S]*?)<\/bt:String>/g)];
    expect(strings.length).toBeGreaterThan(0);
    for (const [, id, body] of strings) {
      expect({ id, hasEnglish: /<bt:Override Locale="en-US" Value="[^"]+"\/>/.test(body ?? '') }).toEqual({
        id,
        hasEnglish: true,
      });
    }
    expect(MANIFEST).toContain('DefaultValue="Öppna Budgetkoll"');
    expect(MANIFEST).toContain('DefaultValue="Validera struktur"');
    expect(MANIFEST).toContain('DefaultValue="Beräkna avvikelser"');
    expect(MANIFEST).toContain('DefaultValue="Validera summor"');
  });
});

describe('schema validation', () => {
  it('reports an element the schema does not allow, with its line', async () => {
    const broken = mutate(
      MANIFEST,
      '<Permissions>ReadWriteDocument</Permissions>',
      '<Permissions>ReadEverything</Permissions>',
    );
    const problems = await validateAgainstSchema(broken);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]?.line).toBe(
      MANIFEST.split('\n').findIndex((line) => line.includes('<Permissions>')) + 1,
    );
  }, 30_000);

  it('reports a resid longer than 32 characters', async () => {
    const long = 'Structure.Button.Label.Much.Too.Long';
    const broken = MANIFEST.replaceAll('StructureButton.Label', long);
    expect(broken).not.toBe(MANIFEST);
    expect((await validateAgainstSchema(broken)).some((problem) => problem.message.includes(long))).toBe(
      true,
    );
  }, 30_000);
});

describe('cross-reference checks', () => {
  it('reports a resid that names no resource', () => {
    const broken = mutate(MANIFEST, '<Label resid="SumsButton.Label"/>', '<Label resid="SumsButton.Lable"/>');
    expect(messages(checkManifest(broken, OPTIONS))).toContainEqual(
      expect.stringContaining('<Label resid="SumsButton.Lable"> must name an entry of bt:ShortStrings'),
    );
  });

  it('reports a resid that names a resource of the wrong kind', () => {
    const broken = mutate(
      MANIFEST,
      '<Description resid="SumsButton.Tooltip"/>',
      '<Description resid="SumsButton.Label"/>',
    );
    expect(messages(checkManifest(broken, OPTIONS))).toContainEqual(
      expect.stringContaining(
        'must name an entry of bt:LongStrings, but "SumsButton.Label" is in bt:ShortStrings',
      ),
    );
  });

  it('reports a missing icon file', () => {
    const broken = mutate(MANIFEST, 'assets/sums-32.png', 'assets/sums-33.png');
    expect(messages(checkManifest(broken, OPTIONS))).toContainEqual(
      expect.stringContaining('has no file assets/sums-33.png'),
    );
  });

  it('reports an icon of the wrong pixel size', () => {
    const broken = mutate(
      MANIFEST,
      '"https://localhost:3000/assets/icon-16.png"',
      '"https://localhost:3000/assets/icon-32.png"',
    );
    expect(messages(checkManifest(broken, OPTIONS))).toContainEqual(
      'icon assets/icon-32.png is 32x32 pixels, expected 16x16',
    );
  });

  it('reports a URL on another origin', () => {
    const broken = mutate(
      MANIFEST,
      '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https://localhost:3000/',
      '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https://localhost:3001/',
    );
    expect(messages(checkManifest(broken, OPTIONS))).toContainEqual(
      expect.stringMatching(
        /^URL https:\/\/localhost:3001\/\S+ is not on the task pane's origin https:\/\/localhost:3000$/,
      ),
    );
  });

  it('reports an ExcelApi requirement above 1.14', () => {
    const broken = mutate(
      MANIFEST,
      '<Set Name="ExcelApi" MinVersion="1.9"/>',
      '<Set Name="ExcelApi" MinVersion="1.15"/>',
    );
    expect(messages(checkManifest(broken, OPTIONS))).toContainEqual(
      'requirement ExcelApi 1.15 is above 1.14, the newest set Excel 2021 has',
    );
  });

  it('applies DefaultMinVersion to a set without MinVersion', () => {
    const broken = mutate(
      mutate(MANIFEST, '<Sets DefaultMinVersion="1.1">', '<Sets DefaultMinVersion="1.16">'),
      '<Set Name="ExcelApi" MinVersion="1.9"/>',
      '<Set Name="ExcelApi"/>',
    );
    expect(messages(checkManifest(broken, OPTIONS))).toContainEqual(
      'requirement ExcelApi 1.16 is above 1.14, the newest set Excel 2021 has',
    );
  });

  it('reports a missing SharedRuntime requirement', () => {
    const broken = mutate(MANIFEST, '<Set Name="SharedRuntime" MinVersion="1.1"/>', '');
    expect(messages(checkManifest(broken, OPTIONS))).toContainEqual(
      '<Requirements> must declare SharedRuntime 1.1',
    );
  });

  it('reports a function file that is not the shared runtime', () => {
    const withCommandsUrl = mutate(
      mutate(MANIFEST, '<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Commands.Url"/>'),
      '</bt:Urls>',
      '<bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/commands.html"/></bt:Urls>',
    );
    expect(messages(checkManifest(withCommandsUrl, OPTIONS))).toContainEqual(
      '<FunctionFile resid="Commands.Url"> must equal <Runtime resid="Taskpane.Url"> (shared runtime)',
    );
  });

  it('reports a ShowTaskpane action without a TaskpaneId: under a shared runtime it would be a second pane', () => {
    const broken = mutate(MANIFEST, '<TaskpaneId>Budgetkoll.Taskpane</TaskpaneId>', '');
    expect(messages(checkManifest(broken, OPTIONS))).toContainEqual(
      'a ShowTaskpane action under the shared runtime needs a <TaskpaneId>: a pane without one is a second task pane',
    );
  });

  it('reports two ShowTaskpane actions that name different panes', () => {
    const second = MANIFEST.slice(
      MANIFEST.indexOf('<Control xsi:type="Button" id="Budgetkoll.OpenTaskpane">'),
      MANIFEST.indexOf('<Control xsi:type="Button" id="Budgetkoll.ValidateStructure">'),
    )
      .replace('id="Budgetkoll.OpenTaskpane"', 'id="Budgetkoll.OpenTaskpane2"')
      .replace('<TaskpaneId>Budgetkoll.Taskpane</TaskpaneId>', '<TaskpaneId>Budgetkoll.Other</TaskpaneId>');
    const broken = mutate(
      MANIFEST,
      '<Control xsi:type="Button" id="Budgetkoll.ValidateStructure">',
      `${second}<Control xsi:type="Button" id="Budgetkoll.ValidateStructure">`,
    );
    expect(messages(checkManifest(broken, OPTIONS))).toContainEqual(
      'the shared runtime has one task pane, but the ShowTaskpane actions name 2: Budgetkoll.Taskpane, Budgetkoll.Other',
    );
  });

  it('reports a FunctionName the registry does not know, and a command without a button', () => {
    const broken = mutate(
      MANIFEST,
      '<FunctionName>validateSums</FunctionName>',
      '<FunctionName>checkSums</FunctionName>',
    );
    const found = messages(checkManifest(broken, OPTIONS));
    expect(found).toContainEqual('FunctionName "checkSums" is not in COMMAND_IDS (src/commands/registry.ts)');
    expect(found).toContainEqual(
      'command "validateSums" from src/commands/registry.ts has no ExecuteFunction button',
    );
  });

  it('reports a malformed document instead of throwing', () => {
    const broken = mutate(MANIFEST, '</OfficeApp>', '');
    expect(messages(checkManifest(broken, OPTIONS))).toEqual([
      expect.stringContaining('not well-formed XML'),
    ]);
  });
});

describe('helpers', () => {
  it('compares versions numerically', () => {
    expect(compareVersions('1.9', '1.14')).toBe(-1);
    expect(compareVersions('1.14', '1.14')).toBe(0);
    expect(compareVersions('1.15', '1.14')).toBe(1);
    expect(compareVersions('1.1', '1.1.0')).toBe(0);
  });

  it('reads PNG dimensions and rejects other bytes', () => {
    expect(pngSize(readFileSync(path.join(ROOT, 'assets', 'icon-80.png')))).toEqual({
      width: 80,
      height: 80,
    });
    expect(pngSize(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
  });
});

describe('command line', () => {
  const tsx = path.join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  const script = path.join(ROOT, 'scripts', 'validate-manifest.ts');

  it('prints "manifest.xml is valid" and exits 0', () => {
    const run = spawnSync(process.execPath, [tsx, script, 'manifest.xml'], { cwd: ROOT, encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() }).toEqual({
      status: 0,
      stdout: 'manifest.xml is valid',
      stderr: '',
    });
  }, 60_000);

  it('prints one line per problem and exits 1', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'budgetkoll-manifest-'));
    try {
      const file = path.join(dir, 'manifest.xml');
      // The icons are missing next to this copy, so every icon file (brand, three checks, two reports) is a problem besides the requirement.
      writeFileSync(file, mutate(MANIFEST, 'MinVersion="1.9"', 'MinVersion="1.15"'));
      const run = spawnSync(process.execPath, [tsx, script, file], { cwd: dir, encoding: 'utf8' });
      const lines = run.stderr.trim().split('\n');
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(lines).toContainEqual(
        expect.stringMatching(/^manifest\.xml:\d+: requirement ExcelApi 1\.15 is above 1\.14/),
      );
      expect(lines.filter((line) => line.includes('has no file assets/'))).toHaveLength(20);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
