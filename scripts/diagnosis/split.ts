/**
 * Records new corpus samples in split.json, each drawn at random into the tuning or the held-out set (a third held
 * out, one draw per source thread). Samples already split never move.   npm run corpus:split
 */
import * as fs from 'fs';
import { extendSplit, loadSamples, SPLIT_FILE, Split } from './corpus';

const current: Split = fs.existsSync(SPLIT_FILE)
  ? (JSON.parse(fs.readFileSync(SPLIT_FILE, 'utf8')) as Split)
  : { method: 'each sample drawn once with crypto.randomInt: 1/3 held out, 2/3 tuning; never moved afterwards', tuning: [], heldout: [] };
const { split, added } = extendSplit(current, loadSamples());
fs.writeFileSync(SPLIT_FILE, JSON.stringify(split, null, 2) + '\n');
process.stdout.write(`split: ${added.length} new samples drawn; tuning ${split.tuning.length}, held out ${split.heldout.length}\n`);
