import { ClaimEvaluationEntity } from '../findings/claim-evaluation.entity.js';
import { FindingOverrideEntity } from '../findings/finding-override.entity.js';
import { FindingEntity } from '../findings/finding.entity.js';
import { AuthorizationEntity } from '../inputs/authorization.entity.js';
import { ClinicalDocumentEntity } from '../inputs/clinical-document.entity.js';
import { ContractRateEntity } from '../inputs/contract-rate.entity.js';
import { EligibilityCoverageEntity } from '../inputs/eligibility-coverage.entity.js';
import { FhirPatientEntity } from '../inputs/fhir-patient.entity.js';
import { InputImportEntity } from '../inputs/input-import.entity.js';
import { PatientLinkEntity } from '../inputs/patient-link.entity.js';
import { PatientProblemEntity } from '../inputs/patient-problem.entity.js';
import { ClaimDiagnosisEntity } from '../claims/claim-diagnosis.entity.js';
import { ClaimEntity } from '../claims/claim.entity.js';
import { ClaimEventEntity } from '../claims/claim-event.entity.js';
import { ClaimLineEntity } from '../claims/claim-line.entity.js';
import { ClaimPaymentEntity } from '../remits/claim-payment.entity.js';
import { ClaimProviderEntity } from '../claims/claim-provider.entity.js';
import { FileIssueEntity } from '../ingest/file-issue.entity.js';
import { PaymentAdjustmentEntity } from '../remits/payment-adjustment.entity.js';
import { ProviderAdjustmentEntity } from '../remits/provider-adjustment.entity.js';
import { ReceivedFileEntity } from '../ingest/received-file.entity.js';
import { RemarkCodeEntity } from '../remits/remark-code.entity.js';
import { RemittanceEntity } from '../remits/remittance.entity.js';
import { ServicePaymentEntity } from '../remits/service-payment.entity.js';

/** Every entity, for the DataSource (explicit: ESM has no glob loading). */
export const ENTITIES = [
  ReceivedFileEntity,
  FileIssueEntity,
  ClaimEntity,
  ClaimLineEntity,
  ClaimDiagnosisEntity,
  ClaimProviderEntity,
  ClaimEventEntity,
  RemittanceEntity,
  ClaimPaymentEntity,
  ServicePaymentEntity,
  PaymentAdjustmentEntity,
  RemarkCodeEntity,
  ProviderAdjustmentEntity,
  InputImportEntity,
  AuthorizationEntity,
  ClinicalDocumentEntity,
  EligibilityCoverageEntity,
  ContractRateEntity,
  FhirPatientEntity,
  PatientLinkEntity,
  PatientProblemEntity,
  FindingEntity,
  ClaimEvaluationEntity,
  FindingOverrideEntity,
];
