import { it } from 'vitest';
import { archiveCaseNames, archiveDifferences, fixtureBytes, resave } from './support/save-fixtures.js';

it('scratch', () => {
  let same = 0;
  for (const name of archiveCaseNames()) {
    try {
      const d = archiveDifferences(resave(name), fixtureBytes(name));
      if (d.length === 0) same++;
      else console.log(name, d.slice(0, 4).join(' | '));
    } catch (e) {
      console.log(name, 'ERROR', (e as Error).message.split('\n')[0]);
    }
  }
  console.log('identical', same);
}, 600000);
