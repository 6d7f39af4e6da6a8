import { Test } from '@nestjs/testing';
import { join } from 'node:path';
import { type CodeSetRegistry } from './code-set-registry.js';
import { CODE_SETS, CodeSetsModule } from './code-sets.module.js';

describe('CodeSetsModule', () => {
  it('provides the loaded registry under CODE_SETS', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CodeSetsModule.forRoot({ licensedDir: join(process.cwd(), 'no-such-licensed-dir') })],
    }).compile();
    const sut = moduleRef.get<CodeSetRegistry>(CODE_SETS);
    expect(sut.icd10('E11.9', '2026-01-01').status).toBe('billable');
    expect(sut.hasLicensedList('cpt')).toBe(false);
    await moduleRef.close();
  });
});
