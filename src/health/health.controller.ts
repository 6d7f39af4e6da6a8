import { Controller, Get } from '@nestjs/common';
import { Public } from '../auth/access.decorators.js';

export interface HealthStatus {
  status: 'ok';
  service: 'claimguard';
  uptimeSeconds: number;
}

/** Liveness for load balancers and the CI smoke test. */
@Controller('api/v1/health')
@Public()
export class HealthController {
  @Get()
  get(): HealthStatus {
    return { status: 'ok', service: 'claimguard', uptimeSeconds: Math.round(process.uptime()) };
  }
}
