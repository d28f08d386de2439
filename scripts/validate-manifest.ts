/**
 * Offline validation of manifest.xml.
 *
 * Usage: npx tsx scripts/validate-manifest.ts [manifest.xml]   (npm run validate)
 *
 * office-addin-manifest's `validate` posts the manifest to a Microsoft web service; this script needs no
 * network. It runs (a) XSD validation against the schemas in scripts/manifest-schemas/ with xmllint compiled
 * to WebAssembly, and (b) the cross-checks a schema cannot express: resource references, icon files and
 * sizes, one origin for every URL, requirement sets Excel 2021 has, the shared runtime, and that the ribbon's
 * functions are the ones src/commands/registry.ts registers.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SaxesParser } from 'saxes';
import { validateXML } from 'xmllint-wasm';
import { COMMAND_IDS } from '../src/commands/registry';

export interface ManifestProblem {
  /** One-based line in the manifest, when the problem belongs to one element. */
  line: number | null;
  message: string;
}

export interface CheckOptions {
  /** Directory that https://<origin>/assets/x.png maps to, as assets/x.png. */
  rootDir: string;
  /** Function names the ribbon may call; defaults to the registry's. */
  commandIds?: readonly string[];
}

export interface XmlElement {
  /** Local name, without namespace prefix. */
  name: string;
  /** Attributes by qualified name as written, e.g. `resid`, `xsi:type`. */
  attributes: Record<string, string>;
  children: XmlElement[];
  parent: XmlElement | null;
  text: string;
  line: number;
}

const REPO_ROOT = path.resolve(__dirname, '..');
const SCHEMA_DIR = path.join(__dirname, 'manifest-schemas');
const SCHEMA_ENTRY = 'OfficeAppManifestV1_1.xsd';

/** The newest ExcelApi version Excel 2021 (the oldest supported Excel) implements. */
const MAX_EXCEL_API = '1.14';
/** Excel requirement sets that Excel 2021 does not implement at all. */
const SETS_MISSING_IN_EXCEL_2021 = ['ExcelApiOnline', 'ExcelApiDesktop'];
const REQUIRED_SETS: ReadonlyArray<{ name: string; minVersion: string }> = [
  { name: 'SharedRuntime', minVersion: '1.1' },
];

type ResourceKind = 'Images' | 'Urls' | 'ShortStrings' | 'LongStrings';
const RESOURCE_ENTRY: Record<ResourceKind, string> = {
  Images: 'Image',
  Urls: 'Url',
  ShortStrings: 'String',
  LongStrings: 'String',
};

/** Which kind of resource a `resid` on a given element must name. */
function expectedKind(element: XmlElement): ResourceKind | null {
  switch (element.name) {
    case 'Image':
      return 'Images';
    case 'SourceLocation':
    case 'FunctionFile':
    case 'Runtime':
    case 'LearnMoreUrl':
    case 'Script':
    case 'Page':
      return 'Urls';
    case 'Label':
    case 'Title':
      return 'ShortStrings';
    case 'Description':
      return 'LongStrings';
    default:
      return null;
  }
}

export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let firstError: Error | null = null;
  parser.on('error', (error) => {
    firstError ??= error;
  });
  // opentag fires after the whole start tag is read; a multi-line tag's line is where it starts.
  let tagLine = 1;
  parser.on('opentagstart', () => {
    tagLine = parser.line;
  });
  parser.on('opentag', (tag) => {
    const attributes: Record<string, string> = {};
    for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = attribute.value;
    const parent = stack.at(-1) ?? null;
    const element: XmlElement = {
      name: tag.local,
      attributes,
      children: [],
      parent,
      text: '',
      line: tagLine,
    };
    if (parent) parent.children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on('cdata', (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (firstError) throw firstError;
  if (!root) throw new Error('the document has no root element');
  return root;
}

function* descendants(element: XmlElement): Generator<XmlElement> {
  for (const child of element.children) {
    yield child;
    yield* descendants(child);
  }
}

function findAll(root: XmlElement, name: string): XmlElement[] {
  return [...descendants(root)].filter((element) => element.name === name);
}

function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((candidate) => candidate.name === name);
}

/** `xsi:type` without its namespace prefix. */
function xsiType(element: XmlElement): string | undefined {
  const entry = Object.entries(element.attributes).find(
    ([name]) => name === 'type' || name.endsWith(':type'),
  );
  return entry?.[1].replace(/^.*:/, '');
}

/** Compares dotted versions numerically, so that 1.9 < 1.14. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((byte, i) => bytes[i] !== byte)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

interface Resource {
  kind: ResourceKind;
  id: string;
  element: XmlElement;
  /** DefaultValue and every Override's Value. */
  values: string[];
}

function collectResources(root: XmlElement, problems: ManifestProblem[]): Map<string, Resource> {
  const resources = new Map<string, Resource>();
  const resourcesElement = findAll(root, 'Resources')[0];
  for (const kind of Object.keys(RESOURCE_ENTRY) as ResourceKind[]) {
    const group = child(resourcesElement, kind);
    for (const entry of group?.children ?? []) {
      if (entry.name !== RESOURCE_ENTRY[kind]) continue;
      const id = entry.attributes.id ?? '';
      const key = `${kind}/${id}`;
      if (resources.has(key)) {
        problems.push({ line: entry.line, message: `resource id "${id}" is defined twice in ${kind}` });
        continue;
      }
      const values = [entry.attributes.DefaultValue ?? ''];
      for (const override of entry.children) {
        if (override.name === 'Override' && override.attributes.Value !== undefined) {
          values.push(override.attributes.Value);
        }
      }
      resources.set(key, { kind, id, element: entry, values });
    }
  }
  return resources;
}

function findResource(resources: Map<string, Resource>, resid: string): Resource[] {
  return [...resources.values()].filter((resource) => resource.id === resid);
}

function checkResids(root: XmlElement, resources: Map<string, Resource>, problems: ManifestProblem[]): void {
  const used = new Set<string>();
  for (const element of descendants(root)) {
    const resid = element.attributes.resid;
    if (resid === undefined) continue;
    const kind = expectedKind(element);
    const matches = findResource(resources, resid);
    if (kind === null) {
      if (matches.length === 0) {
        problems.push({
          line: element.line,
          message: `<${element.name} resid="${resid}"> names no resource`,
        });
      }
      for (const match of matches) used.add(`${match.kind}/${match.id}`);
      continue;
    }
    if (resources.has(`${kind}/${resid}`)) {
      used.add(`${kind}/${resid}`);
      continue;
    }
    const elsewhere = matches.map((match) => match.kind).join(', ');
    problems.push({
      line: element.line,
      message:
        `<${element.name} resid="${resid}"> must name an entry of bt:${kind}` +
        (elsewhere ? `, but "${resid}" is in bt:${elsewhere}` : `, and there is no resource "${resid}"`),
    });
  }
  for (const [key, resource] of resources) {
    if (!used.has(key)) {
      problems.push({
        line: resource.element.line,
        message: `resource "${resource.id}" in bt:${resource.kind} is never used`,
      });
    }
  }
}

function urlValues(element: XmlElement): string[] {
  const values = element.attributes.DefaultValue !== undefined ? [element.attributes.DefaultValue] : [];
  for (const override of element.children) {
    if (override.name === 'Override' && override.attributes.Value !== undefined)
      values.push(override.attributes.Value);
  }
  return values;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

function checkOrigins(root: XmlElement, resources: Map<string, Resource>, problems: ManifestProblem[]): void {
  const taskpane = child(findAll(root, 'DefaultSettings')[0], 'SourceLocation');
  const expected = taskpane?.attributes.DefaultValue;
  const origin = expected ? originOf(expected) : null;
  if (!taskpane || !expected || !origin) {
    problems.push({
      line: taskpane?.line ?? null,
      message: 'DefaultSettings/SourceLocation must hold an absolute URL',
    });
    return;
  }
  if (!expected.startsWith('https://')) {
    problems.push({ line: taskpane.line, message: `the task pane URL ${expected} must use https` });
  }
  const urls: Array<{ url: string; line: number }> = [];
  for (const name of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation']) {
    for (const element of findAll(root, name)) {
      if (element.attributes.resid !== undefined) continue;
      for (const url of urlValues(element)) urls.push({ url, line: element.line });
    }
  }
  for (const resource of resources.values()) {
    if (resource.kind !== 'Images' && resource.kind !== 'Urls') continue;
    for (const url of resource.values) urls.push({ url, line: resource.element.line });
  }
  for (const { url, line } of urls) {
    const actual = originOf(url);
    if (actual !== origin) {
      problems.push({ line, message: `URL ${url} is not on the task pane's origin ${origin}` });
    }
  }
}

function checkIcon(
  url: string,
  size: number,
  line: number,
  origin: string | null,
  rootDir: string,
  problems: ManifestProblem[],
): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    problems.push({ line, message: `icon URL ${url} is not an absolute URL` });
    return;
  }
  if (parsed.origin !== origin || !parsed.pathname.startsWith('/assets/')) {
    problems.push({
      line,
      message: `icon URL ${url} must point into ${origin ?? '<task pane origin>'}/assets/`,
    });
    return;
  }
  const relative = decodeURIComponent(parsed.pathname).slice(1);
  const file = path.join(rootDir, ...relative.split('/'));
  if (!existsSync(file)) {
    problems.push({ line, message: `icon ${url} has no file ${relative}` });
    return;
  }
  const dimensions = pngSize(readFileSync(file));
  if (!dimensions) {
    problems.push({ line, message: `icon ${relative} is not a PNG file` });
  } else if (dimensions.width !== size || dimensions.height !== size) {
    problems.push({
      line,
      message: `icon ${relative} is ${dimensions.width}x${dimensions.height} pixels, expected ${size}x${size}`,
    });
  }
}

function checkIcons(
  root: XmlElement,
  resources: Map<string, Resource>,
  rootDir: string,
  problems: ManifestProblem[],
): void {
  const taskpaneUrl = child(findAll(root, 'DefaultSettings')[0], 'SourceLocation')?.attributes.DefaultValue;
  const origin = taskpaneUrl ? originOf(taskpaneUrl) : null;
  // Sizes the add-in store and the Insert > Add-ins dialog require of a task pane add-in.
  const appIcons: Array<[string, number]> = [
    ['IconUrl', 32],
    ['HighResolutionIconUrl', 64],
  ];
  for (const [name, size] of appIcons) {
    for (const element of findAll(root, name)) {
      for (const url of urlValues(element)) checkIcon(url, size, element.line, origin, rootDir, problems);
    }
  }
  // Ribbon images get their size from the referencing <bt:Image size="…" resid="…">.
  const checked = new Set<string>();
  for (const reference of findAll(root, 'Image')) {
    const resid = reference.attributes.resid;
    const size = Number(reference.attributes.size);
    if (resid === undefined || !Number.isInteger(size)) continue;
    const resource = resources.get(`Images/${resid}`);
    if (!resource || checked.has(`${resid}@${size}`)) continue;
    checked.add(`${resid}@${size}`);
    for (const url of resource.values) checkIcon(url, size, resource.element.line, origin, rootDir, problems);
  }
}

function checkRequirements(root: XmlElement, problems: ManifestProblem[]): void {
  for (const sets of findAll(root, 'Sets')) {
    const defaultVersion = sets.attributes.DefaultMinVersion ?? '1.1';
    for (const set of sets.children.filter((element) => element.name === 'Set')) {
      const name = set.attributes.Name ?? '';
      const version = set.attributes.MinVersion ?? defaultVersion;
      if (name === 'ExcelApi' && compareVersions(version, MAX_EXCEL_API) > 0) {
        problems.push({
          line: set.line,
          message: `requirement ExcelApi ${version} is above ${MAX_EXCEL_API}, the newest set Excel 2021 has`,
        });
      }
      if (SETS_MISSING_IN_EXCEL_2021.includes(name)) {
        problems.push({ line: set.line, message: `requirement set ${name} does not exist in Excel 2021` });
      }
    }
  }
  const base = child(root, 'Requirements');
  const baseSets = child(base, 'Sets');
  for (const required of REQUIRED_SETS) {
    const set = baseSets?.children.find(
      (element) => element.name === 'Set' && element.attributes.Name === required.name,
    );
    const version = set?.attributes.MinVersion ?? baseSets?.attributes.DefaultMinVersion ?? '1.1';
    if (!set || compareVersions(version, required.minVersion) < 0) {
      problems.push({
        line: baseSets?.line ?? base?.line ?? null,
        message: `<Requirements> must declare ${required.name} ${required.minVersion}`,
      });
    }
  }
}

function checkSharedRuntime(
  root: XmlElement,
  resources: Map<string, Resource>,
  problems: ManifestProblem[],
): void {
  const taskpaneUrl = child(findAll(root, 'DefaultSettings')[0], 'SourceLocation')?.attributes.DefaultValue;
  const runtimes = findAll(root, 'Runtime');
  const functionFiles = findAll(root, 'FunctionFile');
  const showTaskpanes = findAll(root, 'Action').filter((action) => xsiType(action) === 'ShowTaskpane');
  if (runtimes.length !== 1) {
    problems.push({
      line: runtimes[1]?.line ?? null,
      message: `expected exactly one <Runtime>, found ${runtimes.length}`,
    });
  }
  if (functionFiles.length === 0) problems.push({ line: null, message: 'no <FunctionFile> is declared' });
  if (showTaskpanes.length === 0)
    problems.push({ line: null, message: 'no ShowTaskpane button is declared' });
  const runtime = runtimes[0];
  if (!runtime) return;
  const resid = runtime.attributes.resid;
  if (runtime.attributes.lifetime !== 'long') {
    problems.push({
      line: runtime.line,
      message: '<Runtime> must have lifetime="long" for a shared runtime',
    });
  }
  for (const functionFile of functionFiles) {
    if (functionFile.attributes.resid !== resid) {
      problems.push({
        line: functionFile.line,
        message: `<FunctionFile resid="${functionFile.attributes.resid}"> must equal <Runtime resid="${resid}"> (shared runtime)`,
      });
    }
  }
  // Microsoft's shared-runtime guidance: a shared runtime supports one task pane, and "any task pane
  // without a <TaskpaneId> is considered a different task pane". Every ShowTaskpane action therefore names
  // the same pane, the one Office.addin.showAsTaskpane() shows.
  const paneIds = new Set<string>();
  for (const action of showTaskpanes) {
    const id = child(action, 'TaskpaneId')?.text.trim();
    if (!id) {
      problems.push({
        line: action.line,
        message:
          'a ShowTaskpane action under the shared runtime needs a <TaskpaneId>: a pane without one is a second task pane',
      });
    } else paneIds.add(id);
  }
  if (paneIds.size > 1) {
    problems.push({
      line: showTaskpanes[0]?.line ?? null,
      message: `the shared runtime has one task pane, but the ShowTaskpane actions name ${paneIds.size}: ${[...paneIds].join(', ')}`,
    });
  }
  for (const action of showTaskpanes) {
    const source = child(action, 'SourceLocation');
    if (source?.attributes.resid !== resid) {
      problems.push({
        line: source?.line ?? action.line,
        message: `the task pane's <SourceLocation resid="${source?.attributes.resid}"> must equal <Runtime resid="${resid}"> (shared runtime)`,
      });
    }
  }
  const runtimeUrl = resources.get(`Urls/${resid}`)?.values[0];
  if (runtimeUrl !== undefined && runtimeUrl !== taskpaneUrl) {
    problems.push({
      line: runtime.line,
      message: `the runtime URL ${runtimeUrl} must equal DefaultSettings/SourceLocation ${taskpaneUrl}`,
    });
  }
}

/** The FunctionName of every ExecuteFunction action, in document order. */
export function executeFunctionNames(root: XmlElement): Array<{ name: string; line: number }> {
  return findAll(root, 'Action')
    .filter((action) => xsiType(action) === 'ExecuteFunction')
    .map((action) => {
      const functionName = child(action, 'FunctionName');
      return { name: (functionName?.text ?? '').trim(), line: functionName?.line ?? action.line };
    });
}

function checkCommands(root: XmlElement, commandIds: readonly string[], problems: ManifestProblem[]): void {
  const names = executeFunctionNames(root);
  for (const { name, line } of names) {
    if (!commandIds.includes(name)) {
      problems.push({
        line,
        message: `FunctionName "${name}" is not in COMMAND_IDS (src/commands/registry.ts)`,
      });
    }
  }
  for (const id of commandIds) {
    if (!names.some((entry) => entry.name === id)) {
      problems.push({
        line: null,
        message: `command "${id}" from src/commands/registry.ts has no ExecuteFunction button`,
      });
    }
  }
}

function checkUniqueControlIds(root: XmlElement, problems: ManifestProblem[]): void {
  const seen = new Set<string>();
  for (const element of descendants(root)) {
    if (!['CustomTab', 'Group', 'Control'].includes(element.name)) continue;
    const id = element.attributes.id ?? '';
    if (seen.has(id))
      problems.push({
        line: element.line,
        message: `id "${id}" is used by more than one tab, group or control`,
      });
    seen.add(id);
  }
}

/** The checks no schema can make. Pure apart from reading icon files under rootDir. */
export function checkManifest(xml: string, options: CheckOptions): ManifestProblem[] {
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (error) {
    return [{ line: null, message: `manifest is not well-formed XML: ${(error as Error).message}` }];
  }
  const problems: ManifestProblem[] = [];
  const resources = collectResources(root, problems);
  checkResids(root, resources, problems);
  checkOrigins(root, resources, problems);
  checkIcons(root, resources, options.rootDir, problems);
  checkRequirements(root, problems);
  checkSharedRuntime(root, resources, problems);
  checkCommands(root, options.commandIds ?? COMMAND_IDS, problems);
  checkUniqueControlIds(root, problems);
  return problems;
}

/** XSD validation with xmllint (WebAssembly) against scripts/manifest-schemas/. */
export async function validateAgainstSchema(
  xml: string,
  fileName = 'manifest.xml',
): Promise<ManifestProblem[]> {
  const schemaFiles = readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.xsd'));
  const load = (name: string) => ({
    fileName: name,
    contents: readFileSync(path.join(SCHEMA_DIR, name), 'utf8'),
  });
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [load(SCHEMA_ENTRY)],
    preload: schemaFiles.filter((name) => name !== SCHEMA_ENTRY).map(load),
  });
  if (result.valid) return [];
  const problems = result.errors.map((error) => ({
    line: error.loc?.lineNumber ?? null,
    message: error.message.trim(),
  }));
  // xmllint's closing summary ("manifest.xml fails to validate") repeats what the errors already say.
  const specific = problems.filter((problem) => !/fails to validate$/.test(problem.message));
  return specific.length > 0 ? specific : problems;
}

export async function validateManifest(
  xml: string,
  options: CheckOptions = { rootDir: REPO_ROOT },
): Promise<ManifestProblem[]> {
  const [schemaProblems, crossProblems] = await Promise.all([
    validateAgainstSchema(xml),
    Promise.resolve(checkManifest(xml, options)),
  ]);
  return [...schemaProblems, ...crossProblems];
}

export function formatProblem(fileName: string, problem: ManifestProblem): string {
  return problem.line === null
    ? `${fileName}: ${problem.message}`
    : `${fileName}:${problem.line}: ${problem.message}`;
}

async function main(argv: string[]): Promise<number> {
  const manifestPath = path.resolve(argv[0] ?? path.join(REPO_ROOT, 'manifest.xml'));
  const fileName = path.relative(process.cwd(), manifestPath) || manifestPath;
  const xml = readFileSync(manifestPath, 'utf8');
  const problems = await validateManifest(xml, { rootDir: path.dirname(manifestPath) });
  for (const problem of problems) console.error(formatProblem(fileName, problem));
  if (problems.length > 0) return 1;
  console.log(`${fileName} is valid`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
