// One way to do each thing, checked on the source text so it cannot erode unnoticed: the form
// number's pattern, a form's history writes and the visibility rule each live in one module.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, sources } from './sources';

const code = [...sources('lib'), ...sources('app'), ...sources('components'), ...sources('db')];
const matching = (re: RegExp) => code.filter((f) => re.test(fs.readFileSync(path.join(root, f), 'utf8')));

describe('one way to do each thing', () => {
  it('finds the files it checks', () => {
    expect(code.length).toBeGreaterThan(100);
  });

  it('writes the form number’s pattern once (lib/params.ts: isComplaintNumber, complaintNumberSchema)', () => {
    expect(matching(/KS-\\d/)).toEqual(['lib/params.ts']);
  });

  it('writes a form’s history in one place (lib/complaints/change.ts: changeForm / recordChange)', () => {
    expect(matching(/insert\(complaintEvents\)/)).toEqual(['lib/complaints/change.ts']);
  });

  it('writes the visibility rule once (lib/complaints/access.ts): nobody else reads complaint_parties to decide who sees a form', () => {
    expect(matching(/export (async )?function (canSee|visibleTo|notInvolved|refuseInvolved|partiesOf)\b/)).toEqual(['lib/complaints/access.ts']);
  });
});
