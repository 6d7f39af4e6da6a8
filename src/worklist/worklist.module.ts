import { Module } from '@nestjs/common';
import { ClaimsModule } from '../claims/claims.module.js';
import { DeadlinesModule } from '../deadlines/deadlines.module.js';
import { FindingsModule } from '../findings/findings.module.js';
import { InputsModule } from '../inputs/inputs.module.js';
import { RemitsModule } from '../remits/remits.module.js';
import { ClaimPageService } from './claim-page.service.js';
import { WorklistController } from './worklist.controller.js';
import { WorklistRepository } from './worklist.repository.js';
import { WorklistService } from './worklist.service.js';

/**
 * The billing worklist and the claim page. The claim page reuses the claim detail (ClaimsService),
 * the findings view, remittances, the patient links and the claim's open deadline alert.
 */
@Module({
  imports: [ClaimsModule, DeadlinesModule, FindingsModule, InputsModule, RemitsModule],
  controllers: [WorklistController],
  providers: [WorklistService, WorklistRepository, ClaimPageService],
})
export class WorklistModule {}
