import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators.js';
import { DATABASE_RETRY_AFTER_SECONDS } from '../common/http-exception.filter.js';

export interface HealthStatus {
  status: 'ok' | 'unavailable';
  service: 'claimguard';
  database: 'up' | 'down';
  uptimeSeconds: number;
}

/** How long the database check may take before the database counts as down. */
const DATABASE_CHECK_MS = 3000;

/**
 * Liveness and readiness for load balancers and the CI smoke test: 200 when the database answers,
 * 503 with Retry-After (database `down`) when it does not.
 */
@Controller('api/v1/health')
@Public()
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  async get(@Res({ passthrough: true }) res: Response): Promise<HealthStatus> {
    const up = await this.databaseAnswers();
    if (!up) {
      res.status(503);
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    return {
      status: up ? 'ok' : 'unavailable',
      service: 'claimguard',
      database: up ? 'up' : 'down',
      uptimeSeconds: Math.round(process.uptime()),
    };
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), DATABASE_CHECK_MS);
    });
    try {
      return await Promise.race([this.dataSource.query('SELECT 1').then(() => true), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }
}
