// The model `npm run corpus:model` (scripts/diagnosis/causeModel.ts) writes to trainedModel.json from the tuning split,
// the fixtures and the catalog: data, not code. Do not edit the JSON: a unit test checks it is exactly what the script makes.
import { unpackModel } from './packing';
import trained from './trainedModel.json';

export const CAUSE_MODEL = unpackModel(trained);
