import { Finding } from '../../core/finding';
import { LevelFacts } from '../facts';

/** A preflight check: a pure function from one level's facts to findings. */
export type Check = (facts: LevelFacts) => Finding[];
