import { jest } from '@jest/globals';
import { NotFoundError } from '../common/domain-errors.js';
import { decodeCursor, encodeCursor, parseSort } from '../common/pagination.js';
import type { PatientLinksRepository } from '../inputs/patient-links.repository.js';
import type { RemitsService } from '../remits/remits.service.js';
import type { ClaimEntity } from './claim.entity.js';
import type { ClaimsRepository } from './claims.repository.js';
import { ClaimsService } from './claims.service.js';
import { CLAIM_SORT_FIELDS, ListClaimsQueryDto } from './dto/claim-query.dto.js';

/** A mock that answers only what the test gave it and fails on any other member. */
function strictMock<T extends object>(impl: Partial<T>): T {
  return new Proxy(impl, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === 'then') return undefined;
      throw new Error(`unexpected call: ${String(prop)}`);
    },
  }) as T;
}

const ID = (n: number) => `019a1b2c-3d4e-7f00-8a00-${String(n).padStart(12, '0')}`;

function claim(n: number, over: Partial<ClaimEntity> = {}): ClaimEntity {
  return {
    id: ID(n),
    fileId: ID(900),
    claimType: 'professional',
    patientControlNumber: `PCN${n}`,
    status: 'submitted',
    submission: 'original',
    frequencyCode: '1',
    payerId: 'P1',
    payerName: 'Payer',
    subscriberMemberId: 'M1',
    patientLastName: 'DOE',
    patientFirstName: 'JO',
    patientBirthDate: null,
    billingNpi: '1111111111',
    billingName: 'Clinic',
    renderingNpi: '2222222222',
    serviceDateFrom: '2026-01-01',
    serviceDateTo: '2026-01-01',
    totalChargeCents: 100 * n,
    paidCents: 0,
    patientResponsibilityCents: 0,
    findingCount: 0,
    receivedAt: '2026-02-01T00:00:00.000Z',
    supersededById: null,
    duplicateOfId: null,
    detail: { n },
    ...over,
  } as ClaimEntity;
}

function query(q: Partial<ListClaimsQueryDto>): ListClaimsQueryDto {
  return Object.assign(new ListClaimsQueryDto(), q);
}

describe('ClaimsService.list', () => {
  it('asks for one row more than the page and points the cursor after the last row shown', async () => {
    const findSummaryPage = jest
      .fn<ClaimsRepository['findSummaryPage']>()
      .mockResolvedValue([claim(1), claim(2), claim(3, { serviceDateFrom: null })]);
    const sut = new ClaimsService(
      strictMock<ClaimsRepository>({ findSummaryPage }),
      strictMock<RemitsService>({}),
      strictMock<PatientLinksRepository>({}),
    );

    const page = await sut.list(
      query({ sort: 'serviceDateFrom', limit: 2, payerId: 'P1', status: ['paid'] }),
    );

    const sort = parseSort('serviceDateFrom', CLAIM_SORT_FIELDS);
    expect(findSummaryPage).toHaveBeenCalledWith(
      expect.objectContaining({ payerId: 'P1', statuses: ['paid'] }),
      sort,
      null,
      3,
    );
    expect(page.items.map((c) => c.id)).toEqual([ID(1), ID(2)]);
    expect(page.items[0]).not.toHaveProperty('detail');
    expect(decodeCursor(page.nextCursor!, sort, CLAIM_SORT_FIELDS)).toEqual({
      value: '2026-01-01',
      id: ID(2),
    });
  });

  it('passes the decoded cursor on, and answers no cursor on the last page', async () => {
    const findSummaryPage = jest.fn<ClaimsRepository['findSummaryPage']>().mockResolvedValue([claim(4)]);
    const sut = new ClaimsService(
      strictMock<ClaimsRepository>({ findSummaryPage }),
      strictMock<RemitsService>({}),
      strictMock<PatientLinksRepository>({}),
    );
    const sort = parseSort('-totalCharge', CLAIM_SORT_FIELDS);
    const cursor = encodeCursor(sort, { value: 500, id: ID(5) });

    const page = await sut.list(query({ sort: '-totalCharge', limit: 10, cursor }));

    expect(findSummaryPage).toHaveBeenCalledWith(expect.anything(), sort, { value: 500, id: ID(5) }, 11);
    expect(page).toEqual({
      items: [expect.objectContaining({ id: ID(4), totalChargeCents: 400 })],
      nextCursor: null,
    });
  });
});

describe('ClaimsService.get', () => {
  const parts = {
    findLines: async () => [],
    findDiagnoses: async () => [],
    findProviders: async () => [],
    findHistory: async () => [],
  };

  it('answers NotFoundError for an unknown claim without reading its parts', async () => {
    const sut = new ClaimsService(
      strictMock<ClaimsRepository>({ findById: async () => null }),
      strictMock<RemitsService>({}),
      strictMock<PatientLinksRepository>({}),
    );
    await expect(sut.get(ID(1), {})).rejects.toThrow(NotFoundError);
  });

  it('adds the stored model only with include=detail', async () => {
    const sut = new ClaimsService(
      strictMock<ClaimsRepository>({ findById: async () => claim(1), ...parts }),
      strictMock<RemitsService>({ paymentsOfClaim: async () => [] }),
      strictMock<PatientLinksRepository>({ findForClaim: async () => ({ links: [], problems: [] }) }),
    );
    expect(await sut.get(ID(1), {})).not.toHaveProperty('detail');
    expect(await sut.get(ID(1), { include: 'detail' })).toMatchObject({ id: ID(1), detail: { n: 1 } });
  });

  it('shows patient links with their score as a fraction, and identity problems', async () => {
    const sut = new ClaimsService(
      strictMock<ClaimsRepository>({ findById: async () => claim(1), ...parts }),
      strictMock<RemitsService>({ paymentsOfClaim: async () => [] }),
      strictMock<PatientLinksRepository>({
        findForClaim: async () => ({
          links: [
            {
              id: ID(7),
              claimId: ID(1),
              targetKind: 'eligibility',
              targetId: ID(8),
              method: 'member-id+dob',
              scoreMilli: 875,
              confidence: 'probable',
              linkedAt: '2026-02-01T00:00:00.000Z',
            },
          ],
          problems: [
            {
              id: ID(9),
              claimId: ID(1),
              targetKind: 'eligibility',
              targetId: ID(8),
              kind: 'name-mismatch',
              reason: 'names differ',
              detail: { claimName: 'DOE, JO' },
              foundAt: '2026-02-01T00:00:00.000Z',
            },
          ],
        }),
      }),
    );
    const detail = await sut.get(ID(1), {});
    expect(detail.patientLinks).toEqual([
      {
        targetKind: 'eligibility',
        targetId: ID(8),
        method: 'member-id+dob',
        score: 0.875,
        confidence: 'probable',
      },
    ]);
    expect(detail.patientProblems).toEqual([
      {
        targetKind: 'eligibility',
        targetId: ID(8),
        kind: 'name-mismatch',
        reason: 'names differ',
        detail: { claimName: 'DOE, JO' },
      },
    ]);
  });
});
