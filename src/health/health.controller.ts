import { Controller, Get } from '@nestjs/common';

export interface HealthStatus {
  status: 'ok';
  service: 'claimguard';
  uptimeSeconds: number;
}

/** Liveness for load balancers and the CI smoke test. */
@Controller('api/v1/health')
export class HealthController {
  @Get()
  get(): HealthStatus {
    return { status: 'ok', service: 'claimguard', uptimeSeconds: Math.round(process.uptime()) };
  }
}
