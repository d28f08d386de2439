import { Settings } from '../../src/core/schemas';
import { roleOverrideFor, signOverrideFor, withRoleOverride } from '../../src/core/settings';

const id = { sheet: 'Drift', table: 'verksamhet#0', column: 'prognoshelar', letter: 'E' };

describe('role and sign overrides', () => {
  it('reads version 1 settings (objects keyed by sheet and letter) as lists', () => {
    const s = Settings.parse({
      version: 1,
      roleOverrides: { Drift: { E: 'forecast' } },
      signOverrides: { Drift: 'costs_positive' },
    });
    expect(s.version).toBe(2);
    expect(s.roleOverrides).toEqual([{ sheet: 'Drift', letter: 'E', role: 'forecast' }]);
    expect(roleOverrideFor(s, id)).toBe('forecast');
    // A letter entry follows the letter: another column at E gets it, the moved column does not.
    expect(roleOverrideFor(s, { ...id, letter: 'G' })).toBeUndefined();
    expect(signOverrideFor(s, 'drift', 'verksamhet#0')).toBe('costs_positive');
  });

  it('stores a correction against the column key, so it follows the column when columns are inserted', () => {
    const s = withRoleOverride(Settings.parse({}), id, 'deviation_annual');
    expect(roleOverrideFor(s, { ...id, letter: 'G' })).toBe('deviation_annual');
    expect(roleOverrideFor(s, { ...id, column: 'budgethelar' })).toBeUndefined();
    expect(roleOverrideFor(withRoleOverride(s, id, undefined), id)).toBeUndefined();
  });

  it('a later correction replaces a version 1 entry for the same column', () => {
    const old = Settings.parse({ roleOverrides: { Drift: { E: 'forecast' } } });
    const s = withRoleOverride(old, id, 'other');
    expect(s.roleOverrides).toEqual([
      { sheet: 'Drift', table: 'verksamhet#0', column: 'prognoshelar', role: 'other' },
    ]);
  });

  it('sheet names such as constructor or __proto__ are ordinary names', () => {
    const s = Settings.parse({ roleOverrides: { constructor: { B: 'outcome' }, __proto__: { C: 'other' } } });
    expect(roleOverrideFor(s, { ...id, sheet: 'constructor', letter: 'B' })).toBe('outcome');
    expect(roleOverrideFor(s, { ...id, sheet: 'toString', letter: 'B' })).toBeUndefined();
    expect(signOverrideFor(s, '__proto__', 'x')).toBeUndefined();
  });
});
