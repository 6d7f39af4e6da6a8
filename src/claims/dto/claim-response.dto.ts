import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LinkedClaimPaymentDto } from '../../remits/dto/remittance-response.dto.js';
import { CLAIM_STATUSES } from './claim-query.dto.js';

/** A claim in lists. Money is integer cents; dates of service are YYYY-MM-DD. */
export class ClaimSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The received file it came in.' })
  fileId!: string;

  @ApiProperty({ enum: ['professional', 'institutional', 'dental'] })
  claimType!: string;

  @ApiProperty({ description: 'CLM01 patient control number.' })
  patientControlNumber!: string;

  @ApiProperty({ enum: CLAIM_STATUSES })
  status!: string;

  @ApiProperty({ enum: ['original', 'duplicate', 'replacement', 'void'] })
  submission!: string;

  @ApiProperty({ description: 'CLM05-3: 1 original, 7 replacement, 8 void.' })
  frequencyCode!: string;

  @ApiProperty({ description: '2010BB NM109.' })
  payerId!: string;

  @ApiProperty()
  payerName!: string;

  @ApiProperty({ description: '2010BA NM109.' })
  subscriberMemberId!: string;

  @ApiProperty()
  patientLastName!: string;

  @ApiProperty()
  patientFirstName!: string;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  patientBirthDate!: string | null;

  @ApiProperty()
  billingNpi!: string;

  @ApiProperty()
  billingName!: string;

  @ApiProperty()
  renderingNpi!: string;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  serviceDateFrom!: string | null;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  serviceDateTo!: string | null;

  @ApiProperty({ description: 'CLM02 total charge in cents.', example: 15000 })
  totalChargeCents!: number;

  @ApiProperty({ description: 'Σ CLP04 of linked payments, in cents.' })
  paidCents!: number;

  @ApiProperty({ description: 'Σ CLP05 of linked payments, in cents.' })
  patientResponsibilityCents!: number;

  @ApiProperty()
  findingCount!: number;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;
}

export class ClaimPageDto {
  @ApiProperty({ type: [ClaimSummaryDto] })
  items!: ClaimSummaryDto[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Cursor of the next page; null on the last.' })
  nextCursor!: string | null;
}

/** A 2400 service line. */
export class ClaimLineDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'LX01.' })
  lineNumber!: number;

  @ApiProperty({ example: 'HC' })
  procedureQualifier!: string;

  @ApiProperty({ example: '99213' })
  procedureCode!: string;

  @ApiProperty({ type: [String], example: ['25'] })
  modifiers!: string[];

  @ApiProperty({ description: 'SV201 revenue code (institutional), or empty.' })
  revenueCode!: string;

  @ApiProperty()
  chargeCents!: number;

  @ApiProperty({ type: 'number', nullable: true })
  units!: number | null;

  @ApiProperty({ description: 'UN units, MJ minutes...' })
  unitBasis!: string;

  @ApiProperty()
  placeOfService!: string;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  serviceDate!: string | null;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  serviceDateEnd!: string | null;

  @ApiProperty({ description: 'REF 6R line item control number.' })
  controlNumber!: string;

  @ApiProperty()
  ndc!: string;

  @ApiProperty({ type: [Number], description: '1-based pointers into diagnoses.', example: [1, 2] })
  diagnosisPointers!: number[];

  @ApiProperty()
  priorAuthorization!: string;

  @ApiProperty()
  renderingNpi!: string;
}

/** An HI diagnosis code, principal first. */
export class ClaimDiagnosisDto {
  @ApiProperty()
  seq!: number;

  @ApiProperty({ example: 'ABK' })
  qualifier!: string;

  @ApiProperty({ example: 'E119' })
  code!: string;

  @ApiProperty({ example: 'principal' })
  role!: string;

  @ApiProperty({ description: 'Y, N, U, W, 1 or empty.' })
  presentOnAdmission!: string;
}

/** A provider on the claim. */
export class ClaimProviderDto {
  @ApiProperty({ example: 'rendering' })
  role!: string;

  @ApiProperty()
  npi!: string;

  @ApiProperty()
  taxId!: string;

  @ApiProperty()
  lastOrOrgName!: string;

  @ApiProperty()
  firstName!: string;

  @ApiProperty()
  taxonomy!: string;
}

/** One step of a claim's history. */
export class ClaimEventDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'date-time' })
  at!: string;

  @ApiProperty({ example: 'received' })
  kind!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  fileId!: string | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'The other claim or claim payment concerned (for `reevaluated`: the job run).',
  })
  relatedId!: string | null;

  @ApiProperty()
  detail!: string;
}

/** A claim with everything known about it. */
export class PatientLinkDto {
  @ApiProperty({ enum: ['eligibility', 'documentation', 'authorization', 'fhir-patient'] })
  targetKind!: string;

  @ApiProperty({ format: 'uuid' })
  targetId!: string;

  @ApiProperty({ description: 'How the match was made, e.g. member-id+dob.' })
  method!: string;

  @ApiProperty({ minimum: 0, maximum: 1 })
  score!: number;

  @ApiProperty({ enum: ['match', 'probable'] })
  confidence!: string;
}

export class PatientProblemDto {
  @ApiProperty({ enum: ['eligibility', 'documentation', 'authorization', 'fhir-patient'] })
  targetKind!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true })
  targetId!: string | null;

  @ApiProperty({
    description: 'name-mismatch, dob-mismatch, member-id-typo, member-id-mismatch, missing-patient, ...',
  })
  kind!: string;

  @ApiProperty()
  reason!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  detail!: Record<string, string | number>;
}

export class ClaimDetailDto extends ClaimSummaryDto {
  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'The claim that replaced or voided this one.',
  })
  supersededById!: string | null;

  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'The original this claim repeats.',
  })
  duplicateOfId!: string | null;

  @ApiProperty({ type: [ClaimLineDto] })
  lines!: ClaimLineDto[];

  @ApiProperty({ type: [ClaimDiagnosisDto] })
  diagnoses!: ClaimDiagnosisDto[];

  @ApiProperty({ type: [ClaimProviderDto] })
  providers!: ClaimProviderDto[];

  @ApiProperty({ type: [ClaimEventDto], description: 'Oldest first.' })
  history!: ClaimEventDto[];

  @ApiProperty({
    type: [LinkedClaimPaymentDto],
    description: 'Claim payments linked to this claim, with their remittance, oldest remittance first.',
  })
  remittances!: LinkedClaimPaymentDto[];

  @ApiProperty({
    type: [PatientLinkDto],
    description:
      "Roster, documentation, authorization and FHIR patient records matched to the claim's patient.",
  })
  patientLinks!: PatientLinkDto[];

  @ApiProperty({ type: [PatientProblemDto], description: 'Identity problems found while matching.' })
  patientProblems!: PatientProblemDto[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The parsed claim model as stored at ingest; only with `include=detail`.',
  })
  detail?: Record<string, unknown>;
}
