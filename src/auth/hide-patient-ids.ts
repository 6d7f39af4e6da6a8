import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  SetMetadata,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, type Observable } from 'rxjs';
import type { RequestWithActor } from './access.decorators.js';
import type { Role } from './roles.js';

const HIDE_KEY = 'claimguard:hide-patient-ids';

/** Answer fields that identify a patient (directly, or through the practice's account number). */
export const PATIENT_ID_FIELDS = new Set([
  'patientControlNumber',
  'patientName',
  'patientFirstName',
  'patientLastName',
  'patient',
  'memberId',
  'subscriberId',
  'subscriberName',
  'dateOfBirth',
  'birthDate',
  'dob',
]);

/** A copy of `value` without patient-identifying fields, at any depth. */
export function withoutPatientIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPatientIds);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (!PATIENT_ID_FIELDS.has(k)) out[k] = withoutPatientIds(v);
  }
  return out;
}

@Injectable()
export class HidePatientIdsInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const roles = this.reflector.get<Role[] | undefined>(HIDE_KEY, context.getHandler()) ?? [];
    const role = context.switchToHttp().getRequest<RequestWithActor>().actor?.role;
    if (role === undefined || !roles.includes(role)) return next.handle();
    return next.handle().pipe(map(withoutPatientIds));
  }
}

/**
 * Lists answered to these roles leave out patient identifiers (finance sees aggregates and claim
 * ids; opening one claim shows the patient, and that view is audited). Applies to CSV exports too:
 * method interceptors run inside the controller's CSV conversion.
 */
export const HidePatientIdsFrom = (...roles: Role[]) =>
  applyDecorators(SetMetadata(HIDE_KEY, roles), UseInterceptors(HidePatientIdsInterceptor));
