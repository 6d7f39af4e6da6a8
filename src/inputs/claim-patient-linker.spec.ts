import { ClaimPatientLinker } from './claim-patient-linker.js';
import type { ClaimIdentity, LinkTargetKind, TargetIdentity } from './patient-links.repository.js';

const claim: ClaimIdentity = {
  id: 'c1',
  payerId: 'PAYER1',
  memberId: 'ZZT-000 123',
  lastName: 'TESTPATIENT',
  firstName: 'ALPHA',
  dob: '1980-01-01',
  serviceDateFrom: '2024-01-15',
  serviceDateTo: '2024-01-15',
};

function target(id: string, over: Partial<TargetIdentity> = {}): TargetIdentity {
  return {
    id,
    payerId: null,
    memberId: 'ZZT000123',
    lastName: 'TESTPATIENT',
    firstName: 'ALPHA',
    dob: '1980-01-01',
    ...over,
  };
}

function targets(
  over: Partial<Record<LinkTargetKind, TargetIdentity[]>>,
): Record<LinkTargetKind, TargetIdentity[]> {
  return { eligibility: [], documentation: [], authorization: [], 'fhir-patient': [], ...over };
}

describe('ClaimPatientLinker', () => {
  it('links by normalized member id and DOB, to every record of the person', () => {
    const sut = new ClaimPatientLinker(
      targets({
        eligibility: [
          target('e1', { payerId: 'PAYER1' }),
          target('e2', { payerId: 'PAYER1', memberId: 'zzt000123' }),
        ],
      }),
    );
    const { links, problems } = sut.link(claim);
    expect(links).toEqual([
      { targetKind: 'eligibility', targetId: 'e1', method: 'member-id+dob', score: 1, confidence: 'match' },
      { targetKind: 'eligibility', targetId: 'e2', method: 'member-id+dob', score: 1, confidence: 'match' },
    ]);
    expect(problems).toEqual([]);
  });

  it('keeps only the notes dated within the claim service dates', () => {
    const sut = new ClaimPatientLinker(
      targets({
        documentation: [
          target('d1', { serviceDate: '2024-01-15' }),
          target('d2', { serviceDate: '2024-01-16' }),
          target('d3', { serviceDate: '2024-01-14' }),
        ],
      }),
    );
    expect(sut.link(claim).links.map((l) => l.targetId)).toEqual(['d1']);
    expect(sut.link({ ...claim, serviceDateTo: '2024-01-16' }).links.map((l) => l.targetId)).toEqual([
      'd1',
      'd2',
    ]);
  });

  it('reports a missing patient only for kinds that hold records', () => {
    const sut = new ClaimPatientLinker(
      targets({
        eligibility: [target('e1', { memberId: 'OTHER1', lastName: 'SOMEONE', dob: '1990-05-05' })],
      }),
    );
    const { links, problems } = sut.link(claim);
    expect(links).toEqual([]);
    expect(problems.map((p) => [p.targetKind, p.kind, p.targetId])).toEqual([
      ['eligibility', 'missing-patient', null],
    ]);
  });

  it('carries the problems of a probable link onto that record', () => {
    const sut = new ClaimPatientLinker(targets({ authorization: [target('a1', { dob: '1980-10-01' })] }));
    const { links, problems } = sut.link(claim);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ targetId: 'a1', confidence: 'probable' });
    expect(problems).toEqual([
      expect.objectContaining({ targetKind: 'authorization', targetId: 'a1', kind: 'dob-mismatch' }),
    ]);
  });

  it('finds the same person under two member ids on the roster', () => {
    const sut = new ClaimPatientLinker(
      targets({
        eligibility: [
          target('e1'),
          target('e2', { memberId: 'TESTMEM001' }),
          target('e3', { memberId: 'X9', lastName: 'OTHER' }),
        ],
      }),
    );
    const rows = sut.rosterProblems();
    expect(rows.map((r) => [r.kind, r.targetId])).toEqual([
      ['duplicate-record', 'e1'],
      ['duplicate-record', 'e2'],
    ]);
    expect(rows[0]!.detail).toEqual({ records: 2, memberIds: 'ZZT000123;TESTMEM001' });
  });
});
