import { join } from 'node:path';
import { loadCodeSets } from '../code-sets/code-set-loader.js';
import { isValidNpi as projectNpiCheck } from '../inputs/parsers/npi.js';
import { areNicknameEquivalent } from '../patient-matching/nicknames.js';
import { loadPayerProfiles } from '../rules-engine/context/payer-profiles.js';
import { loadReferenceTables } from '../rules-engine/context/reference-tables.js';
import { DEFAULT_RULES_DIR } from '../rules-engine/context/context-builder.js';
import { NCCI_ADD, NOT_COVERED_DX, SIBLING_CODE } from './encounters.js';
import {
  corruptNpi,
  DIAGNOSES,
  generatePractice,
  isValidNpi,
  memberIdFor,
  NON_BILLABLE_DIAGNOSES,
  PAYERS,
  PROCEDURES,
  requiresAuth,
  SPECIALTIES,
  undot,
} from './practice.js';
import { FEMALE_NAMES, MALE_NAMES, memberIdFormatted } from './patients.js';
import { Rng } from './rng.js';

const tables = join(DEFAULT_RULES_DIR, 'tables');

describe('simulated practice', () => {
  it('has providers with valid, distinct NPIs and NUCC-shaped taxonomies, and every specialty of the issue', () => {
    const p = generatePractice(new Rng('practice'));
    const npis = [p.npi, p.facility.npi, ...p.providers.map((x) => x.npi)];
    expect(new Set(npis).size).toBe(npis.length);
    for (const npi of npis) {
      expect(isValidNpi(npi)).toBe(true);
      expect(projectNpiCheck(npi)).toBe(true);
      expect(projectNpiCheck(corruptNpi(npi))).toBe(false);
    }
    for (const t of [p.taxonomy, p.facility.taxonomy, ...p.providers.map((x) => x.taxonomy)]) {
      expect(t).toMatch(/^[0-9]{3}[0-9A-Z]{6}X$/);
    }
    expect(SPECIALTIES.map((s) => s.id).sort()).toEqual([
      'cardiology',
      'dermatology',
      'orthopedics',
      'primary-care',
    ]);
    expect(PAYERS.length).toBeGreaterThanOrEqual(4);
    expect(new Set(PAYERS.map((x) => x.kind))).toEqual(
      new Set(['commercial', 'medicare', 'medicare-advantage', 'medicaid']),
    );
  });

  it('bills ICD-10-CM codes billable in FY2025 and FY2026, and its non-billable slips are headers', () => {
    const codeSets = loadCodeSets(tables);
    const used = new Set([...Object.keys(DIAGNOSES), ...Object.values(NOT_COVERED_DX)]);
    for (const s of SPECIALTIES) for (const pr of s.problems) for (const dx of pr.dx) used.add(dx);
    for (const dx of used) {
      expect(DIAGNOSES[dx]).toBeDefined();
      for (const date of ['2025-06-01', '2026-01-15']) {
        expect({ dx, date, status: codeSets.icd10(undot(dx), date).status }).toEqual({
          dx,
          date,
          status: 'billable',
        });
      }
    }
    for (const [full, cut] of Object.entries(NON_BILLABLE_DIAGNOSES)) {
      expect(full.startsWith(cut)).toBe(true);
      expect(codeSets.icd10(undot(cut), '2026-01-15').status).toBe('header');
    }
  });

  it('bills HCPCS codes and modifiers that are in the 2026 release, and an invalid modifier that is not', () => {
    const codeSets = loadCodeSets(tables);
    for (const code of Object.keys(PROCEDURES).filter((c) => /^[A-Z]/.test(c))) {
      expect(codeSets.procedureCode(code, '2026-01-15').status).toBe('valid');
    }
    for (const m of ['RT', 'LT']) expect(codeSets.modifier(m, '2026-01-15').status).toBe('valid');
    expect(codeSets.modifier('RX', '2026-01-15').status).toBe('unknown');
  });

  it('mirrors the rule pack: payer profiles, MUE limits, NCCI pairs and coverage policies it relies on', () => {
    const profiles = loadPayerProfiles(join(DEFAULT_RULES_DIR, 'payers'));
    const codes = [...Object.keys(PROCEDURES), '73722', '72149', '97112', '97124', '93308'];
    for (const payer of PAYERS.filter((x) => x.profile === 'rules/payers')) {
      const profile = profiles.forPayer(payer.id);
      expect(profile.payerIds).toContain(payer.id);
      expect(profile.timelyFilingDays).toBe(payer.timelyFilingDays);
      expect(profile.memberIdPattern === null).toBe(payer.memberIdPattern === null);
      for (const code of codes)
        expect({ payer: payer.id, code, auth: requiresAuth(payer, code) }).toEqual({
          payer: payer.id,
          code,
          auth: profile.priorAuthCodes.has(code),
        });
    }
    // The simulator's own payers ship in rules/payers too (written byte for byte by the simulator).
    for (const payer of PAYERS.filter((x) => x.profile === 'simulator'))
      expect(profiles.forPayer(payer.id).payerIds).toEqual([payer.id]);
    // Member ids follow each payer's pattern (and the dashed form of the member-id-format defect does not).
    const rng = new Rng('ids');
    for (const payer of PAYERS) {
      const pattern = payer.memberIdPattern === null ? null : new RegExp(payer.memberIdPattern);
      for (let i = 0; i < 20; i++) {
        const id = memberIdFor(payer, rng);
        if (pattern) {
          expect(pattern.test(id)).toBe(true);
          expect(pattern.test(memberIdFormatted(id))).toBe(false);
        }
      }
    }
    const t = loadReferenceTables(tables, { operatorDir: null });
    for (const p of Object.values(PROCEDURES)) {
      expect({ code: p.code, mue: t.mue(p.code, '2026-01-15')?.maxUnits }).toEqual({
        code: p.code,
        mue: p.mue,
      });
    }
    for (const [col1, col2] of Object.entries(NCCI_ADD)) {
      expect(t.ncciPairs(col1, '2026-01-15').find((x) => x.column2 === col2)?.modifierIndicator).toBe(0);
    }
    for (const [code, dx] of Object.entries(NOT_COVERED_DX)) {
      for (const payer of PAYERS) {
        const policies = t.diagnosisCoverage(payer.id, code, '2026-01-15');
        expect(policies.length).toBeGreaterThan(0);
        expect(policies.some((p) => p.coveredDiagnoses.some((f) => undot(dx).startsWith(f)))).toBe(false);
      }
    }
    for (const [code, sibling] of Object.entries(SIBLING_CODE)) expect(sibling).not.toBe(code);
  });

  it('uses nicknames the patient matcher knows', () => {
    for (const [name, nick] of [...FEMALE_NAMES, ...MALE_NAMES]) {
      if (nick !== null)
        expect({ name, nick, ok: areNicknameEquivalent(name, nick) }).toEqual({ name, nick, ok: true });
    }
  });
});
