import { Module } from '@nestjs/common';
import { CodingGapsController } from './coding-gaps.controller.js';
import { CodingGapsRepository } from './coding-gaps.repository.js';
import { CodingGapsService } from './coding-gaps.service.js';

/** Coding gaps: the coding team's list of documentation and coding findings and missed charges. */
@Module({
  controllers: [CodingGapsController],
  providers: [CodingGapsRepository, CodingGapsService],
})
export class CodingGapsModule {}
