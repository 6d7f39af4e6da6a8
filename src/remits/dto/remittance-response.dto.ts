import { ApiProperty } from '@nestjs/swagger';

/** A CAS adjustment: group, CARC reason, amount and quantity. */
export class AdjustmentDto {
  @ApiProperty({ description: 'CAS01 group: CO, PR, OA, PI, CR.', example: 'CO' })
  groupCode!: string;

  @ApiProperty({ description: 'CAS02/05/... claim adjustment reason code (CARC).', example: '45' })
  reasonCode!: string;

  @ApiProperty({ description: 'Amount in cents (negative for a reversal of an adjustment).', example: 2500 })
  amountCents!: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'Adjusted quantity (units), when sent.' })
  quantity!: number | null;
}

/** A 2110 SVC line of a claim payment. */
export class ServicePaymentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ type: 'string', format: 'uuid', nullable: true, description: 'The claim line it pays.' })
  claimLineId!: string | null;

  @ApiProperty({ description: 'Order within the claim payment, from 1.' })
  seq!: number;

  @ApiProperty({ example: 'HC' })
  procedureQualifier!: string;

  @ApiProperty({ example: '99213' })
  procedureCode!: string;

  @ApiProperty({ type: [String], example: ['25'] })
  modifiers!: string[];

  @ApiProperty({ description: 'Revenue code (institutional), or empty.' })
  revenueCode!: string;

  @ApiProperty({ description: 'SVC02 charge in cents.' })
  chargeCents!: number;

  @ApiProperty({ description: 'SVC03 paid in cents.' })
  paidCents!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'AMT B6 allowed amount in cents.' })
  allowedCents!: number | null;

  @ApiProperty({ type: 'number', nullable: true })
  units!: number | null;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  serviceDate!: string | null;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  serviceDateEnd!: string | null;

  @ApiProperty({ description: 'REF 6R line item control number.' })
  controlNumber!: string;

  @ApiProperty({ type: [AdjustmentDto], description: 'Service-level CAS.' })
  adjustments!: AdjustmentDto[];

  @ApiProperty({ type: [String], description: 'Service-level remark codes (LQ HE).', example: ['N130'] })
  remarkCodes!: string[];
}

/** A 2100 CLP without its parts. */
export class ClaimPaymentSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  remittanceId!: string;

  @ApiProperty({
    type: 'string',
    format: 'uuid',
    nullable: true,
    description: 'The claim paid; null while unmatched.',
  })
  claimId!: string | null;

  @ApiProperty({ enum: ['matched', 'unmatched', 'manual'] })
  matchStatus!: string;

  @ApiProperty({ description: 'CLP01 patient control number.' })
  patientControlNumber!: string;

  @ApiProperty({ description: 'CLP02 claim status code (1 processed as primary, 4 denied, 22 reversal...).' })
  statusCode!: string;

  @ApiProperty({ description: 'CLP03 charge in cents.' })
  chargeCents!: number;

  @ApiProperty({ description: 'CLP04 paid in cents.' })
  paidCents!: number;

  @ApiProperty({ type: 'integer', nullable: true, description: 'CLP05 patient responsibility in cents.' })
  patientResponsibilityCents!: number | null;

  @ApiProperty({ description: 'CLP06 claim filing indicator.' })
  claimFilingIndicator!: string;

  @ApiProperty({ description: 'CLP07 payer claim control number.' })
  payerClaimControlNumber!: string;

  @ApiProperty({ description: 'CLP08 facility code.' })
  facilityCode!: string;

  @ApiProperty({ description: 'CLP09 frequency code.' })
  frequencyCode!: string;

  @ApiProperty({ description: 'CLP02 = 22: reverses an earlier payment.' })
  isReversal!: boolean;

  @ApiProperty()
  patientLastName!: string;

  @ApiProperty()
  patientFirstName!: string;

  @ApiProperty({ description: 'NM1 QC/IL member id.' })
  memberId!: string;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  statementFrom!: string | null;

  @ApiProperty({ type: 'string', format: 'date', nullable: true })
  statementTo!: string | null;
}

/** A 2100 CLP with its claim-level adjustments and remarks and its service payments. */
export class ClaimPaymentDto extends ClaimPaymentSummaryDto {
  @ApiProperty({ type: [AdjustmentDto], description: 'Claim-level CAS.' })
  adjustments!: AdjustmentDto[];

  @ApiProperty({ type: [String], description: 'Claim-level remark codes (MIA/MOA).', example: ['MA01'] })
  remarkCodes!: string[];

  @ApiProperty({ type: [ServicePaymentDto] })
  services!: ServicePaymentDto[];
}

/** The remittance a claim payment came in: who paid, the trace number and when. */
export class RemittanceBasicsDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'Payer id (N1 PR REF 2U, or TRN03).' })
  payerId!: string;

  @ApiProperty()
  payerName!: string;

  @ApiProperty({ description: 'TRN02 check or EFT trace number.' })
  traceNumber!: string;

  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'BPR16 payment date.' })
  paymentDate!: string | null;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;
}

/** A claim payment as seen from its claim: with the remittance it came in. */
export class LinkedClaimPaymentDto extends ClaimPaymentDto {
  @ApiProperty({ type: RemittanceBasicsDto })
  remittance!: RemittanceBasicsDto;
}

/** A claim payment no claim could be matched to, with the remittance it came in. */
export class UnmatchedClaimPaymentDto extends ClaimPaymentSummaryDto {
  @ApiProperty({ type: RemittanceBasicsDto })
  remittance!: RemittanceBasicsDto;
}

export class UnmatchedClaimPaymentPageDto {
  @ApiProperty({ type: [UnmatchedClaimPaymentDto] })
  items!: UnmatchedClaimPaymentDto[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Cursor of the next page; null on the last.' })
  nextCursor!: string | null;
}

/** An 835 transaction set in lists. */
export class RemittanceSummaryDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid', description: 'The received file it came in.' })
  fileId!: string;

  @ApiProperty()
  payerId!: string;

  @ApiProperty()
  payerName!: string;

  @ApiProperty()
  payeeName!: string;

  @ApiProperty()
  payeeNpi!: string;

  @ApiProperty({ description: 'TRN02 check or EFT trace number.' })
  traceNumber!: string;

  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'BPR16 payment date.' })
  paymentDate!: string | null;

  @ApiProperty({ description: 'BPR02 total payment in cents.' })
  totalPaymentCents!: number;

  @ApiProperty({ description: 'Σ PLB provider adjustments in cents.' })
  providerAdjustmentCents!: number;

  @ApiProperty({ description: 'BPR01 handling code (I remittance and payment, H notification only...).' })
  handlingCode!: string;

  @ApiProperty({ description: 'BPR04 payment method (ACH, CHK, NON...).' })
  paymentMethod!: string;

  @ApiProperty({ description: 'BPR03 C credit, D debit.' })
  creditDebit!: string;

  @ApiProperty()
  claimPaymentCount!: number;

  @ApiProperty({ format: 'date-time' })
  receivedAt!: string;
}

export class RemittancePageDto {
  @ApiProperty({ type: [RemittanceSummaryDto] })
  items!: RemittanceSummaryDto[];

  @ApiProperty({ type: 'string', nullable: true, description: 'Cursor of the next page; null on the last.' })
  nextCursor!: string | null;
}

/** A PLB provider-level adjustment. */
export class ProviderAdjustmentDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ description: 'PLB01 provider identifier.' })
  providerId!: string;

  @ApiProperty({ type: 'string', format: 'date', nullable: true, description: 'PLB02 fiscal period date.' })
  fiscalPeriodDate!: string | null;

  @ApiProperty({ description: 'PLB03-1 adjustment reason (WO, FB, L6, 72...).' })
  reason!: string;

  @ApiProperty({ description: 'PLB03-2 reference.' })
  reference!: string;

  @ApiProperty({ description: 'Amount in cents (positive reduces the payment).' })
  amountCents!: number;
}

/** An 835 transaction set with its claim payments and PLB adjustments. */
export class RemittanceDetailDto extends RemittanceSummaryDto {
  @ApiProperty()
  payeeTaxId!: string;

  @ApiProperty({ description: 'ISA13.' })
  interchangeControlNumber!: string;

  @ApiProperty({ description: 'ST02.' })
  transactionControlNumber!: string;

  @ApiProperty({ type: [ClaimPaymentDto], description: 'In file order.' })
  claimPayments!: ClaimPaymentDto[];

  @ApiProperty({ type: [ProviderAdjustmentDto] })
  providerAdjustments!: ProviderAdjustmentDto[];
}
