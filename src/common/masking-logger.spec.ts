import { jest } from '@jest/globals';
import { MaskingLogger } from './masking-logger.js';

/** What the logger wrote to stdout and stderr while `work` ran. */
function captured(work: () => void): string {
  const chunks: string[] = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(capture);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(capture);
  try {
    work();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return chunks.join('');
}

const PHI = ['DOE', 'JOHN', 'W123456789', '19800214', 'Ann', 'Lee', 'M0042', '1975-03-04'];

describe('MaskingLogger', () => {
  const sut = new MaskingLogger({ colors: false, logLevels: ['log', 'warn', 'error', 'debug'] });

  it('masks an NM1 name, a member id and a date of birth in a log message', () => {
    const text = captured(() =>
      sut.warn('segment NM1*IL*1*DOE*JOHN****MI*W123456789~DMG*D8*19800214*M~ refused', 'Ingest'),
    );
    expect(text).toContain('refused');
    expect(text).toContain('Ingest');
    expect(text).toContain('NM1*IL*1*');
    for (const p of PHI.slice(0, 4)) expect(text).not.toContain(p);
  });

  it('masks errors: message and stack, in the error call and the stack printed after it', () => {
    const e = new Error('duplicate key: {"memberId":"M0042","dob":"1975-03-04"}');
    const text = captured(() => {
      sut.error(e.message, e.stack, 'Db');
      sut.error(e);
    });
    expect(text).toContain('duplicate key');
    for (const p of ['M0042', '1975-03-04']) expect(text).not.toContain(p);
  });

  it('masks objects and parameters, nested keys included, in text and JSON output', () => {
    const record = { row: 3, patient: { firstName: 'Ann', lastName: 'Lee' }, memberId: 'M0042' };
    const text = captured(() => sut.log(record, 'Import'));
    expect(text).toContain('row');
    for (const p of ['Ann', 'Lee', 'M0042']) expect(text).not.toContain(p);

    const json = new MaskingLogger({ json: true, logLevels: ['log', 'error'] });
    const jsonText = captured(() => {
      json.log('patient {"lastName":"Lee","dob":"1975-03-04"}');
      json.error(new Error('member M0042 NM1*IL*1*DOE*JOHN****MI*W123456789~'));
    });
    expect(jsonText).toContain('patient');
    for (const p of ['Lee', '1975-03-04', 'DOE', 'JOHN', 'W123456789']) expect(jsonText).not.toContain(p);
  });

  it('keeps messages without PHI as they are', () => {
    const text = captured(() => sut.log('evaluated 150 claims in 2.1 s', 'Findings'));
    expect(text).toContain('evaluated 150 claims in 2.1 s');
  });
});
